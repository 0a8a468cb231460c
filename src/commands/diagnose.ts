// `syncmatch diagnose <identity>`: read, explain, plan; nothing is written.
import { collectSnapshot } from '../app/collect-snapshot.js';
import type { ReadProgress } from '../app/services.js';
import { diagnose } from '../core/diagnose.js';
import { visibleDeep } from '../core/display-text.js';
import { EXIT } from '../core/errors.js';
import { hasErrors } from '../core/findings.js';
import { parseIdentity } from '../core/identity-input.js';
import { openEnvironment } from './environment.js';
import type { GlobalOptions } from './global-options.js';
import { createOutput, type Output } from './output.js';
import { readOnlyDecision } from './read-only.js';
import { formatDiagnosis } from './report.js';
import { checkReportTarget, writeReportFile } from './report-file.js';
import { ticketMarkdown } from '../core/ticket/render.js';
import { buildTicket } from '../core/ticket/ticket.js';

const LABEL: Record<ReadProgress['step'], string> = {
  adUser: 'AD user',
  anchor: 'Expected immutableId',
  cloudTarget: 'Cloud target',
  onPremDuplicates: 'Duplicates on-premises',
  cloudDuplicates: 'Duplicates in the cloud',
  recycleBin: 'Recycle bin',
  tenantSwitches: 'Tenant switches',
};

/** Checklist lines on stderr as each read completes (not with --json unless --verbose). */
export function progressPrinter(out: Output, show: boolean): (p: ReadProgress) => void {
  return (p) => {
    if (!show || p.status === 'running') return;
    const mark = p.status === 'done' ? '✓' : p.status === 'skipped' ? '-' : '✗';
    out.status(`${mark} ${LABEL[p.step]}: ${p.detail}`);
  };
}

export async function diagnoseCommand(
  identity: string,
  opts: GlobalOptions & { handoff?: string },
): Promise<number> {
  const out = createOutput(opts);
  parseIdentity(identity); // bad input is a usage error before anything connects
  await checkReportTarget(opts.report, opts.force);
  await checkReportTarget(opts.handoff, opts.force, '--handoff');
  const env = await openEnvironment(opts);
  try {
    out.verbose(`Environment: ${env.label}`);
    const snapshot = await collectSnapshot(
      { directory: env.directory, tenant: env.tenant, sync: env.sync },
      identity,
      progressPrinter(out, !out.json || Boolean(opts.verbose)),
    );
    const d = diagnose(snapshot);
    const readOnly = readOnlyDecision(opts).readOnly;
    const result = readOnly ? { ...d, plan: d.plan.filter((s) => !s.writes) } : d;
    if (out.json) out.json_(result);
    // Values are escaped before our colours are added, so a colour that came with the data shows.
    else out.data(formatDiagnosis(visibleDeep(d), out, readOnly));
    if (opts.handoff) {
      const { writeCaseFile } = await import('./handoff.js');
      const { operatorName } = await import('../adapters/journal/operator.js');
      await writeCaseFile(
        opts.handoff,
        snapshot,
        d,
        { env, operator: operatorName(), readOnly, now: new Date() },
        opts.force,
      );
      out.status(`Case file: ${opts.handoff} (continue with: syncmatch fix --from ${opts.handoff})`);
    }
    if (opts.report) {
      const ticket = buildTicket({
        environment: env.label,
        lab: env.label.startsWith('lab:'),
        journalPath: env.journal.path,
        before: d,
        after: d,
        outcomes: [],
        readOnly,
        at: new Date().toISOString(),
      });
      await writeReportFile(opts.report, ticketMarkdown(ticket), { force: opts.force, secrets: env.secrets });
      out.status(`Report: ${opts.report}`);
    }
    return hasErrors(d.findings) ? EXIT.problems : EXIT.ok;
  } finally {
    await env.close();
  }
}
