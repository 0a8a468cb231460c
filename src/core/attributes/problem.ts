// One attribute value that breaks a documented rule, and what the cloud really does with it.
import type { SourceUrl } from './sources.js';

/**
 * What happens to the user when Entra Connect exports the value:
 * - `blocked`: the export of the whole user fails until the value is fixed;
 * - `placeholder`: the user is created (or updated) but the cloud computes a substitute value;
 * - `dropped`: the user is created without this attribute;
 * - `fine`: the user is created and the value flows as it is (a warning for on-premises reasons).
 */
export type AttributeOutcome = 'blocked' | 'placeholder' | 'dropped' | 'fine';

export interface AttributeProblem {
  attribute: string;
  value: string;
  rule: string;
  /** What is wrong, in words. */
  reason: string;
  outcome: AttributeOutcome;
  /** The public document that decides the rule (a Microsoft Learn URL, or IdFix's rule list). */
  source: SourceUrl;
}

/** A character as a technician can read it: `"&"`, `a space`, `U+0085`. */
export function describeChar(c: string): string {
  if (c === ' ') return 'a space';
  const cp = c.codePointAt(0)!;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (/[\p{Cc}\p{Cf}\p{Z}\p{Cn}\p{Co}\p{Cs}]/u.test(c)) return `the invisible character ${hex}`;
  return cp > 0x7e ? `"${c}" (${hex})` : `"${c}"`;
}

/** The first character of `text` that `allowed` rejects (by code point), or null. */
export function firstRejected(text: string, allowed: (c: string) => boolean): string | null {
  for (const c of text) if (!allowed(c)) return c;
  return null;
}

/** True when the value is empty or only whitespace (the lab's Connect does not export it). */
export function isBlank(value: string): boolean {
  return value.trim() === '';
}
