// Counts for the scan's summary table: users per outcome, users per finding code, and the number
// of users whose next sync goes wrong (the exit code follows it).
import type { FindingCode } from '../findings.js';
import { OUTCOMES, type Outcome, type ScanSummary, type UserForecast } from './types.js';

/** Outcomes a technician must act on before enabling sync. */
export const PROBLEM_OUTCOMES: ReadonlySet<Outcome> = new Set<Outcome>([
  'export-error',
  'duplicate',
  'new-user-quarantined',
  'unknown',
]);

export function summarize(
  users: readonly UserForecast[],
  counts: { adUsers: number; systemObjects: number; cloudUsers: number; cloudOnly: number },
): ScanSummary {
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const byFinding: Partial<Record<FindingCode, number>> = {};
  let problems = 0;
  for (const u of users) {
    byOutcome[u.forecast.outcome] += 1;
    if (PROBLEM_OUTCOMES.has(u.forecast.outcome)) problems += 1;
    for (const code of new Set(u.findings.map((f) => f.code))) byFinding[code] = (byFinding[code] ?? 0) + 1;
  }
  return { ...counts, forecast: users.length, byOutcome, byFinding, problems };
}
