// mail and proxyAddresses. Microsoft 365's preparation page gives proxyAddresses a deny-list that
// applies after the type prefix for every type ("SMTP:user:M@contoso.com isn't allowed") and asks
// SMTP addresses to "comply with email messaging standards"; it says invalid characters make the
// synchronization fail (outcome `blocked`). X500 values are exempt: real ones hold spaces and
// parentheses (legacyExchangeDN), and IdFix's users reported flagging them as false positives.
// X400 values are exempt for the same reason (their syntax is `C=US;A= ;P=…;`; UNVERIFIED that
// the service accepts every one). EUM values are checked as the page says, although Exchange
// Unified Messaging wrote them as `EUM:1234;phone-context=…` (UNVERIFIED; UM is retired).
import { parseProxyAddress } from '../proxy-addresses.js';
import { isDomainName } from './upn.js';
import { describeChar, firstRejected, type AttributeProblem } from './problem.js';
import { SOURCES, type SourceUrl } from './sources.js';

export const ADDRESS_MAX = 256;
/** Prepare for directory synchronization, proxyAddresses: `< > ( ) ; , [ ] "`, no space. */
const PROXY_DENIED = new Set(['<', '>', '(', ')', ';', ',', '[', ']', '"']);
/** RFC 5322 atext: the characters of a dot-atom local part. */
const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]$/;

/**
 * A character the preparation page refuses after a proxy prefix: whitespace ("must not contain a
 * space"), the deny-list, a second ":", and anything outside ASCII ("Letters with diacritical
 * marks … are invalid"; "Non-ASCII characters do not sync"). Control characters (C0, DEL) are not
 * named by any document; they are refused too so that the sync succeeds.
 */
function proxyCharAllowed(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return cp > 0x20 && cp < 0x7f && !PROXY_DENIED.has(c) && c !== ':';
}

type Add = (rule: string, reason: string, source: SourceUrl) => void;

/** The address part of an SMTP value, or mail: characters first, then RFC 5322 form. */
function smtpProblems(address: string, add: Add): void {
  const bad = firstRejected(address, proxyCharAllowed);
  if (bad) {
    add('character', `contains ${describeChar(bad)}, which an SMTP address may not`, SOURCES.prepareDirSync);
    return;
  }
  const parts = address.split('@');
  if (parts.length !== 2) {
    add('format', `must contain exactly one @ (has ${parts.length - 1})`, SOURCES.prepareDirSync);
    return;
  }
  const [local, domain] = parts as [string, string];
  const dotAtom =
    local !== '' && local.split('.').every((p) => p !== '' && [...p].every((c) => ATEXT.test(c)));
  if (!dotAtom || !isDomainName(domain)) {
    add(
      'rfc5322',
      'is not a valid e-mail address (RFC 5322: name@domain, no stray dots or colons)',
      SOURCES.prepareDirSync,
    );
  }
}

/** mail: the same address rules (Graph: "can't contain accent characters"; IdFix: RFC 2822, ≤ 256). */
export function checkMail(mail: string): AttributeProblem[] {
  const out: AttributeProblem[] = [];
  // The documents give mail no list of its own; the outcome follows the preparation page's general
  // sentence ("Invalid characters will cause directory synchronization to fail"). UNVERIFIED: the
  // export error's text.
  const add: Add = (rule, reason, source) =>
    out.push({ attribute: 'mail', value: mail, rule, reason, outcome: 'blocked', source });
  const length = [...mail].length;
  if (length > ADDRESS_MAX) add('length', `is ${length} characters; at most ${ADDRESS_MAX}`, SOURCES.idfix);
  const nonAscii = firstRejected(mail, (c) => c.codePointAt(0)! < 0x80);
  if (nonAscii !== null) {
    add(
      'character',
      `contains ${describeChar(nonAscii)}; mail can't contain accented or other non-ASCII characters`,
      SOURCES.graphUser,
    );
    return out;
  }
  smtpProblems(mail, add);
  return out;
}

/** One proxyAddresses value. */
export function checkProxyAddress(raw: string): AttributeProblem[] {
  const out: AttributeProblem[] = [];
  const add: Add = (rule, reason, source) =>
    out.push({ attribute: 'proxyAddresses', value: raw, rule, reason, outcome: 'blocked', source });
  const length = [...raw].length;
  if (length > ADDRESS_MAX)
    add('length', `is ${length} characters; at most ${ADDRESS_MAX}`, SOURCES.prepareDirSync);
  const p = parseProxyAddress(raw);
  if (p.prefix === null) {
    // The documents are silent; IdFix requires a type prefix.
    add('prefix', 'has no type prefix (SMTP:, smtp:, X500: …)', SOURCES.idfix);
    return out;
  }
  if (p.type === 'X500' || p.type === 'X400') return out;
  if (p.address === '') {
    add('blank', `has nothing after "${p.prefix}:"`, SOURCES.prepareDirSync);
    return out;
  }
  if (p.isSmtp) {
    smtpProblems(p.address, add);
    return out;
  }
  const bad = firstRejected(p.address, proxyCharAllowed);
  if (bad) {
    const what = bad === ':' ? 'a second ":"' : describeChar(bad);
    add(
      'character',
      `contains ${what} after the ${p.prefix}: prefix, which no proxy address may`,
      SOURCES.prepareDirSync,
    );
  }
  return out;
}

/** More than one primary (upper-case SMTP:) address. */
export function checkPrimaries(values: readonly string[]): AttributeProblem[] {
  const primaries = values.filter((v) => parseProxyAddress(v).isPrimary);
  if (primaries.length <= 1) return [];
  // UNVERIFIED outcome (the documents are silent; IdFix flags it and Exchange keeps one primary).
  return [
    {
      attribute: 'proxyAddresses',
      value: primaries.join(', '),
      rule: 'primary',
      reason: 'has more than one primary (SMTP:) address',
      outcome: 'blocked',
      source: SOURCES.idfix,
    },
  ];
}
