// objectGUID ⇄ GUID string ⇄ immutableId ⇄ LDAP filter form (docs/matching-facts.md §1).
// AD stores a GUID in MS-DTYP layout: the first three fields little-endian, the last eight bytes in
// order (.NET Guid.ToByteArray()). immutableId is base64 of those 16 raw bytes, with no reordering.
// Pure code: bytes are Uint8Array, base64 is done by hand so the core needs no Buffer.

import { visibleText } from './display-text.js';

/** A failed conversion: what was wrong, in one sentence. */
export class IdentifierError extends Error {
  readonly code = 'INVALID_IDENTIFIER';
}

const GUID_RE = /^\{?([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}?$/i;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function hexToBytes(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hex.length; i += 2) out.push(parseInt(hex.slice(i, i + 2), 16));
  return out;
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/** True when `s` is a GUID string (with or without braces, any case). */
export function isGuidString(s: string): boolean {
  const t = s.trim();
  // Braces must come in pairs.
  if (t.startsWith('{') !== t.endsWith('}')) return false;
  return GUID_RE.test(t);
}

/** GUID string → the 16 bytes AD stores (objectGUID as LDAP returns it). */
export function guidToBytes(guid: string): Uint8Array {
  const t = guid.trim();
  const m = GUID_RE.exec(t);
  if (!m || t.startsWith('{') !== t.endsWith('}')) {
    throw new IdentifierError(
      `"${preview(guid)}" is not a GUID (expected 8-4-4-4-12 hexadecimal digits, braces optional).`,
    );
  }
  const [, a, b, c, d, e] = m as unknown as [string, string, string, string, string, string];
  const bytes = [
    ...hexToBytes(a).reverse(),
    ...hexToBytes(b).reverse(),
    ...hexToBytes(c).reverse(),
    ...hexToBytes(d),
    ...hexToBytes(e),
  ];
  return Uint8Array.from(bytes);
}

/** The 16 stored bytes → lower-case GUID string without braces. */
export function bytesToGuid(bytes: Uint8Array): string {
  assert16(bytes);
  const h = Array.from(bytes, hex2);
  const le = (from: number, to: number) => h.slice(from, to).reverse().join('');
  return `${le(0, 4)}-${le(4, 6)}-${le(6, 8)}-${h.slice(8, 10).join('')}-${h.slice(10, 16).join('')}`;
}

/** Standard base64 with padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const n = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += b1 === undefined ? '=' : B64[(n >> 6) & 63]!;
    out += b2 === undefined ? '=' : B64[n & 63]!;
  }
  return out;
}

/**
 * Strict base64 decode: standard alphabet, padded, canonical (re-encoding gives the same text).
 * Anything else is refused rather than guessed at, because a wrong anchor matches the wrong user.
 */
export function base64ToBytes(text: string): Uint8Array {
  const s = text;
  if (s.length === 0 || s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) {
    if (/[-_]/.test(s)) {
      throw new IdentifierError(
        `"${preview(s)}" uses the URL-safe base64 alphabet (- or _); an immutableId uses + and /.`,
      );
    }
    if (/\s/.test(s))
      throw new IdentifierError(`"${preview(s)}" contains whitespace; an immutableId does not.`);
    throw new IdentifierError(`"${preview(s)}" is not valid base64 (standard alphabet, padded with =).`);
  }
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 4) {
    const c = s.slice(i, i + 4);
    const v = Array.from(c, (ch) => (ch === '=' ? 0 : B64.indexOf(ch)));
    const n = (v[0]! << 18) | (v[1]! << 12) | (v[2]! << 6) | v[3]!;
    out.push((n >> 16) & 255);
    if (c[2] !== '=') out.push((n >> 8) & 255);
    if (c[3] !== '=') out.push(n & 255);
    if (c[2] === '=' && c[3] !== '=') throw new IdentifierError(`"${preview(s)}" has misplaced padding.`);
    if (c.includes('=') && i + 4 < s.length) throw new IdentifierError(`"${preview(s)}" has padding inside.`);
  }
  const bytes = Uint8Array.from(out);
  if (bytesToBase64(bytes) !== s) {
    throw new IdentifierError(`"${preview(s)}" is not canonical base64 (its unused bits are not zero).`);
  }
  return bytes;
}

/** GUID string → immutableId. */
export function guidToImmutableId(guid: string): string {
  return bytesToBase64(guidToBytes(guid));
}

/** immutableId → GUID string; refuses anything that is not exactly 16 bytes. */
export function immutableIdToGuid(immutableId: string): string {
  const bytes = base64ToBytes(immutableId);
  if (bytes.length !== 16) {
    throw new IdentifierError(
      `"${preview(immutableId)}" decodes to ${bytes.length} bytes; an objectGUID-based immutableId is 16 bytes.`,
    );
  }
  return bytesToGuid(bytes);
}

/** The form to paste into an LDAP filter by hand (ldp.exe, ldapsearch): every byte as \xx. */
export function bytesToLdapFilterValue(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => '\\' + hex2(b)).join('');
}

