// Words for the scan's outcomes, shared by the text report, the screen and the CSV reader's eye.
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

/** Positions of the users whose search text holds every word of the filter (case-insensitive). */
export function matchingPositions(texts: readonly string[], filter: string): number[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const out: number[] = [];
  for (let i = 0; i < texts.length; i++) if (words.every((w) => texts[i]!.includes(w))) out.push(i);
  return out;
}
