// `syncmatch fix <identity>`: on a terminal without --yes, the wizard (each write confirmed); with
// --yes, the same state machine applies the whole plan, syncs, verifies and reports.
import { runFix } from '../app/fix-flow.js';
import { UsageError } from '../core/errors.js';
import { parseIdentity } from '../core/identity-input.js';
import { openEnvironment } from './environment.js';
import type { GlobalOptions } from './global-options.js';
import { createOutput } from './output.js';
import { formatDiagnosis } from './report.js';
import { runLabWizard } from './lab-wizard.js';
import { runWizard } from './run-wizard.js';
import { servicesFor } from './services-for.js';

export interface FixOptions extends GlobalOptions {
  yes?: boolean;
  timeout?: number;
  /** `fix --yes` purges a recycle-bin object only with this flag too. */
  allowPurge?: boolean;
}

export async function fixCommand(identity: string, opts: FixOptions): Promise<number> {
  const out = createOutput(opts);
  parseIdentity(identity);
  if (opts.readOnly)
    throw new UsageError('fix writes; it cannot run with --read-only.', 'Use "syncmatch diagnose".');
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !opts.json;
  if (!opts.yes && !interactive) {
    throw new UsageError(
      '--yes required when not running interactively.',
      `syncmatch fix ${identity} --yes --json`,
    );
  }
  if (!opts.yes && typeof opts.lab === 'string') return runLabWizard(opts.lab, identity, opts);
  const env = await openEnvironment(opts);
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
      const { before, applied, after, matched, forecastHeld, stoppedBecause } = report;
      const forecast = before?.forecast ?? null;
      out.json_({ before, applied, after, matched, forecast, forecastHeld, stoppedBecause });
    } else {
      if (report.before) out.data(formatDiagnosis(report.before, out));
      out.data('');
      for (const a of report.applied) {
        const mark = a.status === 'done' ? '✓' : a.status === 'failed' ? '✗' : '-';
        out.data(`${mark} ${a.action}: ${a.detail}`);
      }
      out.data(report.matched ? '\nMatched.' : '\nNot matched.');
      if (report.stoppedBecause && !report.matched) out.data(`Stopped: ${report.stoppedBecause}`);
      out.status(`Journal: ${services.journalPath}`);
    }
    return report.exitCode;
  } finally {
    process.off('SIGINT', onSigint);
    await env.close();
  }
}