/** Parses `\xx\xx…` (16 bytes) back into bytes. */
export function ldapFilterValueToBytes(text: string): Uint8Array {
  const t = text.trim();
  if (!/^(\\[0-9a-fA-F]{2})+$/.test(t)) {
    throw new IdentifierError(`"${preview(text)}" is not a hex-escaped LDAP value (\\xx per byte).`);
  }
  const bytes = Uint8Array.from(hexToBytes(t.replace(/\\/g, '')));
  assert16(bytes);
  return bytes;
}

/** Bytes as plain hex (the form `Get-ADUser` / ldp.exe show as "octet string"). */
export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, hex2).join('');
}

export type IdentifierKind =
  | 'guid'
  | 'immutableId'
  | 'ldapFilter'
  | 'hex'
  /** 32 hex digits read as a GUID string without dashes (.NET Guid.ToString('N')). */
  | 'guidDigits'
  /** Space-separated hex bytes, as ADUC's attribute editor shows an octet string (AA F7 BA …). */
  | 'spacedHex'
  /** Decimal bytes, as PowerShell prints a byte[] ({170, 247, …}, one per line, or @(…)). */
  | 'byteArray';

/** Every form of one 16-byte identifier. */
export interface IdentifierForms {
  detected: IdentifierKind;
  guid: string;
  immutableId: string;
  ldapFilter: string;
  hex: string;
  /** The GUID text read big-endian: the wrong answer some web converters give. Shown to explain it. */
  bigEndianImmutableIdWarning: string;
}

/** How to read 32 hex digits: as a GUID string without dashes, or as the 16 stored bytes in order. */
export type HexReading = 'guid' | 'bytes';

/** One value's readings (two for 32 hex digits, GUID first) and notes on how it was read. */
export interface Conversion {
  readings: IdentifierForms[];
  notes: string[];
}

/** 16 bytes written as decimal (PowerShell) or spaced hex (ADUC); null when `v` is neither. */
export function parseByteList(v: string): { bytes: Uint8Array; kind: 'spacedHex' | 'byteArray' } | null {
  const t = v.trim();
  // PowerShell: {170, 247, …}, @(170,247,…), [170, 247, …], or one number per line / per space.
  const bracketed = /^(?:@\(|\{|\[)([\s\S]*)(?:\)|\}|\])$/.exec(t);
  const inner = bracketed ? bracketed[1]!.trim() : t;
  const tokens = inner.split(/[\s,]+/).filter(Boolean);
  if (tokens.length !== 16) return null;
  const commas = inner.includes(',');
  const twoHex = tokens.every((x) => /^(?:0x)?[0-9A-Fa-f]{2}$/i.test(x));
  if (!bracketed && !commas && twoHex) {
    return {
      bytes: Uint8Array.from(tokens.map((x) => parseInt(x.replace(/^0x/i, ''), 16))),
      kind: 'spacedHex',
    };
  }
  if (!tokens.every((x) => /^\d{1,3}$/.test(x))) return null;
  const numbers = tokens.map(Number);
  if (numbers.some((n) => n > 255)) return null;
  return { bytes: Uint8Array.from(numbers), kind: 'byteArray' };
}

/** Detects which form `value` is in and returns all forms; throws IdentifierError otherwise. */
export function convertIdentifier(value: string, as?: HexReading): IdentifierForms {
  return convertReadings(value, as).readings[0]!;
}

/**
 * Every reading of `value`: one, except for 32 hex digits, which are both a GUID string without
 * dashes (PowerShell's ToString('N'), the usual one, first) and an octet string (the bytes in
 * stored order), unless `as` chooses. Throws IdentifierError for anything else.
 */
