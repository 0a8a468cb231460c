// `syncmatch fix --batch <file>`, `fix --batch-finding <CODE> [--scope <OU DN>…]` and
// `fix --resume <batch id>`: many users in one guarded run. Each user is planned by the wizard's
// planner; the batch plan is shown grouped by action; one typed confirmation (the number of users
// to write) or --yes without a terminal; then the writes, one sync, every user verified.
// Ctrl-C stops cleanly: writes under way finish and are journalled, nothing new is sent.
import { readFile, writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { limitHeapGrowth } from '../adapters/heap-growth.js';
import { openBatchRecords, savedLabFile } from '../adapters/journal/batch-records.js';
import { labJournalPath } from '../adapters/journal/location.js';
import { operatorName } from '../adapters/journal/operator.js';
import { systemClock } from '../adapters/system-clock.js';
import { planBatch } from '../app/batch/plan-batch.js';
import {
  batchCsv,
  batchMarkdown,
  batchPlanCsv,
  batchPlanMarkdown,
  formatBatchPlan,
  formatBatchResult,
} from '../app/batch/report.js';
import { loadResume, newBatchRecord, runBatch, type BatchDeps } from '../app/batch/run-batch.js';
import type { BatchPlan, BatchProgress } from '../app/batch/types.js';
import { scanDirectory } from '../app/scan.js';
import { createWizardServices } from '../app/wizard-services.js';
import type { BatchRecord } from '../batch-ports.js';
import { parseIdentityList } from '../core/batch/identity-list.js';
import { timeLeft } from '../core/batch/time-left.js';
import { EXIT, UsageError, UserFacingError } from '../core/errors.js';
import { FINDING_CODES, type FindingCode } from '../core/findings.js';
import { wrapLine } from '../ui/wrap.js';
import { askLine } from './ask-line.js';
import { openEnvironment } from './environment.js';
import { openSavedLab } from './saved-lab.js';
import type { Environment } from './environment-types.js';
import type { GlobalOptions } from './global-options.js';
import { createOutput, type Output } from './output.js';

export interface FixBatchOptions extends GlobalOptions {
  yes?: boolean;
  timeout?: number;
  batch?: string;
  batchFinding?: string;
  scope?: string[];
  resume?: string;
  allowPurge?: boolean;
  batchReport?: string;
  /** Plan the batch and report the plan; nothing is written and no sync is started. */
  dryRun?: boolean;
}

export interface FixBatchIo {
  interactive: () => boolean;
  /** Asks one question on the terminal; null when it was interrupted (Ctrl-C, end of input). */
  ask: (question: string) => Promise<string | null>;
}

const defaultIo: FixBatchIo = {
  interactive: () => Boolean(process.stdin.isTTY && process.stderr.isTTY),
  ask: askLine,
};

/** True when the options ask for a batch (the command line then takes no identity). */
export function isBatch(opts: FixBatchOptions): boolean {
  return opts.batch !== undefined || opts.batchFinding !== undefined || opts.resume !== undefined;
}

function checkOptions(identity: string | undefined, opts: FixBatchOptions): void {
  const given = [opts.batch, opts.batchFinding, opts.resume].filter((v) => v !== undefined).length;
  if (given > 1)
    throw new UsageError(
      'Use one of --batch, --batch-finding and --resume.',
      'syncmatch fix --batch users.txt',
    );
  if (identity !== undefined) {
    throw new UsageError(
      `A batch takes no identity ("${identity}"): the users come from the list.`,
      'syncmatch fix --batch users.txt',
    );
  }
  if (opts.scope !== undefined && opts.batchFinding === undefined) {
    throw new UsageError(
      '--scope goes with --batch-finding.',
      'syncmatch fix --batch-finding STALE_IMMUTABLE_ID --scope "OU=Staff,DC=contoso,DC=com"',
    );
  }
  if (opts.batchFinding !== undefined && !FINDING_CODES.includes(opts.batchFinding as FindingCode)) {
    throw new UsageError(
      `"${opts.batchFinding}" is not a finding code.`,
      `One of: ${FINDING_CODES.join(', ')}.`,
    );
  }
  // A dry run reads only: it may run read-only (the plan for the change ticket, from a read-only seat).
  if (opts.readOnly && !opts.dryRun)
    throw new UsageError(
      'fix writes; it cannot run with --read-only.',
      'Use "syncmatch scan" to see the forecast, or add --dry-run to plan the batch without writing.',
    );
  if (opts.batchReport !== undefined && !['.csv', '.md'].includes(extname(opts.batchReport).toLowerCase())) {
    throw new UsageError(
      `--batch-report takes a .csv or .md file (got "${opts.batchReport}").`,
      '--batch-report batch.md',
    );
  }
}

async function readList(file: string): Promise<{ identities: string[]; note: string }> {
  let text: string;
  try {
    text = await readFile(resolve(file), 'utf8');
  } catch (e) {
    throw new UsageError(
      `Could not read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}.`,
      'Give a file with one identity per line, or the CSV of syncmatch scan --csv.',
    );
  }
  const list = parseIdentityList(text);
  if (list.identities.length === 0)
    throw new UsageError(
      `${file} names no user.`,
      'One identity (UPN, sAMAccountName, DN, objectGUID…) per line.',
    );
  const dup = list.duplicates > 0 ? `, ${list.duplicates} repeated ones dropped` : '';
  return {
    identities: list.identities,
    note: `${list.identities.length} users from ${file} (${list.format === 'csv' ? 'scan CSV' : 'one per line'}${dup})`,
  };
}

/** Progress on stderr, at most once a second and at each phase change. */
function progressPrinter(out: Output): (p: BatchProgress) => void {
  let lastAt = 0;
  let lastPhase = '';
  let lastText = '';
  // Where each phase started, for its pace (a 429's wait interleaves with writing: not a new start).
  const starts = new Map<BatchProgress['phase'], { at: number; done: number }>();
  return (p) => {
    // The result follows at once: "Done: n of n" would only repeat it.
    if (p.phase === 'done') return;
    const now = Date.now();
    if (!starts.has(p.phase)) starts.set(p.phase, { at: now, done: p.done });
    if (p.phase === lastPhase && now - lastAt < 1000 && p.done !== p.total) return;
    lastAt = now;
    lastPhase = p.phase;
    const left = timeLeft(starts.get(p.phase)!, now, p.done, p.total);
    const text =
      p.phase === 'throttled'
        ? `Graph is throttling: the whole batch waits ${(p.waitMs! / 1000).toFixed(1)} s`
        : p.phase === 'syncing'
          ? `Sync: ${p.detail ?? 'starting a delta sync'}`
          : `${p.phase[0]!.toUpperCase()}${p.phase.slice(1)}: ${p.done} of ${p.total}${left ? ` (${left})` : ''}`;
    if (text === lastText) return;
    lastText = text;
    out.status(text);
  };
}

export async function fixBatchCommand(
  identity: string | undefined,
  opts: FixBatchOptions,
  io: FixBatchIo = defaultIo,
): Promise<number> {
  checkOptions(identity, opts);
  const out = createOutput(opts);
  const interactive = io.interactive() && !opts.json;
  if (!opts.yes && !interactive && !opts.dryRun) {
    throw new UsageError(
      '--yes required when not running interactively.',
      'syncmatch fix --batch users.txt --yes --json',
    );
  }
  const listed = opts.batch !== undefined ? await readList(opts.batch) : null;
  const labResume = opts.resume !== undefined && opts.lab !== undefined && opts.lab !== false;
  const env =
    (labResume && (await openSavedLab(savedLabFile(labJournalPath(), opts.resume!), opts, out))) ||
    (await openEnvironment(opts));
  const controller = new AbortController();
  const onSigint = () => {
    if (!controller.signal.aborted)
      out.status('Stopping: writes under way finish and are journalled; nothing new is sent.');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await runCommand(env, opts, out, io, listed, controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
    await env.close();
  }
}

/**
 * A batch on an environment that is already open (the scan screen's marked users): the same plan,
 * confirmation and run as `fix --batch`, asked on the terminal. The caller keeps the environment.
 */
export async function batchOnEnvironment(
  env: Environment,
  identities: string[],
  source: string,
  opts: FixBatchOptions,
  io: FixBatchIo = defaultIo,
): Promise<number> {
  const out = createOutput(opts);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  try {
    return await runCommand(env, opts, out, io, { identities, note: source }, controller.signal);
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    out.status(`${error.message}${error.hint ? ` Try: ${error.hint}` : ''}`);
    return error.exitCode;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function runCommand(
  env: Environment,
  opts: FixBatchOptions,
  out: Output,
  io: FixBatchIo,
  listed: { identities: string[]; note: string } | null,
  signal: AbortSignal,
): Promise<number> {
  if (!env.batchOps) {
    throw new UserFacingError(
      `${env.label} cannot write in batches.`,
      'BATCH_UNAVAILABLE',
      'Fix the users one at a time: syncmatch fix <identity>.',
    );
  }
  // Thousands of diagnoses' garbage: collect sooner rather than let the heap grow fourfold.
  limitHeapGrowth();
  const services = createWizardServices({ ...env, clock: systemClock, operator: operatorName() });
  const deps: BatchDeps = {
    diagnose: (identity, s) => services.diagnose(identity, () => {}, s),
    ops: env.batchOps,
    journal: env.journal,
    records: openBatchRecords(env.journal.path),
    tenant: env.tenant,
    trigger: env.trigger,
    clock: systemClock,
    operator: operatorName(),
    secrets: env.secrets,
    ...(opts.timeout ? { syncTimeoutMs: opts.timeout * 1000 } : {}),
  };
  const progress = progressPrinter(out);
  let identities: string[];
  let source: string;
  let resumed: Awaited<ReturnType<typeof loadResume>> | null = null;
  if (listed) {
    ({ identities, note: source } = listed);
  } else if (opts.batchFinding) {
    if (!env.bulk) throw new UserFacingError(`${env.label} cannot be scanned in bulk.`, 'SCAN_UNAVAILABLE');
    out.status(`Scanning for users with ${opts.batchFinding}…`);
    const scan = await scanDirectory({ ...env.bulk, sync: env.sync }, { scope: opts.scope ?? [], signal });
    identities = scan.users
      .filter((u) => u.findings.some((f) => f.code === opts.batchFinding))
      .map((u) => u.objectGuid);
    source = `${identities.length} users with ${opts.batchFinding}${opts.scope ? ` under ${opts.scope.join('; ')}` : ''}`;
  } else {
    resumed = await loadResume(deps, opts.resume!);
    identities = resumed.record.identities;
    source = `resume of batch ${resumed.record.id} (${resumed.record.source})`;
    for (const line of resumed.unfinished) out.status(`! ${line}`);
  }
  out.status(`Planning ${source}…`);
  const allowPurge = resumed ? resumed.record.allowPurge : Boolean(opts.allowPurge);
  const plan = await planBatch(deps, identities, { allowPurge, onProgress: progress, signal });
  if (!out.json) out.data(formatBatchPlan(plan).join('\n'), { wrap: wrapLine });
  if (opts.dryRun) {
    if (opts.batchReport !== undefined) await writeReport(opts.batchReport, { plan }, env.label, source);
    if (out.json) out.json_({ plan: planJson(plan, true), result: null, dryRun: true });
    else
      out.data(
        '\nDry run: nothing was written and no sync was started. The same command without --dry-run writes this plan (each user is planned again first).',
        { wrap: wrapLine },
      );
    return EXIT.ok;
  }
  const users = plan.toWrite > 0 ? plan.toWrite : plan.syncOnly;
  if (users === 0) {
    if (out.json) out.json_({ plan: planJson(plan), result: null });
    else out.data('\nNothing to write or sync.');
    return EXIT.ok;
  }
  if (!opts.yes) {
    const what = plan.toWrite > 0 ? `write ${users} users` : `sync and verify ${users} users`;
    const purge =
      plan.purges > 0 ? `, including ${plan.purges} permanent deletions from the recycle bin` : '';
    const answer = await io.ask(`\nType ${users} to ${what}${purge}; anything else cancels: `);
    if (answer === null || answer.trim() !== String(users)) {
      out.status('Cancelled: nothing was written.');
      return EXIT.cancelled;
    }
  }
  const record: BatchRecord = resumed ? resumed.record : newBatchRecord(deps, plan, source, allowPurge);
  out.status(`Batch ${record.id}: if it stops, finish it with  syncmatch fix --resume ${record.id}`);
  let result: Awaited<ReturnType<typeof runBatch>>;
  try {
    result = await runBatch(deps, plan, record, {
      signal,
      onProgress: progress,
      ...(resumed ? { writtenBefore: resumed.writtenBefore } : {}),
    });
  } finally {
    if (env.saveLab) await saveLab(env.saveLab, savedLabFile(env.journal.path, record.id), record.id, out);
  }
  if (opts.batchReport !== undefined)
    await writeReport(opts.batchReport, { plan, result }, env.label, source);
  if (out.json) out.json_({ plan: planJson(plan), result });
  else out.data(['', ...formatBatchResult(result)].join('\n'), { wrap: wrapLine });
  out.status(`Journal: ${env.journal.path}`);
  return result.exitCode;
}

async function saveLab(
  save: NonNullable<Environment['saveLab']>,
  file: string,
  id: string,
  out: Output,
): Promise<void> {
  try {
    await save(file, id);
    out.status(`The lab as this batch left it: ${file} (syncmatch fix --resume ${id} opens it).`);
  } catch (e) {
    out.status(
      `! The lab could not be saved to ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}): a resume in another process starts from a fresh lab.`,
    );
  }
}

/** The plan for --json: counts, groups and who is left out; with `everyone`, every user's plan. */
function planJson(plan: BatchPlan, everyone = false) {
  const { users, ...counts } = plan;
  return {
    ...counts,
    excludedUsers: users
      .filter((u) => u.status === 'excluded')
      .map(({ identity, label, reason }) => ({ identity, label, reason })),
    ...(everyone
      ? {
          users: users.map(({ identity, label, status, actions, reason }) => ({
            identity,
            label,
            status,
            actions,
            ...(reason ? { reason } : {}),
          })),
        }
      : {}),
  };
}

/** The report file: the result of a batch, or (a dry run, no result) its plan. */
async function writeReport(
  file: string,
  batch: { plan: BatchPlan; result?: Awaited<ReturnType<typeof runBatch>> },
  environment: string,
  source: string,
): Promise<void> {
  const path = resolve(file);
  const meta = { environment, source, at: new Date().toISOString() };
  const csv = extname(path).toLowerCase() === '.csv';
  const text = batch.result
    ? csv
      ? batchCsv(batch.result)
      : batchMarkdown(batch.result, batch.plan, meta)
    : csv
      ? batchPlanCsv(batch.plan)
      : batchPlanMarkdown(batch.plan, meta);
  try {
    // Never over another file: a report is evidence.
    await writeFile(path, text, { encoding: 'utf8', flag: 'wx', mode: 0o600 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(
      `! The report could not be written to ${path} (${code === 'EEXIST' ? 'the file exists already' : (code ?? String(e))}); the result is in the journal and below.\n`,
    );
  }
}
