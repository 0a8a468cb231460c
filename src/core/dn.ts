// Distinguished names parsed (RFC 4514), not compared as strings (issue 14). One parser and one
// comparison serve the sync-scope rule, identity lookup by DN in the lab's AD, the scan's scope and
// the lab's sync engine, so `CN=Evil\,OU=Staff,DC=contoso,DC=com` (one RDN whose value holds a
// comma, directly under DC=contoso) is never taken for a user inside OU=Staff.
//   https://www.rfc-editor.org/rfc/rfc4514 (String Representation of Distinguished Names)
//   https://learn.microsoft.com/en-us/previous-versions/windows/desktop/ldap/distinguished-names
// What the DC does, checked case by case against the Samba DC (test/integration/dn-samba.test.ts):
// - attribute types compare case-insensitively; a space between a type and "=" is refused, and so
//   are OIDs (2.5.4.3=…) and multi-valued RDNs (CN=a+UID=b: AD names have one value per RDN);
// - a value's escapes (\, \+ \" \\ \; \< \> \= \#, \ and any other escaped character) and hex
//   escapes (\2C, \C3\A9 for é) stand for the character itself: CN=a\,b and CN=a\2Cb are one name;
//   an unescaped = " ; < > inside a value is refused;
// - values compare case-insensitively, without their leading and trailing spaces (escaped or not)
//   and with runs of spaces as one; every other character counts: CN=a\, b is "a, b", not "a,b".
// UNVERIFIED against a real Windows DC: the space folding (Samba's ldb does it) and Unicode case
// folding beyond toLowerCase().

import { visibleText } from './display-text.js';
import { UsageError } from './errors.js';

/** One attribute=value of an RDN: the type lower-cased, the value unescaped. */
export interface Ava {
  type: string;
  value: string;
}

/** Relative distinguished names, leaf first (CN=…, then OU=…, then DC=…); one value each. */
export type Dn = Ava[];

const DESCR = /^[A-Za-z][A-Za-z0-9-]*$/;
// Characters that must be escaped inside a value (RFC 4514 §2.4, and "=" as the DC refuses it bare).
const SPECIAL = new Set(['"', '<', '>', ';', '=']);
const HEX = /^[0-9A-Fa-f]{2}$/;
const decoder = new TextDecoder('utf-8', { fatal: true });

export type DnParse = { ok: true; dn: Dn } | { ok: false; problem: string };

/** The parsed DN, or null when `text` is not one (what a DC answers with invalidDNSyntax). */
export function parseDn(text: string): Dn | null {
  const r = readDn(text);
  return r.ok ? r.dn : null;
}

/** The parsed DN, or why it is not one (a sentence's tail, for messages). */
export function readDn(text: string): DnParse {
  const s = text.trim();
  const fail = (problem: string): DnParse => ({ ok: false, problem });
  if (s.length === 0) return fail('it is empty');
  const dn: Dn = [];
  let i = 0;
  for (;;) {
    while (s[i] === ' ') i++;
    const eq = s.indexOf('=', i);
    if (eq < 0) return fail(`"${s.slice(i)}" has no "="`);
    const type = s.slice(i, eq);
    if (!DESCR.test(type)) return fail(`"${type}" is not an attribute name such as CN, OU or DC`);
    const value = stringValue(s, eq + 1);
    if ('problem' in value) return fail(value.problem);
    dn.push({ type: type.toLowerCase(), value: value.value });
    i = value.end;
    if (i >= s.length) return { ok: true, dn };
    if (s[i] === '+') return fail('AD names have one attribute per RDN: a "+" inside a name is written \\+');
    i++; // the comma
    if (i >= s.length) return fail('it ends with a comma');
  }
}

type ValueRead = { value: string; end: number } | { problem: string };

/** An unescaped value starting at `from`; it ends before an unescaped "," or "+". */
function stringValue(s: string, from: number): ValueRead {
  let out = '';
  let bytes: number[] = [];
  const flush = (): boolean => {
    if (bytes.length === 0) return true;
    try {
      out += decoder.decode(Uint8Array.from(bytes));
    } catch {
      return false;
    }
    bytes = [];
    return true;
  };
  const badHex = { problem: 'its \\xx escapes are not UTF-8' };
  let i = from;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      const pair = s.slice(i + 1, i + 3);
      if (HEX.test(pair)) {
        bytes.push(parseInt(pair, 16));
        i += 2;
        continue;
      }
      if (!flush()) return badHex;
      // Any other escaped character is itself (a lone "\\" at the very end is dropped, as the DC does).
      if (i + 1 < s.length) out += s[i + 1];
      i++;
      continue;
    }
    if (!flush()) return badHex;
    if (c === ',' || c === '+') break;
    if (SPECIAL.has(c) || c === '\u0000')
      return {
        problem: `a ${c === '\u0000' ? 'NUL' : `"${c}"`} inside a value must be escaped (\\${c === '\u0000' ? '00' : c})`,
      };
    out += c;
  }
  if (!flush()) return badHex;
  if (fold(out).length === 0) return { problem: 'an RDN has an empty value' };
  return { value: out, end: i };
}

/** How the DC compares a value: case-insensitive, outer spaces dropped, runs of spaces as one. */
function fold(value: string): string {
  return value
    .replace(/^ +| +$/g, '')
    .replace(/ {2,}/g, ' ')
    .toLowerCase();
}

/** A comparable form of one RDN. */
function rdnKey(rdn: Ava): string {
  return `${rdn.type}=${JSON.stringify(fold(rdn.value))}`;
}

function parsed(dn: string | Dn): Dn | null {
  return typeof dn === 'string' ? parseDn(dn) : dn;
}

/** A canonical text for a DN (equal DNs give equal keys); null for text that is not a DN. */
export function dnKey(dn: string | Dn): string | null {
  const p = parsed(dn);
  return p ? p.map(rdnKey).join(',') : null;
}

/** Whether two DNs name the same object (false when either is not a DN). */
export function sameDn(a: string | Dn, b: string | Dn): boolean {
  const ka = dnKey(a);
  return ka !== null && ka === dnKey(b);
}

/** Whether `dn` is `container` or lies anywhere under it (false when either is not a DN). */
export function isUnderDn(dn: string | Dn, container: string | Dn): boolean {
  const d = parsed(dn);
  const c = parsed(container);
  if (!d || !c || c.length > d.length) return false;
  const offset = d.length - c.length;
  return c.every((rdn, i) => rdnKey(rdn) === rdnKey(d[offset + i]!));
}

/** The scope parsed once (for many checks); a container that is not a DN stays text and never matches. */
export function parseScope(scope: readonly string[]): (string | Dn)[] {
  return scope.map((s) => parseDn(s) ?? s);
}

/** Whether `dn` lies in one of the scope's containers; an empty scope is the whole domain. */
export function dnInScope(dn: string | Dn, scope: readonly (string | Dn)[]): boolean {
  if (scope.length === 0) return true;
  const d = parsed(dn);
  return d !== null && scope.some((c) => isUnderDn(d, c));
}

/** The parsed DN; a UsageError (exit 2) saying what is wrong when `text` is not one. */
export function requireDn(text: string, what = 'a valid DN'): Dn {
  const r = readDn(text);
  if (r.ok) return r.dn;
  throw new UsageError(
    `"${visibleText(text.length > 80 ? `${text.slice(0, 80)}…` : text)}" is not ${what}: ${r.problem}.`,
    'Write it as CN=Name,OU=Unit,DC=contoso,DC=com (escape , + " \\ ; < > = inside a name with \\).',
  );
}
