// The value table for the attribute rules (issue 20): for each attribute, values built from
// classes (every ASCII punctuation character in every position, Unicode classes, limits ± 1,
// prefixes, IDN and non-routable domains), each with the outcome the documents give and the
// document that decides it. The lists below are copied from the documents themselves, not from
// src/, so the table is an independent statement of the rules.

export type Outcome = 'blocked' | 'placeholder' | 'dropped' | 'fine';
export type Attribute =
  'userPrincipalName' | 'mail' | 'mailNickname' | 'proxyAddresses' | 'sAMAccountName' | 'displayName';

export const DOCS = {
  username: 'Entra "Password policies and account restrictions", username policies',
  prepare: 'Microsoft 365 "Prepare for directory synchronization"',
  graph: 'Graph user resource',
  alias: 'Exchange Set-Mailbox -Alias',
  population: 'Entra Connect "UserPrincipalName population"',
  idfix: "IdFix's rules (the documents are silent)",
  chosen: 'documents silent: refused so that the sync succeeds',
} as const;
export type Doc = (typeof DOCS)[keyof typeof DOCS];

export interface Row {
  attribute: Attribute;
  value: string;
  /** Other attributes of the user for this row (`undefined` removes one). */
  with?: Record<string, string | string[] | undefined>;
  cls: string;
  /** AD_ATTRIBUTE_INVALID names this attribute. */
  flagged: boolean;
  /** What the cloud does with the user: the rules' severity and the lab's sync engine agree on it. */
  outcome: Outcome;
  doc: Doc;
}

/** The tenant the rows are judged against (the lab's and the diagnosis's alike). */
export const INITIAL = 'contoso.onmicrosoft.com';
export const DOMAIN_47 = `${'d'.repeat(43)}.com`;
export const DOMAIN_48 = `${'e'.repeat(44)}.com`;
export const DOMAIN_49 = `${'f'.repeat(45)}.com`;
export const VERIFIED = [
  'contoso.com',
  'con-toso.com',
  'con.toso.com',
  'xn--bcher-kva.de',
  DOMAIN_47,
  DOMAIN_48,
  DOMAIN_49,
];

const PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];
const POSITIONS = ['start', 'middle', 'end'] as const;
type Position = (typeof POSITIONS)[number];

