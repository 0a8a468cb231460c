// Hostile identities, each with the outcome it must have (issue 8). The objects named here exist
// both in the Samba DC's seed (scripts/test-services/samba-seed.ldif) and in the lab fixture
// test/fixtures/scenarios/hostile-values.json, with the same objectGUIDs, so one expectation holds
// for both directories unless an entry says otherwise.

/** Objects the corpus can expect to find: objectGUID and DN (what "the right object" means). */
export const OBJECTS = {
  john: { guid: '5c29282a-8e00-41ff-b639-dc4da1aa9294', dn: 'CN=John Doe,OU=Lab,DC=lab,DC=example' },
  jane: { guid: '11111111-2222-3333-4444-555555555555', dn: 'CN=Jane Roe,OU=Lab,DC=lab,DC=example' },
  obrien: {
    guid: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    dn: "CN=Pat O'Brien,OU=Lab,DC=lab,DC=example",
  },
  johnny: { guid: '22222222-3333-4444-5555-666666666666', dn: 'CN=Johnny Dup,OU=Lab,DC=lab,DC=example' },
  zoeNfc: {
    guid: '5c2a2829-0001-4000-8000-0000000000a1',
    dn: 'CN=Zo\u00eb \u00c5ngstr\u00f6m,OU=Hostile,DC=lab,DC=example',
  },
  zoeNfd: {
    guid: '5c2a2829-0002-4000-8000-0000000000a2',
    dn: 'CN=Zoe Combining,OU=Hostile,DC=lab,DC=example',
  },
  star: { guid: '0000005c-2a28-2900-8e8e-ffffffff0003', dn: 'CN=Star (Wild*),OU=Hostile,DC=lab,DC=example' },
  ctl: { guid: '2a2a2a2a-0004-4000-8000-0000000000a4', dn: 'CN=Ctl Chars,OU=Hostile,DC=lab,DC=example' },
  long: { guid: '28282828-0005-4000-8000-0000000000a5', dn: 'CN=Long Value,OU=Hostile,DC=lab,DC=example' },
  caseUpper: {
    guid: '29292929-0006-4000-8000-0000000000a6',
    dn: 'CN=Case Upper,OU=Hostile,DC=lab,DC=example',
  },
  caseLower: {
    guid: '29292929-0007-4000-8000-0000000000a7',
    dn: 'CN=Case Lower,OU=Hostile,DC=lab,DC=example',
  },
} as const;

export type ObjectKey = keyof typeof OBJECTS;

/** Cloud users of the lab fixture that an identity's diagnosis must pick as its target. */
export const CLOUD = {
  john: 'c1000000-0000-4000-8000-000000000001',
  obrien: 'c1000000-0000-4000-8000-000000000003',
  zoeNfc: 'c1000000-0000-4000-8000-000000000004',
  star: 'c1000000-0000-4000-8000-000000000005',
} as const;

export type Expected =
  { found: ObjectKey; cloud?: keyof typeof CLOUD } | { ambiguous: ObjectKey[] } | 'notFound' | 'invalid';

export interface CorpusEntry {
  /** What the entry is about (the test name). */
  name: string;
  identity: string;
  expected: Expected;
  /** Where the Samba DC answers differently (or lacks the object): its own expectation. */
  samba?: Expected;
  /** false: cannot be passed as a command-line argument (NUL). */
  argv?: boolean;
}

// John's objectGUID bytes are 2a 28 29 5c 00 8e ff 41 …: * ( ) \ NUL and ≥ 0x80.
const JOHN_IMMUTABLE_ID = 'KigpXACO/0G2OdxNoaqSlA==';
// John's mS-DS-ConsistencyGuid (differs from his objectGUID, as after a forest migration).
const JOHN_ANCHOR = 'ASNFZ4mrze8qKClcAP7cug==';
const NFC = 'zo\u00eb.\u00e5ngstr\u00f6m@lab.example';
const NFD = 'zoe\u0308.a\u030angstro\u0308m@lab.example';

