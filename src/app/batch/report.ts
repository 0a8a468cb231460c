// A batch fix in words: the plan before confirmation (grouped by action, with counts and examples,
// and who is left out and why), the result per user, and the report files (CSV for a spreadsheet,
// Markdown for the change ticket).
import { csvRow } from '../../core/scan/csv.js';
import type { BatchPlan, BatchResult } from './types.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The plan as lines: what will be written, grouped; who only needs the sync; who is left out. */
export function formatBatchPlan(plan: BatchPlan, options: { excludedShown?: number } = {}): string[] {
  const lines: string[] = [];
  const total = plan.users.length;
  lines.push(
    `Batch plan for ${plural(total, 'user')}: ${plan.toWrite} to write (${plural(plan.writes, 'write')}), ` +
      `${plan.syncOnly} matched by the sync alone, ${plan.alreadyMatched} already matched, ${plan.excluded} left out.`,
  );
  if (plan.groups.length > 0) lines.push('', 'To write, by plan:');
  for (const g of plan.groups) {
    lines.push(`  ${String(g.count).padStart(6)}  ${g.actions}   e.g. ${g.examples.join(', ')}`);
  }
  if (plan.purges > 0) {
    lines.push(
      '',
      `${plural(plan.purges, 'user')} need a permanent deletion from the recycle bin (exported to the journal first; cannot be undone).`,
    );
  }
  const excluded = plan.users.filter((u) => u.status === 'excluded');
  if (excluded.length > 0) {
    const shown = options.excludedShown ?? 20;
    lines.push('', `Left out (fix these one at a time in the wizard):`);
    for (const u of excluded.slice(0, shown)) lines.push(`  ${u.label}: ${u.reason}`);
    if (excluded.length > shown)
      lines.push(`  … and ${excluded.length - shown} more (all of them in --json and the report).`);
  }
  return lines;
}

/** The result as lines: counts, then every user that did not end matched (or already matched). */
export function formatBatchResult(result: BatchResult, options: { shown?: number } = {}): string[] {
  const c = result.counts;
  const lines = [
    `Batch ${result.batchId}: ${c.matched} matched, ${c['not-matched']} not matched, ${c['write-failed']} failed writes, ` +
      `${c.cancelled} stopped, ${c['already-matched']} already matched, ${c.excluded} left out.`,
  ];
  if (result.throttled.retries > 0) {
    lines.push(
      `Graph throttled ${plural(result.throttled.retries, 'write')}; the batch waited ${(result.throttled.waitedMs / 1000).toFixed(1)} s in all and sent them again.`,
    );
  }
  if (result.syncDetail) lines.push(result.syncDetail);
  const problems = result.users.filter(
    (u) =>
      u.outcome === 'not-matched' ||
      u.outcome === 'write-failed' ||
      u.outcome === 'cancelled' ||
      u.outcome === 'not-written',
  );
  const shown = options.shown ?? 30;
  for (const u of problems.slice(0, shown)) lines.push(`  ${mark(u.outcome)} ${u.label}: ${u.detail}`);
  if (problems.length > shown)
    lines.push(`  … and ${problems.length - shown} more (all of them in --json and the report).`);
  if (result.cancelled) lines.push('', `Stopped. Finish it with: syncmatch fix --resume ${result.batchId}`);
  return lines;
}

function mark(outcome: string): string {
  return outcome === 'matched' ? '✓' : outcome === 'cancelled' || outcome === 'not-written' ? '-' : '✗';
}

export const BATCH_CSV_HEADER = [
  'identity',
  'user',
  'planned',
  'writes',
  'written',
  'outcome',
  'verdict',
  'journalIds',
  'detail',
] as const;

export function batchCsv(result: BatchResult): string {
  const rows = [csvRow(BATCH_CSV_HEADER)];
  for (const u of result.users) {
    rows.push(
      csvRow([
        u.identity,
        u.label,
        u.planned,
        u.writes.map((w) => `${w.action}:${w.status}`).join(' '),
        u.written ? 'yes' : 'no',
        u.outcome,
        u.verdict ?? '',
        u.writes
          .map((w) => w.journalId ?? '')
          .filter(Boolean)
          .join(' '),
        u.detail,
      ]),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}

export const BATCH_PLAN_CSV_HEADER = ['identity', 'user', 'planned', 'actions', 'reason'] as const;

/** A dry run's plan, a row a user: what the batch would do to each, and why a user is left out. */
export function batchPlanCsv(plan: BatchPlan): string {
  const rows = [csvRow(BATCH_PLAN_CSV_HEADER)];
  for (const u of plan.users) {
    rows.push(csvRow([u.identity, u.label, u.status, u.actions.join(' '), u.reason ?? '']));
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** Markdown cells: no pipe or line break may end a cell early. */
function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

export function batchMarkdown(
  result: BatchResult,
  plan: BatchPlan,
  meta: { environment: string; source: string; at: string },
): string {
  const c = result.counts;
  const lines = [
    `# Batch fix ${result.batchId}`,
    '',
    `- Environment: ${cell(meta.environment)}`,
    `- Users from: ${cell(meta.source)}`,
    `- Finished: ${meta.at}`,
    `- Result: ${c.matched} matched, ${c['not-matched']} not matched, ${c['write-failed']} failed writes, ${c.cancelled} stopped, ${c['already-matched']} already matched, ${c.excluded} left out`,
    `- Throttling: ${result.throttled.retries} writes sent again, ${(result.throttled.waitedMs / 1000).toFixed(1)} s waited`,
    '',
    '## Plan',
    '',
    '| users | writes |',
    '| ---: | --- |',
    ...plan.groups.map((g) => `| ${g.count} | ${cell(g.actions)} |`),
    '',
    '## Users',
    '',
    '| user | planned | writes | outcome | detail |',
    '| --- | --- | --- | --- | --- |',
    ...result.users.map(
      (u) =>
        `| ${cell(u.label)} | ${u.planned} | ${cell(u.writes.map((w) => `${w.action} ${w.status}${w.journalId ? ` (${w.journalId})` : ''}`).join(', '))} | ${u.outcome} | ${cell(u.detail)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** A dry run's plan for the change ticket: counts, the groups, and every user's plan. */
export function batchPlanMarkdown(
  plan: BatchPlan,
  meta: { environment: string; source: string; at: string },
): string {
  const lines = [
    '# Batch fix plan (dry run: nothing written)',
    '',
    `- Environment: ${cell(meta.environment)}`,
    `- Users from: ${cell(meta.source)}`,
    `- Planned: ${meta.at}`,
    `- ${plan.users.length} users: ${plan.toWrite} to write (${plan.writes} writes), ${plan.syncOnly} matched by the sync alone, ${plan.alreadyMatched} already matched, ${plan.excluded} left out`,
    ...(plan.purges > 0
      ? [`- ${plan.purges} permanent deletions from the recycle bin (only with --allow-purge)`]
      : []),
    '',
    '## To write, by plan',
    '',
    '| users | writes | e.g. |',
    '| ---: | --- | --- |',
    ...plan.groups.map((g) => `| ${g.count} | ${cell(g.actions)} | ${cell(g.examples.join(', '))} |`),
    '',
    '## Users',
    '',
    '| user | planned | writes | why left out |',
    '| --- | --- | --- | --- |',
    ...plan.users.map(
      (u) => `| ${cell(u.label)} | ${u.status} | ${cell(u.actions.join(', '))} | ${cell(u.reason ?? '')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