export function convertReadings(value: string, as?: HexReading): Conversion {
  const v = value.trim();
  if (v.length === 0)
    throw new IdentifierError('The value is empty: give a GUID, an immutableId or \\xx bytes.');
  const notes: string[] = [];
  const one = (bytes: Uint8Array, detected: IdentifierKind): Conversion => ({
    readings: [formsOf(bytes, detected)],
    notes,
  });
  if (isGuidString(v)) return one(guidToBytes(v), 'guid');
  if (v.startsWith('\\')) return one(ldapFilterValueToBytes(v), 'ldapFilter');
  if (/^[0-9a-fA-F]{32}$/.test(v)) {
    const asGuid = () => formsOf(guidToBytes(guidDigitsToGuid(v)), 'guidDigits');
    const asBytes = () => formsOf(Uint8Array.from(hexToBytes(v)), 'hex');
    if (as === 'guid') return { readings: [asGuid()], notes };
    if (as === 'bytes') return { readings: [asBytes()], notes };
    notes.push(
      '32 hex digits can be read two ways: as a GUID without its dashes (Guid.ToString("N"), the usual ' +
        'one) or as the 16 bytes in stored order (an octet string). Both are shown; choose with --as guid|bytes.',
    );
    return { readings: [asGuid(), asBytes()], notes };
  }
  if (/^[A-Za-z0-9+/]{22}==$/.test(v)) return one(base64ToBytes(v), 'immutableId');
  if (/^[A-Za-z0-9+/]{22}$/.test(v)) {
    const bytes = base64ToBytes(`${v}==`);
    notes.push(`Read as base64 without its "==" padding; the immutableId itself is ${bytesToBase64(bytes)}.`);
    return one(bytes, 'immutableId');
  }
  const list = parseByteList(v);
  if (list) return one(list.bytes, list.kind);
  throw new IdentifierError(explainUnrecognised(value));
}

function guidDigitsToGuid(h: string): string {
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function formsOf(bytes: Uint8Array, detected: IdentifierKind): IdentifierForms {
  const guid = bytesToGuid(bytes);
  const bigEndian = Uint8Array.from(hexToBytes(guid.replace(/-/g, '')));
  return {
    detected,
    guid,
    immutableId: bytesToBase64(bytes),
    ldapFilter: bytesToLdapFilterValue(bytes),
    hex: bytesToHex(bytes),
    bigEndianImmutableIdWarning: bytesToBase64(bigEndian),
  };
}

function explainUnrecognised(value: string): string {
  const v = value.trim();
  const p = preview(value);
  const tokens = v
    .replace(/^(?:@\(|\{|\[)|(?:\)|\}|\])$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
  if (tokens.length > 1 && tokens.every((x) => /^(?:0x)?[0-9A-Fa-f]{1,3}$/i.test(x))) {
    return `"${p}" holds ${tokens.length} bytes; an objectGUID is 16 (as hex pairs AA F7 … or decimal {170, 247, …}, 0–255).`;
  }
  if (/\s/.test(v)) return `"${p}" contains whitespace; a GUID or an immutableId does not.`;
  if (/^[A-Za-z0-9_-]{22}(==)?$/.test(v) && /[-_]/.test(v)) {
    return `"${p}" uses the URL-safe base64 alphabet (- or _); an immutableId uses + and /.`;
  }
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(v) && v.length % 4 === 0) {
    try {
      const n = base64ToBytes(v).length;
      return `"${p}" decodes to ${n} bytes; an objectGUID-based immutableId is 16 bytes.`;
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (/^\{?[0-9a-f-]+\}?$/i.test(v) && v.includes('-')) {
    return `"${p}" is not a GUID (expected 8-4-4-4-12 hexadecimal digits, braces optional).`;
  }
  return `"${p}" is neither a GUID (8-4-4-4-12 hex digits), an immutableId (base64 of 16 bytes), \\xx bytes nor 16 bytes as hex (AA F7 …) or decimal ({170, 247, …}).`;
}

function assert16(bytes: Uint8Array): void {
  if (bytes.length !== 16) throw new IdentifierError(`An objectGUID is 16 bytes; got ${bytes.length}.`);
}

/** Shortens a value for an error message and makes control and invisible characters visible. */
export function preview(s: string, max = 60): string {
  const visible = visibleText(s);
  return visible.length > max ? `${visible.slice(0, max)}… (${s.length} characters)` : visible;
}
