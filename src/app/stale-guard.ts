// The stale-plan guard: just before a write, the object must still hold what the plan saw.
// Anything else means the directory moved on (another admin, a sync) and the plan is stale.
import type { Precondition } from '../core/plan-types.js';
import type { CloudUser, OnPremObject } from '../core/snapshot.js';
import { show } from './write-actions.js';

export interface Mismatch {
  property: string;
  planned: string | boolean | null;
  now: string;
}

// Graph compares these case-insensitively, so a change of case alone is not a different value.
// GUID strings (an AD object's consistencyGuid) name the same bytes in either case.
const CASELESS = new Set(['userPrincipalName', 'mail', 'mailNickname', 'consistencyGuid']);

/** Arrays (proxyAddresses) compare as their sorted values joined with ", ". */
function canonical(value: unknown, caseless: boolean): string | boolean | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(String).sort().join(', ');
  if (typeof value === 'boolean') return value;
  const text = String(value);
  return caseless ? text.toLowerCase() : text;
}

export function compareExpect(expect: Precondition['expect'], object: CloudUser | OnPremObject): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const [property, planned] of Object.entries(expect ?? {})) {
    const actual = (object as unknown as Record<string, unknown>)[property];
    const caseless = CASELESS.has(property);
    if (canonical(actual, caseless) !== canonical(planned, caseless)) {
      const shown = Array.isArray(actual) ? `"${actual.join(', ')}"` : show(canonical(actual, false));
      mismatches.push({ property, planned, now: shown });
    }
  }
  return mismatches;
}

const REDIAGNOSE = 'Someone else may be working on this user; re-diagnose before changing anything.';

export function staleSentence(who: string, mismatches: Mismatch[]): string {
  const what = mismatches
    .map((m) => `${m.property} was ${show(m.planned)} when planned and is ${m.now} now`)
    .join('; ');
  return `Nothing was written: ${who} changed since the diagnosis (${what}). ${REDIAGNOSE}`;
}

export function goneSentence(who: string, where: 'user' | 'deletedUser' | 'adObject'): string {
  const place =
    where === 'deletedUser'
      ? 'in the recycle bin'
      : where === 'adObject'
        ? 'in any configured AD forest'
        : 'among the active users';
  return `Nothing was written: ${who} is no longer ${place} since the diagnosis. ${REDIAGNOSE}`;
}
