// mailNickname (the Exchange alias): Set-Mailbox -Alias gives the allow-list; Microsoft 365's
// preparation page says what the cloud does with a bad one (invalid characters become "_").
import { describeChar, firstRejected, type AttributeProblem } from './problem.js';
import { SOURCES, type SourceUrl } from './sources.js';

/**
 * Set-Mailbox -Alias: letters, numbers, ``! # $ % & ' * + - / = ? ^ _ ` { | } ~``, periods
 * surrounded by other valid characters, and Unicode U+00A1 to U+00FF; at most 64 characters.
 * "The & character is not supported in the Alias value for Microsoft Entra Connect
 * synchronization", so for a synced user `&` is refused too.
 */
export const ALIAS_ALLOWED =
  "A–Z a–z 0–9 ! # $ % ' * + - / = ? ^ _ ` { | } ~, U+00A1–U+00FF, and . between them";
const ALIAS_CHAR = /^[A-Za-z0-9!#$%'*+\-/=?^_`{|}~\u00A1-\u00FF]$/;
export const ALIAS_MAX = 64;

function isAliasChar(c: string): boolean {
  return ALIAS_CHAR.test(c);
}

/** Periods that are not between two valid characters (index into the code points). */
function badPeriods(chars: readonly string[]): number[] {
  const out: number[] = [];
  chars.forEach((c, i) => {
    if (c !== '.') return;
    const before = chars[i - 1];
    const after = chars[i + 1];
    if (before === undefined || after === undefined || !isAliasChar(before) || !isAliasChar(after))
      out.push(i);
  });
  return out;
}

/**
 * Every documented problem of an alias. Outcome `placeholder`: "Underscores ("_") in the
 * synchronized name indicates that the original value of this attribute contains invalid
 * characters" (Prepare for directory synchronization); see cloudAlias for the substitute.
 */
export function checkMailNickname(alias: string): AttributeProblem[] {
  const out: AttributeProblem[] = [];
  const add = (rule: string, reason: string, source: SourceUrl) =>
    out.push({ attribute: 'mailNickname', value: alias, rule, reason, outcome: 'placeholder', source });
  const chars = [...alias];
  if (chars.length > ALIAS_MAX)
    add('length', `is ${chars.length} characters; at most ${ALIAS_MAX}`, SOURCES.setMailboxAlias);
  const bad = firstRejected(alias, (c) => c === '.' || c === '&' || isAliasChar(c));
  if (bad)
    add('character', `contains ${describeChar(bad)}; allowed: ${ALIAS_ALLOWED}`, SOURCES.setMailboxAlias);
  if (alias.includes('&'))
    add(
      'character',
      'contains "&", which Exchange does not support in an alias synced by Entra Connect',
      SOURCES.setMailboxAlias,
    );
  if (alias.startsWith('.')) add('period', 'starts with a period', SOURCES.prepareDirSync);
  else if (badPeriods(chars).length > 0)
    add(
      'period',
      'has a period that is not between two valid characters (trailing or doubled)',
      SOURCES.setMailboxAlias,
    );
  return out;
}

/**
 * The alias the cloud ends up with: each character the allow-list refuses (and `&`, and each
 * period not between valid characters) becomes "_". UNVERIFIED: Microsoft documents only that
 * underscores mark the invalid characters; the one-for-one replacement and cutting the result to
 * 64 characters are the lab's reading.
 */
export function cloudAlias(alias: string): string {
  const chars = [...alias];
  const periods = new Set(badPeriods(chars));
  return chars
    .map((c, i) => (c === '.' ? (periods.has(i) ? '_' : c) : isAliasChar(c) ? c : '_'))
    .slice(0, ALIAS_MAX)
    .join('');
}
