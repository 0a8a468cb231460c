// The one DN parser (RFC 4514) and comparison (issue 14); the Samba DC checks the same cases in
// test/integration/dn-samba.test.ts.
import { describe, expect, it } from 'vitest';
import { dnInScope, isUnderDn, parseDn, readDn, sameDn } from '../../src/core/dn.js';
import { inScope } from '../../src/core/rules/ad-scope.js';
import { isInScope } from '../../src/lab/sync-engine/scope.js';

describe('parseDn', () => {
  it.each([
    ['escaped comma and =', 'CN=Evil\\,OU\\=Staff,DC=contoso,DC=com', ['Evil,OU=Staff', 'contoso', 'com']],
    ['escaped plus, quote, backslash', 'CN=a\\+b\\"c\\\\d,DC=x', ['a+b"c\\d', 'x']],
    ['hex escape', 'CN=a\\2Cb,DC=x', ['a,b', 'x']],
    ['UTF-8 hex escapes', 'CN=Zo\\C3\\AB,DC=x', ['Zo\u00eb', 'x']],
    ["the space after an escaped comma is the value's", 'CN=a\\, b,DC=x', ['a, b', 'x']],
    ['spaces after = and around commas', ' CN= John Doe ,  OU=Lab,DC=x ', [' John Doe ', 'Lab', 'x']],
    ['any other escaped character is itself', 'CN=Jo\\hn,DC=x', ['John', 'x']],
    ['( ) * need no escape', 'CN=Star (Wild*),DC=x', ['Star (Wild*)', 'x']],
  ])('%s', (_name, text, values) => {
    expect(parseDn(text)!.map((r) => r.value)).toEqual(values);
  });

  it('lower-cases attribute types', () => {
    expect(parseDn('cN=a,oU=b,Dc=x')!.map((r) => r.type)).toEqual(['cn', 'ou', 'dc']);
  });

  it.each([
    ['empty', '', 'it is empty'],
    ['empty value', 'CN=,DC=x', 'empty value'],
    ['a value of spaces', 'CN=  ,DC=x', 'empty value'],
    ['no type', '=a,DC=x', 'not an attribute name'],
    ['a space before =', 'CN =a,DC=x', 'not an attribute name'],
    ['an OID type', '2.5.4.3=a,DC=x', 'not an attribute name'],
    ['multi-valued RDN', 'CN=a+UID=b,DC=x', 'one attribute per RDN'],
    ['unescaped quote', 'CN=a"b,DC=x', 'must be escaped'],
    ['unescaped = (a filter appended)', 'CN=a,DC=x)(objectClass=*', 'must be escaped'],
    ['unescaped ;', 'CN=a;b,DC=x', 'must be escaped'],
    ['invalid UTF-8 in hex escapes', 'CN=\\C3h,DC=x', 'not UTF-8'],
    ['trailing comma', 'CN=a,', 'ends with a comma'],
    ['two commas', 'CN=a,,DC=x', 'not an attribute name'],
  ])('refuses %s', (_name, text, why) => {
    expect(parseDn(text)).toBeNull();
    const r = readDn(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toContain(why);
  });
});

describe('sameDn and isUnderDn', () => {
  it('one name, however it is spelt', () => {
    for (const other of [
      'cn=evil\\2c ou\\3dstaff,dc=contoso,dc=com',
      'CN=Evil\\2C OU\\=Staff, DC=contoso, DC=com',
      'CN= EVIL\\,  OU\\=STAFF\\ ,DC=CONTOSO,DC=COM',
    ])
      expect(sameDn('CN=Evil\\, OU\\=Staff,DC=contoso,DC=com', other)).toBe(true);
  });

  it('the space after an escaped comma counts (the lab used to drop it)', () => {
    expect(sameDn('CN=a\\, b,DC=x', 'CN=a\\,b,DC=x')).toBe(false);
  });

  it('a multi-valued RDN names nothing (AD has none)', () => {
    expect(sameDn('CN=a+UID=b,DC=x', 'CN=a+UID=b,DC=x')).toBe(false);
  });

  it('CN=Evil\\,OU=Staff lives under the domain, not under OU=Staff', () => {
    const evil = 'CN=Evil\\,OU\\=Staff,DC=contoso,DC=com';
    expect(isUnderDn(evil, 'OU=Staff,DC=contoso,DC=com')).toBe(false);
    expect(isUnderDn(evil, 'DC=contoso,DC=com')).toBe(true);
    expect(isUnderDn('CN=Good,OU=Staff,DC=contoso,DC=com', 'ou=staff, dc=contoso,dc=com')).toBe(true);
    expect(isUnderDn('CN=x,OU=Staff2,DC=contoso,DC=com', 'OU=Staff,DC=contoso,DC=com')).toBe(false);
  });

  it('the scope rule, the scan and the lab engine give one answer', () => {
    const scope = ['OU=Staff,DC=contoso,DC=com'];
    for (const [dn, inside] of [
      ['CN=Evil\\,OU\\=Staff,DC=contoso,DC=com', false],
      ['CN=Evil\\2COU\\3DStaff,DC=contoso,DC=com', false],
      ['CN=Evil\\,OU=Staff,DC=contoso,DC=com', false],
      ['CN=Good,OU=Staff,DC=contoso,DC=com', true],
      ['CN=Good,OU=Staff+L=x,DC=contoso,DC=com', false],
      ['not a dn', false],
    ] as const) {
      expect([dnInScope(dn, scope), inScope(dn, scope), isInScope(dn, scope)]).toEqual([
        inside,
        inside,
        inside,
      ]);
    }
    expect(dnInScope('CN=a,DC=x', ['not a dn'])).toBe(false);
    expect(dnInScope('CN=a,DC=x', [])).toBe(true);
  });
});
