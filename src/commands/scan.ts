// `syncmatch scan [--scope <OU DN>…] [--json | --csv <file>]`: the whole directory's match
// forecast (issue 9). On a terminal: the scan screen (progress, summary, a filterable list; Enter
// opens the one-user wizard on the same environment, and comes back). Otherwise a text report,
// JSON, or a CSV file. Exit 0 when no user is forecast to fail, to be quarantined or to become a
// duplicate; 3 otherwise.
import { limitHeapGrowth } from '../adapters/heap-growth.js';
import { scanDirectory, type ScanProgress } from '../app/scan.js';
import { visibleDeep } from '../core/display-text.js';
import { requireDn } from '../core/dn.js';
import { EXIT, UsageError, UserFacingError } from '../core/errors.js';
import { scanCsv } from '../core/scan/csv.js';
import type { ScanResult } from '../core/scan/types.js';
import { openEnvironment } from './environment.js';
import type { BulkReaders, Environment } from './environment-types.js';
import type { GlobalOptions } from './global-options.js';
import { colorEnabled, createOutput, terminalText, type Output } from './output.js';
import { checkOutputFile, writeOutputFile } from './output-file.js';
import { runWizard } from './run-wizard.js';
import { formatScan } from './scan-report.js';
import { writeJsonStreaming } from './json-stream.js';

export interface ScanCommandOptions extends GlobalOptions {
  /** OU DNs whose users are forecast (default: the sync scope). */
  scope?: string[];
  /** Write the per-user CSV here ('-' = stdout). */
  csv?: string;
  /** Replace an existing --csv file. */
  force?: boolean;
}

function checkOptions(opts: ScanCommandOptions): void {
  if (opts.json && opts.csv !== undefined) {
    throw new UsageError(
      '--json and --csv both claim the output; choose one.',
      'syncmatch scan --csv scan.csv',
    );
  }
  for (const ou of opts.scope ?? []) requireDn(ou, "an OU's distinguished name");
}

function bulkOf(env: Environment): BulkReaders {
  if (env.bulk) return env.bulk;
  throw new UserFacingError(
    `The scan cannot read ${env.label} in bulk yet.`,
    'SCAN_UNAVAILABLE',
    'Try it on the lab first: syncmatch scan --lab <scenario> (syncmatch lab generate makes a large one).',
  );
}

/** Progress on stderr, at most once a second and at each phase change. */
function progressPrinter(out: Output, show: boolean): (p: ScanProgress) => void {
  let lastAt = -Infinity;
  let lastPhase = '';
  return (p) => {
    if (!show || (p.phase === 'reading' && p.objects === 0)) return;
    if (p.phase === lastPhase && p.elapsedMs - lastAt < 1000) return;
    lastAt = p.elapsedMs;
    lastPhase = p.phase;
    const t = `${(p.elapsedMs / 1000).toFixed(1)} s`;
    if (p.phase === 'reading') {
      const tenant = p.objects - (p.read['ad'] ?? 0);
      out.status(
        `Reading: ${p.read['ad'] ?? 0} AD objects, ${tenant} cloud objects (${p.pages} pages, ${t})`,
      );
    } else if (p.phase === 'analysing') out.status(`Forecasting: ${p.analysed} of ${p.total} users (${t})`);
    else out.status(`Done: ${p.total} users forecast, ${p.objects} objects read in ${p.pages} pages (${t})`);
  };
}

function exitFor(result: ScanResult): number {
  return result.summary.problems > 0 ? EXIT.problems : EXIT.ok;
}

export async function scanCommand(opts: ScanCommandOptions): Promise<number> {
  checkOptions(opts);
  const out = createOutput(opts);
  const interactive =
    !opts.json && opts.csv === undefined && Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY);
  // Before the scan, not after it: an existing file (without --force) or an unwritable folder.
  const csvOptions = { flag: '--csv', force: opts.force === true };
  const csvFile =
    opts.csv !== undefined && opts.csv !== '-' ? await checkOutputFile(opts.csv, csvOptions) : null;
  // Whole collections read, indexed and forecast: collect sooner rather than let the heap grow fourfold.
  limitHeapGrowth();
  const env = await openEnvironment(opts);
  try {
    const bulk = bulkOf(env);
    const scope = opts.scope ?? [];
    const shownScope = scope.length > 0 ? scope : env.sync.scope;
    const deps = { ...bulk, sync: env.sync };
    if (interactive) return await interactiveScan(env, deps, scope, shownScope, opts);

    const started = performance.now();
    const result = await scanDirectory(deps, {
      scope,
      onProgress: progressPrinter(out, !out.json || Boolean(opts.verbose)),
    });
    const seconds = (performance.now() - started) / 1000;
    if (result.summary.forecast === 0) {
      out.status(
        `No AD user was found under ${shownScope.length > 0 ? shownScope.join('; ') : 'the base DN'}: check the OU DNs (--scope) or the sync scope.`,
      );
    }
    if (out.json) {
      // Streamed: the same text as out.json_, without the whole of it in memory at once.
      await writeJsonStreaming(
        process.stdout,
        { environment: env.label, scope: shownScope, syncScope: env.sync.scope, ...result },
        'users',
      );
      return exitFor(result);
    }
    const report = formatScan(
      visibleDeep(result),
      { environment: env.label, scope: shownScope, seconds },
      out,
    );
    if (opts.csv !== undefined) {
      const text = scanCsv(result.users);
      // CSV keeps the data, like JSON; but CSV has no escapes of its own, so on a terminal the
      // one escaping function shows what a value would do to it.
      if (csvFile === null) process.stdout.write(process.stdout.isTTY ? terminalText(text) : text);
      else {
        await writeOutputFile(csvFile, text, csvOptions);
        out.status(`Wrote ${result.users.length} rows to ${csvFile}.`);
      }
      out.status(report);
    } else out.data(report);
    return exitFor(result);
  } finally {
    await env.close();
  }
}

/** The scan screen; Enter on a user runs the wizard on the same environment, then comes back. */
async function interactiveScan(
  env: Environment,
  deps: Parameters<typeof scanDirectory>[0],
  scope: string[],
  shownScope: readonly string[],
  opts: ScanCommandOptions,
): Promise<number> {
  const { renderScan } = await import('../ui/scan/render-scan.js');
  // The wizard must not close the environment the scan goes back to.
  const kept: Environment = { ...env, close: async () => {} };
  let previous: ScanResult | undefined;
  let note: string | undefined;
  for (;;) {
    const { choice, result } = await renderScan({
      color: colorEnabled(opts),
      environmentLabel: env.label,
      scopeLabel: shownScope.length > 0 ? shownScope.join('; ') : 'the whole domain',
      previous,
      note,
      run: (onProgress, signal) => scanDirectory(deps, { scope, onProgress, signal }),
    });
    if (choice.kind === 'cancelled') return EXIT.cancelled;
    if (choice.kind === 'quit') return result ? exitFor(result) : EXIT.ok;
    if (choice.kind === 'rescan') {
      previous = undefined;
      note = undefined;
      continue;
    }
    previous = result ?? undefined;
    if (choice.kind === 'batch') {
      const { batchOnEnvironment } = await import('./fix-batch.js');
      const code = await batchOnEnvironment(
        kept,
        choice.guids,
        `${choice.guids.length} users marked on the scan screen`,
        opts,
      );
      note = `Back from the batch (exit ${code}): results from before it; r scans again.`;
      continue;
    }
    await runWizard(kept, choice.dn, opts);
    note = `Back from the wizard (${choice.label}): results from before it; r scans again.`;
  }
}