export const CORPUS: CorpusEntry[] = [
  // Plain forms first: the baseline every other entry is compared with.
  { name: 'sAMAccountName', identity: 'jdoe', expected: { found: 'john', cloud: 'john' } },
  { name: 'sAMAccountName in upper case', identity: 'JDOE', expected: { found: 'john' } },
  { name: 'UPN', identity: 'john.doe@lab.example', expected: { found: 'john', cloud: 'john' } },
  { name: 'DN', identity: OBJECTS.john.dn, expected: { found: 'john' } },
  {
    name: 'DN with spaces after the commas',
    identity: 'CN=John Doe, OU=Lab, DC=lab, DC=example',
    expected: { found: 'john' },
  },
  // LDAP filter metacharacters and injection.
  { name: 'a lone *', identity: '*', expected: 'invalid' },
  { name: 'filter injection *)(sAMAccountName=*', identity: '*)(sAMAccountName=*', expected: 'invalid' },
  { name: 'filter injection inside an address', identity: 'x*)(|(mail=*)@lab.example', expected: 'notFound' },
  { name: 'wildcard address *@lab.example', identity: '*@lab.example', expected: 'notFound' },
  { name: 'wildcard prefix star*@lab.example', identity: 'star*@lab.example', expected: 'notFound' },
  {
    name: 'an address holding * ( ) literally',
    identity: 'star*(x)@lab.example',
    expected: { found: 'star', cloud: 'star' },
  },
  {
    name: 'an address holding a backslash',
    identity: 'back\\slash@lab.example',
    expected: { found: 'star' },
  },
  { name: 'a backslash-escaped filter value', identity: '\\2a\\28\\29\\5c', expected: 'invalid' },
  { name: 'parentheses only', identity: '()', expected: 'notFound' },
  { name: 'NUL inside a name', identity: 'jdoe\u0000', expected: 'invalid', argv: false },
  { name: 'NUL before an address', identity: '\u0000john.doe@lab.example', expected: 'invalid', argv: false },
  { name: 'DN with a wildcard RDN', identity: 'CN=*,OU=Lab,DC=lab,DC=example', expected: 'notFound' },
  { name: 'DN holding * ( ) literally', identity: OBJECTS.star.dn, expected: { found: 'star' } },
  {
    name: 'DN with a filter appended',
    identity: 'CN=John Doe,OU=Lab,DC=lab,DC=example)(objectClass=*',
    expected: 'invalid',
  },
  { name: 'DN with an empty RDN value', identity: 'CN=,OU=Lab,DC=lab,DC=example', expected: 'invalid' },
  // OData quotes: an apostrophe is legal in a UPN and must be found, in AD and in the cloud.
  {
    name: "UPN with an apostrophe (o'brien)",
    identity: "o'brien@lab.example",
    expected: { found: 'obrien', cloud: 'obrien' },
  },
  {
    name: 'apostrophe UPN in upper case',
    identity: "O'BRIEN@LAB.EXAMPLE",
    expected: { found: 'obrien', cloud: 'obrien' },
  },
  {
    name: 'apostrophe UPN with an SMTP: prefix',
    identity: "SMTP:o'brien@lab.example",
    expected: { found: 'obrien' },
  },
  { name: 'OData injection through quotes', identity: "x'or'1'eq'1@lab.example", expected: 'notFound' },
  { name: 'doubled quote (already escaped by hand)', identity: "o''brien@lab.example", expected: 'notFound' },
  // Unicode: the two normal forms of one name are different values; case folds beyond ASCII.
  { name: 'Unicode UPN (NFC)', identity: NFC, expected: { found: 'zoeNfc', cloud: 'zoeNfc' } },
  { name: 'the same UPN with combining characters (NFD)', identity: NFD, expected: { found: 'zoeNfd' } },
  { name: 'Unicode UPN in upper case', identity: NFC.toUpperCase(), expected: { found: 'zoeNfc' } },
  { name: 'Unicode DN', identity: OBJECTS.zoeNfc.dn, expected: { found: 'zoeNfc' } },
  { name: 'emoji sAMAccountName', identity: 'j\u{1F600}doe', expected: 'notFound' },
  // Direction and invisible characters: refused, so nothing is searched that looks like another value.
  { name: 'right-to-left mark', identity: 'jdoe\u200f', expected: 'invalid' },
  {
    name: 'right-to-left override in an address',
    identity: '\u202eelpmaxe.bal@eod.nhoj',
    expected: 'invalid',
  },
  { name: 'zero-width space inside a name', identity: 'jd\u200boe', expected: 'invalid' },
  { name: 'escape sequence', identity: 'jdoe\u001b[2J', expected: 'invalid' },
  { name: 'line break inside an immutableId', identity: 'KigpXACO/0G2\nOdxNoaqSlA==', expected: 'invalid' },
  // Length.
  { name: '10 000 characters', identity: 'a'.repeat(10_000), expected: 'invalid' },
  { name: '10 000-character address', identity: `${'a'.repeat(9_988)}@lab.example`, expected: 'invalid' },
  { name: '1 024 characters (the longest accepted)', identity: 'b'.repeat(1_024), expected: 'notFound' },
  // Empty.
  { name: 'empty', identity: '', expected: 'invalid' },
  { name: 'spaces only', identity: '   ', expected: 'invalid' },
  { name: 'tabs and newlines only', identity: '\t\n \r\n', expected: 'invalid' },
  { name: 'surrounding spaces are trimmed', identity: '  jdoe  ', expected: { found: 'john' } },
  // GUIDs whose bytes need escaping in a filter.
  {
    name: 'objectGUID with * ( ) \\ NUL bytes',
    identity: OBJECTS.john.guid,
    expected: { found: 'john', cloud: 'john' },
  },
  {
    name: 'objectGUID in braces and upper case',
    identity: `{${OBJECTS.john.guid.toUpperCase()}}`,
    expected: { found: 'john' },
  },
  { name: 'objectGUID with one brace', identity: `{${OBJECTS.john.guid}`, expected: 'notFound' },
  { name: 'objectGUID one digit short', identity: OBJECTS.john.guid.slice(0, -1), expected: 'notFound' },
  {
    name: 'objectGUID of a group (users only)',
    identity: '44444444-5555-6666-7777-888888888888',
    expected: 'notFound',
  },
  {
    name: 'objectGUID of a contact (users only)',
    identity: '55555555-6666-7777-8888-999999999999',
    expected: 'notFound',
  },
  { name: 'objectGUID nobody has', identity: '5c29282a-8e00-41ff-b639-dc4da1aa9295', expected: 'notFound' },
  { name: 'objectGUID of a hostile-name user', identity: OBJECTS.star.guid, expected: { found: 'star' } },
  // base64: the standard alphabet, padded, canonical; anything else is refused or not found.
  { name: 'immutableId of the objectGUID', identity: JOHN_IMMUTABLE_ID, expected: { found: 'john' } },
  {
    name: 'immutableId of the consistency GUID',
    identity: JOHN_ANCHOR,
    expected: { found: 'john', cloud: 'john' },
  },
  {
    name: 'immutableId with surrounding whitespace',
    identity: ` ${JOHN_ANCHOR}\n`,
    expected: { found: 'john' },
  },
  { name: 'immutableId with a space inside', identity: 'KigpXACO /0G2OdxNoaqSlA==', expected: 'invalid' },
  { name: 'immutableId in the URL-safe alphabet', identity: 'KigpXACO_0G2OdxNoaqSlA==', expected: 'invalid' },
  // Unpadded base64 (22 characters) cannot be a sAMAccountName (20 at most): read as the immutableId.
  { name: 'immutableId without padding', identity: 'KigpXACO/0G2OdxNoaqSlA', expected: { found: 'john' } },
  {
    name: 'immutableId without padding, no + or /',
    identity: 'ASNFZ4mrze8qKClcAP7cug',
    expected: { found: 'john', cloud: 'john' },
  },
  {
    name: 'immutableId that is not canonical base64',
    identity: 'KigpXACO/0G2OdxNoaqSlB==',
    expected: 'invalid',
  },
  {
    name: 'big-endian immutableId (the common bug)',
    identity: 'XCkoKo4AQf+2OdxNoaqSlA==',
    expected: 'notFound',
  },
  { name: 'immutableId of a group', identity: 'RERERFVVZmZ3d4iIiIiIiA==', expected: 'notFound' },
  // Proxy addresses: the address part alone, with either prefix, a prefix-less value, X500.
  {
    name: 'a secondary proxy address without its prefix',
    identity: 'j.doe@lab.example',
    expected: { found: 'john' },
  },
  { name: 'a proxy address with smtp:', identity: 'smtp:J.DOE@lab.example', expected: { found: 'john' } },
  {
    name: 'a prefix-less proxy value is not an SMTP address',
    identity: 'noprefix@lab.example',
    expected: 'notFound',
  },
  { name: 'an X500 address', identity: 'X500:/o=Lab/ou=Exchange/cn=Recipients/cn=jroe', expected: 'invalid' },
  {
    name: 'a mixed-case proxy held by one user',
    identity: 'roe.jane@lab.example',
    expected: { found: 'jane' },
  },
  { name: 'SIP: is not an SMTP prefix', identity: 'sip:jane.roe@lab.example', expected: 'notFound' },
  // Values that differ only in case are the same value: ambiguous, never one of them at random.
  {
    name: 'an address two users hold in different case',
    identity: 'DUP.CASE@lab.example',
    expected: { ambiguous: ['caseUpper', 'caseLower'] },
  },
  {
    name: 'one user’s mail is another’s proxy',
    identity: 'Shared@Lab.Example',
    expected: { ambiguous: ['obrien', 'johnny'] },
  },
  // Values whose display would attack the terminal are found by a plain identity.
  {
    name: 'the user whose displayName holds escape sequences',
    identity: 'ctlchars',
    expected: { found: 'ctl' },
  },
  {
    name: 'the user with 10 000-character values',
    identity: 'longvalue',
    expected: { found: 'long' },
    samba: 'notFound',
  },
  { name: 'two @ signs', identity: 'john@doe@lab.example', expected: 'invalid' },
  // Issue 14: the objectGUID's bytes as ADUC and PowerShell show them; 32 hex digits are ambiguous.
  {
    name: "objectGUID bytes as ADUC's spaced hex",
    identity: '2A 28 29 5C 00 8E FF 41 B6 39 DC 4D A1 AA 92 94',
    expected: { found: 'john', cloud: 'john' },
  },
  {
    name: 'objectGUID bytes as a PowerShell byte array',
    identity: '{42, 40, 41, 92, 0, 142, 255, 65, 182, 57, 220, 77, 161, 170, 146, 148}',
    expected: { found: 'john' },
  },
  {
    name: '32 hex digits (ambiguous: GUID or bytes)',
    identity: '5c29282a8e0041ffb639dc4da1aa9294',
    expected: 'invalid',
  },
  {
    name: '15 spaced hex bytes',
    identity: '2A 28 29 5C 00 8E FF 41 B6 39 DC 4D A1 AA 92',
    expected: 'invalid',
  },
  // Issue 14: DNs parsed (RFC 4514) the way the DC parses them (test/integration/dn-samba.test.ts).
  { name: 'DN in lower case', identity: 'cn=john doe,ou=lab,dc=lab,dc=example', expected: { found: 'john' } },
  {
    name: 'DN with a hex-escaped space',
    identity: 'CN=John\\20Doe,OU=Lab,DC=lab,DC=example',
    expected: { found: 'john' },
  },
  {
    name: 'DN with a space after =',
    identity: 'CN= John Doe,OU=Lab,DC=lab,DC=example',
    expected: { found: 'john' },
  },
  {
    name: 'DN with a space before =',
    identity: 'CN =John Doe,OU=Lab,DC=lab,DC=example',
    expected: 'invalid',
  },
  {
    name: 'DN with a multi-valued RDN',
    identity: 'CN=John Doe+UID=jdoe,OU=Lab,DC=lab,DC=example',
    expected: 'invalid',
  },
  { name: 'DN with an OID type', identity: '2.5.4.3=John Doe,OU=Lab,DC=lab,DC=example', expected: 'invalid' },
  { name: 'DN ending in a comma', identity: 'CN=John Doe,OU=Lab,DC=lab,DC=example,', expected: 'invalid' },
  {
    name: 'DN with an escaped comma that names no one',
    identity: 'CN=John Doe\\,OU\\=Lab,DC=lab,DC=example',
    expected: 'notFound',
  },
  {
    name: 'DN with hex-escaped ( * )',
    identity: 'CN=Star \\28Wild\\2A\\29,OU=Hostile,DC=lab,DC=example',
    expected: { found: 'star' },
  },
  {
    name: 'DN with a hex-escaped apostrophe',
    identity: 'CN=Pat O\\27Brien,OU=Lab,DC=lab,DC=example',
    expected: { found: 'obrien' },
  },
  {
    name: 'DN whose CN holds an escaped space at the end',
    identity: 'CN=John Doe\\ ,OU=Lab,DC=lab,DC=example',
    expected: { found: 'john' },
  },
  { name: 'an address with a space', identity: 'john doe@lab.example', expected: 'invalid' },
];
