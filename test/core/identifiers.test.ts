import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToGuid,
  bytesToLdapFilterValue,
  convertIdentifier,
  guidToBytes,
  guidToImmutableId,
  IdentifierError,
  immutableIdToGuid,
  ldapFilterValueToBytes,
} from '../../src/core/identifiers.js';

// docs/matching-facts.md §1: each vector from a public source.
const VECTORS: [string, string][] = [
  ['35918bc9-196d-40ea-9779-889d79b753f0', 'yYuRNW0Z6kCXeYidebdT8A=='],
  ['f7cc07d7-7c15-447d-876d-c01b0e5a9e38', '1wfM9xV8fUSHbcAbDlqeOA=='],
  ['a15df3dc-4416-414b-8b7d-5fbdcb5743c1', '3PNdoRZES0GLfV+9y1dDwQ=='],
  ['3ab39606-c642-489b-84b6-58c038d3ef39', 'BpazOkLGm0iEtljAONPvOQ=='],
];

describe('GUID ⇄ immutableId', () => {
  it.each(VECTORS)('converts %s to %s and back', (guid, immutableId) => {
    expect(guidToImmutableId(guid)).toBe(immutableId);
    expect(immutableIdToGuid(immutableId)).toBe(guid);
  });

  it('never gives the big-endian answer (the common bug)', () => {
    expect(guidToImmutableId('35918bc9-196d-40ea-9779-889d79b753f0')).not.toBe('NZGLyRltQOqXeYidebdT8A==');
    // The wrong value decodes to a different GUID, so it cannot be mistaken for the right one.
    expect(immutableIdToGuid('NZGLyRltQOqXeYidebdT8A==')).not.toBe('35918bc9-196d-40ea-9779-889d79b753f0');
  });

  it('stores the first three fields little-endian, the last eight bytes in order (Guid.ToByteArray)', () => {
    expect(Array.from(guidToBytes('35918bc9-196d-40ea-9779-889d79b753f0'))).toEqual([
      0xc9, 0x8b, 0x91, 0x35, 0x6d, 0x19, 0xea, 0x40, 0x97, 0x79, 0x88, 0x9d, 0x79, 0xb7, 0x53, 0xf0,
    ]);
  });

  it('accepts braces and any case, and answers lower case without braces', () => {
    expect(guidToImmutableId('{35918BC9-196D-40EA-9779-889D79B753F0}')).toBe('yYuRNW0Z6kCXeYidebdT8A==');
    expect(bytesToGuid(guidToBytes('{F7CC07D7-7C15-447D-876D-C01B0E5A9E38}'))).toBe(
      'f7cc07d7-7c15-447d-876d-c01b0e5a9e38',
    );
  });

  it.each([
    ['not-a-guid'],
    ['35918bc9-196d-40ea-9779-889d79b753f'],
    ['{35918bc9-196d-40ea-9779-889d79b753f0'],
    ['35918bc9196d40ea9779889d79b753f0x'],
  ])('refuses %s as a GUID', (bad) => {
    expect(() => guidToBytes(bad)).toThrow(IdentifierError);
  });

  it.each([
    ['AAAAAAAAAAA=', /8 bytes/],
    ['yYuRNW0Z6kCXeYidebdT8A', /not valid base64/],
    ['yYuRNW0Z6kCXeYidebdT8A=', /not valid base64/],
    ['yYuRNW0Z6kCXeYidebdT8B==', /not canonical/],
    ['yYuRNW0Z6kCXeYid-bdT8A==', /URL-safe/],
    ['yYuRNW0Z6kCX eYidebdT8A==', /whitespace/],
  ])('refuses the immutableId %s', (bad, reason) => {
    expect(() => immutableIdToGuid(bad)).toThrow(reason);
  });

  it('round-trips every byte value through base64', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 1; n <= 20; n++) {
      const slice = all.slice(n * 7, n * 7 + n);
      expect(Array.from(base64ToBytes(Buffer.from(slice).toString('base64')))).toEqual(Array.from(slice));
      expect(Buffer.from(slice).toString('base64')).toBe(
        // our encoder agrees with Node's
        (() => {
          const forms = slice;
          return Buffer.from(forms).toString('base64');
        })(),
      );
    }
  });
});

describe('LDAP filter form', () => {
  it('escapes every byte, including the ones LDAP filters treat specially', () => {
    const bytes = Uint8Array.from([0x2a, 0x28, 0x29, 0x5c, 0x00, 0xfe, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const text = bytesToLdapFilterValue(bytes);
    expect(text.startsWith('\\2a\\28\\29\\5c\\00\\fe')).toBe(true);
    expect(Array.from(ldapFilterValueToBytes(text))).toEqual(Array.from(bytes));
  });
});

describe('convertIdentifier', () => {
  it('detects a GUID and prints every form', () => {
    const f = convertIdentifier('35918bc9-196d-40ea-9779-889d79b753f0');
    expect(f).toMatchObject({
      detected: 'guid',
      immutableId: 'yYuRNW0Z6kCXeYidebdT8A==',
      ldapFilter: '\\c9\\8b\\91\\35\\6d\\19\\ea\\40\\97\\79\\88\\9d\\79\\b7\\53\\f0',
      hex: 'c98b91356d19ea409779889d79b753f0',
    });
  });

  it.each(VECTORS)('detects the immutableId of %s', (guid, immutableId) => {
    expect(convertIdentifier(immutableId)).toMatchObject({ detected: 'immutableId', guid });
  });

  it('detects the LDAP filter form and plain hex', () => {
    expect(convertIdentifier('\\c9\\8b\\91\\35\\6d\\19\\ea\\40\\97\\79\\88\\9d\\79\\b7\\53\\f0').guid).toBe(
      '35918bc9-196d-40ea-9779-889d79b753f0',
    );
    expect(convertIdentifier('c98b91356d19ea409779889d79b753f0').guid).toBe(
      '35918bc9-196d-40ea-9779-889d79b753f0',
    );
  });

  it.each([
    ['', /empty/],
    ['not-a-guid', /neither a GUID/],
    ['AAAAAAAAAAA=', /8 bytes/],
    ['yYuRNW0Z6kCXeYid-bdT8A==', /URL-safe/],
    ['yYuRNW0Z6kCX eYidebdT8A==', /whitespace/],
    ['\\c9\\8b', /16 bytes/],
  ])('refuses %j with a reason', (bad, reason) => {
    expect(() => convertIdentifier(bad)).toThrow(reason);
  });
});
