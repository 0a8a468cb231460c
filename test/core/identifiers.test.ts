import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToGuid,
  bytesToLdapFilterValue,
  convertIdentifier,
  convertReadings,
  guidToBytes,
  guidToImmutableId,
  IdentifierError,
  immutableIdToGuid,
  ldapFilterValueToBytes,
} from '../../src/core/identifiers.js';
import { parseIdentity } from '../../src/core/identity-input.js';

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
    expect(convertIdentifier('c98b91356d19ea409779889d79b753f0', 'bytes').guid).toBe(
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

// Vectors computed with Python's uuid module (issue 14): uuid.UUID(s).hex is the dashless GUID
// (ToString('N')), .bytes_le the stored bytes (objectGUID), base64 of .bytes_le the immutableId,
// and base64 of .bytes the big-endian mistake.
const PY: [
  guid: string,
  n: string,
  bytesLe: string,
  immutableId: string,
  bigEndian: string,
  decimal: number[],
][] = [
  [
    'b2d9bf40-6cc2-4a4a-a0e8-cd7d3c8f9a8e',
    'b2d9bf406cc24a4aa0e8cd7d3c8f9a8e',
    '40bfd9b2c26c4a4aa0e8cd7d3c8f9a8e',
    'QL/ZssJsSkqg6M19PI+ajg==',
    'stm/QGzCSkqg6M19PI+ajg==',
    [64, 191, 217, 178, 194, 108, 74, 74, 160, 232, 205, 125, 60, 143, 154, 142],
  ],
  [
    '5c29282a-8e00-41ff-b639-dc4da1aa9294',
    '5c29282a8e0041ffb639dc4da1aa9294',
    '2a28295c008eff41b639dc4da1aa9294',
    'KigpXACO/0G2OdxNoaqSlA==',
    'XCkoKo4AQf+2OdxNoaqSlA==',
    [42, 40, 41, 92, 0, 142, 255, 65, 182, 57, 220, 77, 161, 170, 146, 148],
  ],
  [
    '00000000-0000-0000-0000-000000000001',
    '00000000000000000000000000000001',
    '00000000000000000000000000000001',
    'AAAAAAAAAAAAAAAAAAAAAQ==',
    'AAAAAAAAAAAAAAAAAAAAAQ==',
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
  ],
  [
    'ffffffff-ffff-ffff-ffff-fffffffffffe',
    'fffffffffffffffffffffffffffffffe',
    'fffffffffffffffffffffffffffffffe',
    '/////////////////////g==',
    '/////////////////////g==',
    [255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 254],
  ],
  [
    '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    '3c2d1e0f5a4b78698796a5b4c3d2e1f0',
    'PC0eD1pLeGmHlqW0w9Lh8A==',
    'Dx4tPEtaaXiHlqW0w9Lh8A==',
    [60, 45, 30, 15, 90, 75, 120, 105, 135, 150, 165, 180, 195, 210, 225, 240],
  ],
];

describe('convertReadings: the forms technicians paste (vectors from Python uuid.bytes_le)', () => {
  it.each(PY)('%s: 32 hex digits give both readings, the GUID one first', (guid, n, bytesLe, immutableId) => {
    const c = convertReadings(n);
    expect(c.readings.map((r) => r.detected)).toEqual(['guidDigits', 'hex']);
    expect(c.readings[0]).toMatchObject({ guid, immutableId, hex: bytesLe });
    // The second reading takes the digits as the stored bytes: uuid.UUID(bytes_le=…) of them.
    expect(c.readings[1]!.hex).toBe(n);
    expect(c.notes.join(' ')).toMatch(/two ways/);
    expect(convertReadings(n, 'guid').readings).toHaveLength(1);
    expect(convertReadings(n, 'guid').readings[0]!.immutableId).toBe(immutableId);
    expect(convertReadings(n, 'bytes').readings[0]!.hex).toBe(n);
  });

  it.each(PY)(
    '%s: round trips through every form stay exact',
    (guid, _n, bytesLe, immutableId, bigEndian, decimal) => {
      const spaced = bytesLe.toUpperCase().match(/../g)!.join(' ');
      const ps = `{${decimal.join(', ')}}`;
      const lines = decimal.join('\n');
      for (const [input, detected] of [
        [guid, 'guid'],
        [`{${guid.toUpperCase()}}`, 'guid'],
        [immutableId, 'immutableId'],
        [spaced, 'spacedHex'],
        [ps, 'byteArray'],
        [`@(${decimal.join(',')})`, 'byteArray'],
        [lines, 'byteArray'],
        [`\\${bytesLe.match(/../g)!.join('\\')}`, 'ldapFilter'],
      ] as const) {
        const f = convertIdentifier(input);
        expect(f).toMatchObject({
          detected,
          guid,
          immutableId,
          hex: bytesLe,
          bigEndianImmutableIdWarning: bigEndian,
        });
      }
    },
  );

  it('reads unpadded base64 with a note giving the padded immutableId', () => {
    const c = convertReadings('KigpXACO/0G2OdxNoaqSlA');
    expect(c.readings[0]).toMatchObject({
      detected: 'immutableId',
      guid: '5c29282a-8e00-41ff-b639-dc4da1aa9294',
    });
    expect(c.notes.join(' ')).toContain('KigpXACO/0G2OdxNoaqSlA==');
  });

  it.each([
    ['15 spaced bytes', 'AA F7 BA 00 11 22 33 44 55 66 77 88 99 AA BB', /holds 15 bytes/],
    ['a byte above 255', '{256, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}', /0–255|neither/],
    ['17 decimal bytes', `{${Array(17).fill(1).join(', ')}}`, /holds 17 bytes/],
  ])('refuses %s', (_name, bad, reason) => {
    expect(() => convertReadings(bad)).toThrow(reason);
  });
});

describe('parseIdentity: the same forms where they are unambiguous', () => {
  it.each(PY)('%s', (guid, n, bytesLe, immutableId, _b, decimal) => {
    for (const input of [
      bytesLe.match(/../g)!.join(' '),
      `{${decimal.join(', ')}}`,
      immutableId.slice(0, 22),
    ]) {
      const q = parseIdentity(input);
      expect(q).toMatchObject({ kind: 'immutableId', immutableId });
      expect(bytesToGuid((q as { bytes: Uint8Array }).bytes)).toBe(guid);
    }
    expect(() => parseIdentity(n)).toThrow(/two ways/);
  });
});
