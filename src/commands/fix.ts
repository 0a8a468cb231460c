// `syncmatch fix <identity>`: on a terminal without --yes, the wizard (each write confirmed); with
// --yes, the same state machine applies the whole plan, syncs, verifies and reports.
import { runFix } from '../app/fix-flow.js';
import { visibleDeep, visibleText } from '../core/display-text.js';
import { UsageError } from '../core/errors.js';
import {
  continueFromCase,
  describeContinuation,
  maxCaseAgeMs,
  readCaseFile,
  type Continuation,
} from './handoff.js';
import { parseIdentity } from '../core/identity-input.js';
import { openEnvironment } from './environment.js';
import type { GlobalOptions } from './global-options.js';
import { createOutput } from './output.js';
import { formatDiagnosis } from './report.js';
import { runLabWizard } from './lab-wizard.js';
import { runWizard } from './run-wizard.js';
import { refuseWhenReadOnly } from './read-only.js';
import { servicesFor } from './services-for.js';
import { checkReportTarget, writeReportFile } from './report-file.js';
import { ticketMarkdown, ticketText } from '../core/ticket/render.js';

export interface FixOptions extends GlobalOptions {
  yes?: boolean;
  timeout?: number;
  /** A case file from `diagnose --handoff`. */
  from?: string;
  /** Refuse a --from case older than this many hours. */
  maxAge?: number;
  /** `fix --yes` purges a recycle-bin object only with this flag too. */
  allowPurge?: boolean;
  /** Batches only (fix-batch.ts); refused for one user. */
  dryRun?: boolean;
}

async function pressEnter(prompt: string): Promise<void> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    await rl.question(`${prompt} `);
  } finally {
    rl.close();
  }
}

export async function fixCommand(given: string | undefined, opts: FixOptions): Promise<number> {
  if (opts.dryRun) {
    throw new UsageError(
      '--dry-run goes with a batch (--batch, --batch-finding or --resume).',
      `For one user, "syncmatch diagnose ${given ?? '<identity>'}" shows the plan without writing.`,
    );
  }
  const out = createOutput(opts);
  const caseFile = opts.from ? await readCaseFile(opts.from) : null;
  const identity = given ?? caseFile?.identity;
  if (!identity) throw new UsageError('fix needs an identity, or --from <case file>.', 'syncmatch fix jdoe');
  if (caseFile && given && given !== caseFile.identity) {
    throw new UsageError(
      `The case file is about "${caseFile.identity}", not "${given}".`,
      `Run "syncmatch fix --from ${opts.from}" without an identity.`,
    );
  }
  const maxAgeMs = maxCaseAgeMs(opts.maxAge);
  parseIdentity(identity);
  refuseWhenReadOnly(opts, 'fix writes', `Use "syncmatch diagnose ${identity}" to see the plan.`);
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !opts.json;
  if (!opts.yes && !interactive) {
    throw new UsageError(
      '--yes required when not running interactively.',
      `syncmatch fix ${identity} --yes --json`,
    );
  }
  await checkReportTarget(opts.report, opts.force);
  if (!caseFile && !opts.yes && typeof opts.lab === 'string') return runLabWizard(opts.lab, identity, opts);
  const env = await openEnvironment(opts);
  let handoff: Continuation | null = null;
  if (caseFile) {
    try {
      handoff = await continueFromCase(caseFile, env, { now: new Date(), maxAgeMs });
    } catch (e) {
      await env.close();
      throw e;
    }
    for (const line of describeContinuation(handoff)) out.status(line);
    // The wizard takes the whole screen: what changed is read first, then Enter opens it.
    if (!opts.yes) await pressEnter('Press Enter to continue in the wizard (Ctrl-C stops here).');
  }
  if (!opts.yes) return runWizard(env, identity, opts);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const services = servicesFor(env, opts, {
      syncTimeoutMs: opts.timeout ? opts.timeout * 1000 : undefined,
    });
    const report = await runFix(services, identity, controller.signal, undefined, {
      allowPurge: Boolean(opts.allowPurge),
    });
    for (const w of report.warnings) out.status(`! ${w}`);
    if (out.json) {
      const { before, applied, after, matched, ticket, forecastHeld, stoppedBecause, rollback } = report;
      const forecast = before?.forecast ?? null;
      const from = handoff && {
        case: { createdAt: handoff.caseFile.createdAt, createdBy: handoff.caseFile.createdBy },
        changes: handoff.changes,
        planBefore: handoff.planBefore,
        planNow: handoff.planNow,
      };
      out.json_({
        before,
        applied,
        after,
        matched,
        forecast,
        forecastHeld,
        stoppedBecause,
        rollback,
        ticket,
        ...(from ? { handoff: from } : {}),
      });
    } else {
      // Values are escaped before our colours are added, so a colour that came with the data shows.
      if (report.before) out.data(formatDiagnosis(visibleDeep(report.before), out));
      out.data('');
      for (const a of report.applied) {
        const mark = a.status === 'done' ? '✓' : a.status === 'failed' ? '✗' : '-';
        out.data(`${mark} ${a.action}: ${visibleText(a.detail)}`);
      }
      out.data(report.matched ? '\nMatched.' : '\nNot matched.');
      if (report.stoppedBecause && !report.matched) out.data(`Stopped: ${report.stoppedBecause}`);
      out.data('');
      out.data(ticketText(report.ticket));
      out.status(`Journal: ${services.journalPath}`);
    }
    if (opts.report) {
      await writeReportFile(opts.report, ticketMarkdown(report.ticket), {
        force: opts.force,
        secrets: env.secrets,
      });
      out.status(`Report: ${opts.report}`);
    }
    return report.exitCode;
  } finally {
    process.off('SIGINT', onSigint);
    await env.close();
  }
}