function place(c: string, pos: Position, word = 'john'): string {
  if (pos === 'start') return `${c}${word}`;
  if (pos === 'end') return `${word}${c}`;
  return `${word.slice(0, 2)}${c}${word.slice(2)}`;
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

/** Unicode classes: [class name, characters]. */
export const UNICODE: [string, string[]][] = [
  ['Latin-1 letter with a diacritic', [...'éöüñßÿÄËÏÖÜçøåæÞ']],
  ['letter beyond Latin-1', [...'łğőșžжЯαΩ中日اאก한Ÿ']],
  ['C0 control', range(0x00, 0x1f)],
  ['DEL', ['\u007f']],
  ['C1 control (incl. U+0085)', range(0x80, 0x9f)],
  ['zero-width', ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']],
  [
    'bidi control',
    [
      '\u200e',
      '\u200f',
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u061c',
    ],
  ],
  [
    'whitespace',
    [' ', '\u00a0', '\u1680', ...range(0x2000, 0x200a), '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'],
  ],
];
/** Latin-1 symbols the alias allow-list names (U+00A1–U+00FF), for the alias table only. */
const LATIN1_SYMBOLS = ['\u00a1', '\u00ad', '\u00bf', '\u00d7', '\u00f7'];

const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
const show = (c: string) => (/^[!-~]$/.test(c) ? `"${c}"` : hex(c));

// ---------------------------------------------------------------------------------------------
// userPrincipalName. Username policies: "A – Z, a - z, 0 – 9, ' . - _ ! # ^ ~"; one @; no "."
// right before the @; ≤ 113, ≤ 64 before the @, ≤ 48 after it. UPN population: an invalid value
// or an unverified suffix → the cloud calculates <MailNickName>@<initial domain> (placeholder).
const UPN_PUNCT_OK = "'.-_!#^~";

function upnRows(): Row[] {
  const rows: Row[] = [];
  const row = (value: string, cls: string, flagged: boolean, doc: Doc, outcome?: Outcome, w?: Row['with']) =>
    rows.push({
      attribute: 'userPrincipalName',
      value,
      cls,
      flagged,
      outcome: outcome ?? (flagged ? 'placeholder' : 'fine'),
      doc,
      ...(w ? { with: w } : {}),
    });
  for (const c of PUNCTUATION) {
    for (const pos of POSITIONS) {
      const value = `${place(c, pos)}@contoso.com`;
      if (c === '@') row(value, `punctuation ${show(c)} ${pos}`, true, DOCS.username);
      else if (c === '.' && pos === 'end') row(value, 'period right before @', true, DOCS.username);
      else if (c === '.' && pos === 'start') row(value, 'leading period', true, DOCS.idfix);
      else row(value, `punctuation ${show(c)} ${pos}`, !UPN_PUNCT_OK.includes(c), DOCS.username);
    }
    // In the domain: letters, digits, "-" and "." only (a DNS name); both such domains are verified.
    row(`john@con${c}toso.com`, `punctuation ${show(c)} in the domain`, !'-.'.includes(c), DOCS.prepare);
  }
  for (const [cls, chars] of UNICODE) {
    for (const c of chars) row(`${place(c, 'middle')}@contoso.com`, `${cls} ${hex(c)}`, true, DOCS.username);
  }
  for (const c of UNICODE.find(([n]) => n === 'whitespace')![1]) {
    row(`${c}john@contoso.com`, `leading whitespace ${hex(c)}`, true, DOCS.population);
    row(`john@contoso.com${c}`, `trailing whitespace ${hex(c)}`, true, DOCS.population);
  }
  for (const n of [63, 64, 65]) row(`${'a'.repeat(n)}@contoso.com`, `${n} before @`, n > 64, DOCS.username);
  for (const d of [DOMAIN_47, DOMAIN_48, DOMAIN_49])
    row(`john@${d}`, `${d.length} after @`, d.length > 48, DOCS.username);
  row(`${'a'.repeat(64)}@${DOMAIN_48}`, '113 in all', false, DOCS.username);
  row(`${'a'.repeat(63)}@${DOMAIN_48}`, '112 in all', false, DOCS.username);
  row(`${'a'.repeat(65)}@${DOMAIN_48}`, '114 in all', true, DOCS.username);
  row("o'brien@contoso.com", "apostrophe (IdFix's false positive)", false, DOCS.username);
  row('john.doe@contoso.com', 'plain', false, DOCS.username);
  row('JOHN.DOE@CONTOSO.COM', 'upper case', false, DOCS.username);
  row('john', 'no @', true, DOCS.username);
  row('@contoso.com', '@ first', true, DOCS.prepare);
  row('john@', 'nothing after @', true, DOCS.prepare);
  row('john@contoso', 'single-label domain', true, DOCS.prepare);
  row('john@contoso.com.', 'domain with a trailing period', true, DOCS.prepare);
  row('john@contoso..com', 'domain with two periods', true, DOCS.prepare);
  row('jo..hn@contoso.com', 'two periods before @', true, DOCS.idfix);
  // Non-routable and unverified suffixes: valid values, replaced because the suffix is unverified.
  for (const d of [
    'contoso.local',
    'contoso.lan',
    'contoso.internal',
    'corp.contoso.local',
    'contoso.localdomain',
    'fabrikam.com',
    'xn--mnchen-3ya.de',
  ]) {
    row(`john@${d}`, `unverified suffix ${d}`, false, DOCS.population, 'placeholder');
  }
  row('john@xn--bcher-kva.de', 'IDN (punycode), verified', false, DOCS.username);
  row('john@bücher.de', 'IDN (Unicode)', true, DOCS.username);
  // No UPN: Connect exports <sAMAccountName>@<AD domain>; neither → nothing to export.
  row('', 'empty, sAMAccountName exported instead', true, DOCS.prepare, 'placeholder', {
    sAMAccountName: 'jsmith',
  });
  row('', 'empty, sAMAccountName with a space', true, DOCS.prepare, 'placeholder', {
    sAMAccountName: 'j smith',
  });
  row('', 'empty, sAMAccountName with a letter beyond ASCII', true, DOCS.prepare, 'placeholder', {
    sAMAccountName: 'jörg',
  });
  row('', 'empty, no sAMAccountName', true, DOCS.prepare, 'blocked', { sAMAccountName: undefined });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// mailNickname. Set-Mailbox -Alias: letters, numbers, ! # $ % & ' * + - / = ? ^ _ ` { | } ~,
// periods surrounded by valid characters, Unicode U+00A1 to U+00FF; ≤ 64; "&" not supported with
// Entra Connect. Prepare for directory synchronization: no leading period; invalid characters
// show as "_" in the synchronized name (placeholder).
const ALIAS_PUNCT_OK = "!#$%'*+-/=?^_`{|}~";

function aliasRows(): Row[] {
  const rows: Row[] = [];
  const row = (value: string, cls: string, flagged: boolean, doc: Doc) =>
    rows.push({
      attribute: 'mailNickname',
      value,
      cls,
      flagged,
      outcome: flagged ? 'placeholder' : 'fine',
      doc,
    });
  for (const c of PUNCTUATION) {
    for (const pos of POSITIONS) {
      const value = place(c, pos, 'jdoe');
      if (c === '.' && pos === 'start') row(value, 'leading period', true, DOCS.prepare);
      else if (c === '.') row(value, `period ${pos}`, pos === 'end', DOCS.alias);
      else row(value, `punctuation ${show(c)} ${pos}`, !ALIAS_PUNCT_OK.includes(c), DOCS.alias);
    }
  }
  for (const [cls, chars] of UNICODE) {
    for (const c of chars) {
      const latin1 = c >= '\u00a1' && c <= '\u00ff';
      row(place(c, 'middle', 'jdoe'), `${cls} ${hex(c)}`, !latin1, DOCS.alias);
      row(place(c, 'end', 'jdoe'), `${cls} ${hex(c)} at the end`, !latin1, DOCS.alias);
    }
  }
  for (const c of LATIN1_SYMBOLS)
    row(place(c, 'middle', 'jdoe'), `Latin-1 symbol ${hex(c)}`, false, DOCS.alias);
  for (const n of [63, 64, 65]) row('a'.repeat(n), `${n} characters`, n > 64, DOCS.alias);
  row('j..doe', 'two periods', true, DOCS.alias);
  row('j.d.o.e', 'periods between letters', false, DOCS.alias);
  row('john.doe', 'plain', false, DOCS.alias);
  row('a', 'one character', false, DOCS.alias);
  row('&', 'only &', true, DOCS.alias);
  row('.', 'only a period', true, DOCS.prepare);
  // A blank alias is not exported; the cloud computes one from the addresses (UPN population).
  for (const v of [' ', '\t', '   '])
    rows.push({
      attribute: 'mailNickname',
      value: v,
      cls: `blank ${JSON.stringify(v)}`,
      flagged: true,
      outcome: 'placeholder',
      doc: DOCS.population,
    });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// SMTP addresses (mail, and proxyAddresses after "SMTP:"/"smtp:"). Prepare for directory
// synchronization: no space, no < > ( ) ; , [ ] ", no letters with diacritical marks, no second
// ":"; "All SMTP addresses should comply with email messaging standards" (RFC 5322 dot-atom
// local part: letters, digits and ! # $ % & ' * + - / = ? ^ _ ` { | } ~, periods between them);
// "Invalid characters will cause directory synchronization to fail" (blocked). Graph: mail
// "can't contain accent characters".
const ATEXT_PUNCT = "!#$%&'*+-/=?^_`{|}~";

function smtpRows(attribute: 'mail' | 'proxyAddresses', prefix: string): Row[] {
  const rows: Row[] = [];
  const row = (address: string, cls: string, flagged: boolean, doc: Doc) =>
    rows.push({
      attribute,
      value: `${prefix}${address}`,
      cls,
      flagged,
      outcome: flagged ? 'blocked' : 'fine',
      doc,
    });
  const charDoc = attribute === 'mail' ? DOCS.graph : DOCS.prepare;
  for (const c of PUNCTUATION) {
    for (const pos of POSITIONS) {
      const ok = ATEXT_PUNCT.includes(c) || (c === '.' && pos === 'middle');
      row(`${place(c, pos)}@contoso.com`, `punctuation ${show(c)} ${pos}`, !ok, DOCS.prepare);
    }
    row(`john@con${c}toso.com`, `punctuation ${show(c)} in the domain`, !'-.'.includes(c), DOCS.prepare);
  }
  for (const [cls, chars] of UNICODE) {
    for (const c of chars) {
      const doc =
        cls.includes('control') || cls === 'DEL'
          ? DOCS.chosen
          : cls.includes('letter')
            ? charDoc
            : DOCS.prepare;
      row(`${place(c, 'middle')}@contoso.com`, `${cls} ${hex(c)}`, true, doc);
      row(`john@con${c}toso.com`, `${cls} ${hex(c)} in the domain`, true, doc);
    }
  }
  for (const c of UNICODE.find(([n]) => n === 'whitespace')![1]) {
    row(`john@contoso.com${c}`, `trailing whitespace ${hex(c)}`, true, DOCS.prepare);
  }
  // ≤ 256 per value (the prefix counts for proxyAddresses).
  for (const n of [255, 256, 257]) {
    const local = 'a'.repeat(n - prefix.length - '@contoso.com'.length);
    row(`${local}@contoso.com`, `${n} characters`, n > 256, attribute === 'mail' ? DOCS.idfix : DOCS.prepare);
  }
  row('john.doe@contoso.com', 'plain', false, DOCS.prepare);
  row("o'brien@contoso.com", 'apostrophe', false, DOCS.prepare);
  row('john', 'no @', true, DOCS.prepare);
  row('john@doe@contoso.com', 'two @', true, DOCS.prepare);
  row('@contoso.com', 'nothing before @', true, DOCS.prepare);
  row('john@contoso', 'single-label domain', true, DOCS.prepare);
  row('john:m@contoso.com', 'a second ":" (the page\'s own example)', true, DOCS.prepare);
  row('john@contoso.local', 'non-routable domain (a valid address)', false, DOCS.prepare);
  row('john@xn--bcher-kva.de', 'IDN (punycode)', false, DOCS.prepare);
  row('john@bücher.de', 'IDN (Unicode)', true, charDoc);
  return rows;
}

function mailRows(): Row[] {
  const rows = smtpRows('mail', '');
  for (const v of [' ', '\t', '  '])
    rows.push({
      attribute: 'mail',
      value: v,
      cls: `blank ${JSON.stringify(v)}`,
      flagged: true,
      outcome: 'dropped',
      doc: DOCS.prepare,
    });
  return rows;
}

// proxyAddresses: SMTP values as above; other types (SIP, EUM…) follow the same character list
// after the prefix; X500 values are exempt (real ones hold spaces and parentheses).
const PROXY_DENIED = '<>();,[]":';

function proxyRows(): Row[] {
  const rows = smtpRows('proxyAddresses', 'smtp:');
  const row = (value: string, cls: string, flagged: boolean, doc: Doc, w?: Row['with']) =>
    rows.push({
      attribute: 'proxyAddresses',
      value,
      cls,
      flagged,
      outcome: flagged ? 'blocked' : 'fine',
      doc,
      ...(w ? { with: w } : {}),
    });
  for (const c of PUNCTUATION) {
    for (const pos of POSITIONS)
      row(
        `SIP:${place(c, pos)}@contoso.com`,
        `SIP: punctuation ${show(c)} ${pos}`,
        PROXY_DENIED.includes(c),
        DOCS.prepare,
      );
    row(
      `X500:/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=jo${c}hn`,
      `X500 with ${show(c)}`,
      false,
      DOCS.idfix,
    );
  }
  for (const [cls, chars] of UNICODE) {
    for (const c of chars) {
      const doc = cls.includes('control') || cls === 'DEL' ? DOCS.chosen : DOCS.prepare;
      row(`SIP:${place(c, 'middle')}@contoso.com`, `SIP: ${cls} ${hex(c)}`, true, doc);
    }
  }
  row('SIP:john doe@contoso.com', 'SIP: a space', true, DOCS.prepare);
  row('SIP:john@contoso.com ', 'SIP: a trailing space', true, DOCS.prepare);
  row('SIP:<john@contoso.com>', 'SIP: angle brackets', true, DOCS.prepare);
  row('SIP:jöhn@contoso.com', 'SIP: a diacritic', true, DOCS.prepare);
  row('EUM:john:1234@contoso.com', 'EUM: a second ":"', true, DOCS.prepare);
  row('SIP:john@contoso.com', 'SIP: plain', false, DOCS.prepare);
  row('sip:john@contoso.com', 'sip: lower-case prefix', false, DOCS.prepare);
  // X400 is exempt like X500: its own syntax needs ";" and spaces (UNVERIFIED that the service takes them).
  row('X400:c=US;a= ;p=Contoso;o=Exchange;s=Doe;g=John;', 'X400 with ; and spaces', false, DOCS.idfix);
  row(
    'X500:/o=Contoso/ou=First Administrative Group/cn=Recipients/cn=john doe',
    'X500 with spaces',
    false,
    DOCS.idfix,
  );
  row('X500:/o=Contoso/cn=jöhn', 'X500 with a diacritic', false, DOCS.idfix);
  row(
    `SIP:${'a'.repeat(256 - 'SIP:@contoso.com'.length)}@contoso.com`,
    'SIP: 256 characters',
    false,
    DOCS.prepare,
  );
  row(
    `SIP:${'a'.repeat(257 - 'SIP:@contoso.com'.length)}@contoso.com`,
    'SIP: 257 characters',
    true,
    DOCS.prepare,
  );
  row(
    `X500:/o=Contoso/cn=${'a'.repeat(257 - 'X500:/o=Contoso/cn='.length)}`,
    'X500: 257 characters',
    true,
    DOCS.prepare,
  );
  row('john@contoso.com', 'no prefix', true, DOCS.idfix);
  row('SMTP:', 'SMTP: with nothing after it', true, DOCS.prepare);
  row('SIP:', 'SIP: with nothing after it', true, DOCS.prepare);
  row('SMTP:second@contoso.com', 'a second primary SMTP:', true, DOCS.idfix);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// sAMAccountName. Prepare for directory synchronization: ≤ 20; invalid [ \ " | , / : < > + = ; ? * '
// (the brackets too, as IdFix reads them); "If a user has an invalid sAMAccountName attribute but
// has a valid userPrincipalName attribute, the user account is created" (a warning, fine).
const SAM_DENIED = '[]\\"|,/:<>+=;?*\'';

function samRows(): Row[] {
  const rows: Row[] = [];
  const row = (value: string, cls: string, flagged: boolean) =>
    rows.push({ attribute: 'sAMAccountName', value, cls, flagged, outcome: 'fine', doc: DOCS.prepare });
  for (const c of PUNCTUATION)
    for (const pos of POSITIONS)
      row(place(c, pos, 'jdoe'), `punctuation ${show(c)} ${pos}`, SAM_DENIED.includes(c));
  for (const [cls, chars] of UNICODE) {
    for (const c of chars) {
      // The documents name no Unicode class for sAMAccountName; IdFix does not check one either.
      rows.push({
        attribute: 'sAMAccountName',
        value: place(c, 'middle', 'jdoe'),
        cls: `${cls} ${hex(c)}`,
        flagged: false,
        outcome: 'fine',
        doc: DOCS.idfix,
      });
      rows.push({
        attribute: 'sAMAccountName',
        value: place(c, 'end', 'jdoe'),
        cls: `${cls} ${hex(c)} at the end`,
        flagged: false,
        outcome: 'fine',
        doc: DOCS.idfix,
      });
    }
  }
  for (const n of [19, 20, 21]) row('a'.repeat(n), `${n} characters`, n > 20);
  row("o'brien", 'apostrophe', true);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// displayName. Prepare for directory synchronization: ≤ 256, not blank; no character list
// (names in any script are everyday data).
function displayNameRows(): Row[] {
  const rows: Row[] = [];
  const row = (value: string, cls: string, outcome: Outcome, doc: Doc = DOCS.prepare) =>
    rows.push({ attribute: 'displayName', value, cls, flagged: outcome !== 'fine', outcome, doc });
  for (const c of PUNCTUATION)
    for (const pos of POSITIONS) row(place(c, pos, 'John Doe'), `punctuation ${show(c)} ${pos}`, 'fine');
  for (const [cls, chars] of UNICODE) {
    for (const c of chars) {
      row(place(c, 'middle', 'John Doe'), `${cls} ${hex(c)}`, 'fine');
      row(place(c, 'end', 'John Doe'), `${cls} ${hex(c)} at the end`, 'fine');
    }
  }
  for (const n of [255, 256]) row('a'.repeat(n), `${n} characters`, 'fine');
  row('a'.repeat(257), '257 characters', 'blocked', DOCS.prepare);
  for (const v of [' ', '\t', '\u00a0', '\u3000', '   ']) row(v, `blank ${hex(v[0]!)}`, 'dropped');
  return rows;
}

export function attributeTable(): Row[] {
  return [...upnRows(), ...aliasRows(), ...mailRows(), ...proxyRows(), ...samRows(), ...displayNameRows()];
}
