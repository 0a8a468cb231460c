// Words for the scan's outcomes, shared by the text report, the screen and the CSV reader's eye.
import type { Severity } from '../findings.js';
import type { Outcome, UserForecast } from './types.js';

export const OUTCOME_LABEL: Record<Outcome, string> = {
  'already-matched': 'already matched',
  'hard-match': 'hard match',
  'soft-match': 'soft match',
  restore: 'restored from recycle bin',
  'new-user': 'new cloud user',
  'new-user-quarantined': 'new user, values quarantined',
  duplicate: 'duplicate account',
  'export-error': 'export error',
  'not-synced': 'not synced',
  unknown: 'unknown',
};

/** What each outcome means for the technician, one line. */
export const OUTCOME_MEANING: Record<Outcome, string> = {
  'already-matched': 'synced with its cloud user; the next sync only updates values',
  'hard-match': 'joins the cloud user that already carries its anchor',
  'soft-match': 'joins its cloud user on the UPN or primary SMTP address',
  restore: 'Connect restores the deleted cloud user holding its anchor',
  'new-user': 'no cloud user yet: one is created',
  'new-user-quarantined': 'created, but a value another object holds is quarantined',
  duplicate: 'a second cloud account for someone who already has one',
  'export-error': 'the sync refuses or fails to export it',
  'not-synced': 'outside the sync scope, or never exported by Connect',
  unknown: 'the cloud users could not be read (a permission is missing): no forecast',
};

/** The outcome as a short phrase with the sync error or how the duplicate comes about. */
export function describeOutcome(u: UserForecast): string {
  const f = u.forecast;
  const label = OUTCOME_LABEL[f.outcome];
  if (f.outcome === 'export-error' && f.error) return `${label} (${f.error})`;
  if (f.outcome === 'duplicate' && f.duplicateVia)
    return `${label} (${f.duplicateVia === 'join' ? 'joined to the other' : f.duplicateVia === 'restore' ? 'restored beside' : 'created beside'})`;
  return label;
}

/** The outcome in a list cell: the sync error itself for an export error. */
export function shortOutcome(u: UserForecast): string {
  const f = u.forecast;
  if (f.outcome === 'export-error' && f.error) return f.error;
  if (f.outcome === 'duplicate' && f.duplicateVia) return `duplicate (${f.duplicateVia})`;
  return OUTCOME_LABEL[f.outcome];
}

/** Lower-cased text a filter searches: names, outcome, error, findings, target. */
export function searchText(u: UserForecast): string {
  return [
    u.sAMAccountName,
    u.userPrincipalName,
    u.displayName,
    u.dn,
    u.domain,
    u.forecast.outcome,
    OUTCOME_LABEL[u.forecast.outcome],
    u.forecast.error,
    u.target?.userPrincipalName,
    ...u.findings.map((f) => f.code),
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

/**
 * Positions of the users whose search text holds every word of the filter (case-insensitive),
 * among `within` (positions, in order) when given, else among all.
 */
export function matchingPositions(
  texts: readonly string[],
  filter: string,
  within?: readonly number[],
): number[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const out: number[] = [];
  const test = (i: number) => words.every((w) => texts[i]!.includes(w));
  if (within) {
    for (const i of within) if (test(i)) out.push(i);
  } else for (let i = 0; i < texts.length; i++) if (test(i)) out.push(i);
  return out;
}

/** The exact scope a summary row opens: every user with this outcome, or with this finding code. */
export function scanScope(kind: 'outcome' | 'finding', value: string): string {
  return `${kind}:${value}`;
}

/** Whether a user is in a scope made by `scanScope` (null: everyone). Exact, never a text search. */
export function inScope(u: UserForecast, scope: string | null): boolean {
  if (scope === null) return true;
  const colon = scope.indexOf(':');
  const kind = scope.slice(0, colon);
  const value = scope.slice(colon + 1);
  if (kind === 'outcome') return u.forecast.outcome === value;
  if (kind === 'finding') return u.findings.some((f) => f.code === value);
  return false;
}

/** A scope in words for the list's heading ("duplicate account", "finding CLOUD_USER_NOT_FOUND"). */
export function describeScope(scope: string | null): string {
  if (scope === null) return 'all users';
  const colon = scope.indexOf(':');
  const value = scope.slice(colon + 1);
  return scope.startsWith('outcome:') ? (OUTCOME_LABEL[value as Outcome] ?? value) : value;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The most serious severity each finding code has among these users (as the JSON reports it). */
export function worstSeverityByCode(users: readonly UserForecast[]): Map<string, Severity> {
  const worst = new Map<string, Severity>();
  for (const u of users)
    for (const f of u.findings) {
      const seen = worst.get(f.code);
      if (!seen || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[seen]) worst.set(f.code, f.severity);
    }
  return worst;
}
