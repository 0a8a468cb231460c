// The scan's text report (scan without --json or --csv, or beside a CSV): the forecast per
// outcome, the finding codes, the users to act on, and the cloud users nobody claims.
import type { FindingCode } from '../core/findings.js';
import { describeOutcome, OUTCOME_LABEL, OUTCOME_MEANING } from '../core/scan/labels.js';
import { PROBLEM_OUTCOMES } from '../core/scan/summary.js';
import { OUTCOMES, type CloudOnlyUser, type ScanResult } from '../core/scan/types.js';
import type { Output } from './output.js';

/** How many problem users the text report lists before pointing at --csv / --json. */
export const LISTED_PROBLEMS = 40;

const FATE: Record<CloudOnlyUser['fate'], string> = {
  'stays-cloud-only': 'stay cloud-only (no AD user matches them)',
  'soft-deleted': 'are synced from AD objects outside the sync scope: the next sync soft-deletes them',
  'orphaned-synced': 'are synced, but no AD object read carries their anchor (another forest, or deleted)',
};

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const num = (n: number, width = 7) => String(n).padStart(width);

export function formatScan(
  r: ScanResult,
  context: { environment: string; scope: readonly string[]; seconds: number },
  out: Pick<Output, 'paint'>,
): string {
  const b = (s: string) => out.paint('bold', s);
  const s = r.summary;
  const lines: string[] = [];
  lines.push(
    b(`Scan of ${context.environment}`),
    `  ${s.forecast} AD users forecast under ${context.scope.length > 0 ? context.scope.join('; ') : 'the whole domain'}` +
      `${s.systemObjects > 0 ? ` (${s.systemObjects} system objects left out)` : ''}; ` +
      `${s.adUsers} AD users and ${s.cloudUsers} cloud users read in ${context.seconds.toFixed(1)} s.`,
    '',
    b('Next sync, per AD user'),
  );
  for (const o of OUTCOMES) {
    const n = s.byOutcome[o];
    if (n === 0) continue;
    const mark = PROBLEM_OUTCOMES.has(o)
      ? out.paint('red', '✗')
      : o === 'not-synced'
        ? '–'
        : out.paint('green', '✓');
    lines.push(`  ${mark} ${pad(OUTCOME_LABEL[o], 30)}${num(n)}   ${OUTCOME_MEANING[o]}`);
  }
  if (r.skipped?.length) {
    // Issue 19: what the tenant read could not check, once for the whole scan.
    lines.push('', b('Not checked in the tenant'));
    for (const x of r.skipped) {
      const why =
        x.reason === 'permission'
          ? `the sign-in lacks ${x.permission ?? 'a permission'}`
          : x.reason === 'licence'
            ? `the tenant has no ${x.licence ?? 'licence for it'} (not applicable)`
            : `Graph answered ${x.status ?? ''} ${x.graphCode ?? ''}`.trim();
      lines.push(`  ${pad(x.check, 32)}${why}`);
    }
  }
  const codes = Object.entries(s.byFinding) as [FindingCode, number][];
  if (codes.length > 0) {
    lines.push('', b('Findings (users with each)'));
    for (const [code, n] of codes.sort((a, b2) => b2[1] - a[1])) lines.push(`  ${pad(code, 32)}${num(n)}`);
  }
  const problems = r.users.filter((u) => PROBLEM_OUTCOMES.has(u.forecast.outcome));
  if (problems.length > 0) {
    lines.push('', b(`To act on before enabling sync (${problems.length})`));
    for (const u of problems.slice(0, LISTED_PROBLEMS)) {
      lines.push(
        `  ${out.paint('red', '✗')} ${u.sAMAccountName ?? u.dn}  ${u.userPrincipalName ?? ''}  — ${describeOutcome(u)}`,
      );
      lines.push(`      ${u.forecast.reason}`);
    }
    if (problems.length > LISTED_PROBLEMS) {
      lines.push(
        `  … and ${problems.length - LISTED_PROBLEMS} more: --csv <file> or --json lists every user.`,
      );
    }
    lines.push('  Walk one through the fix: syncmatch <sAMAccountName or UPN>.');
  }
  if (r.cloudOnly.length > 0) {
    lines.push('', b(`Cloud users no AD user will claim (${r.cloudOnly.length})`));
    for (const fate of Object.keys(FATE) as CloudOnlyUser['fate'][]) {
      const n = r.cloudOnly.filter((c) => c.fate === fate).length;
      if (n > 0) lines.push(`  ${num(n)} ${FATE[fate]}`);
    }
    const admins = r.cloudOnly.filter((c) => c.roles.length > 0).length;
    if (admins > 0) lines.push(`  ${num(admins)} of them hold directory roles`);
  }
  lines.push(
    '',
    s.problems === 0
      ? out.paint('green', 'No user is forecast to fail or to become a duplicate.')
      : out.paint(
          'red',
          `${s.problems} user(s) are forecast to fail, to be created with quarantined values, or to become duplicates.`,
        ),
  );
  return lines.join('\n');
}
