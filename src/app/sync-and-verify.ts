// After the fixes: start a delta sync (waiting out "busy"), poll the tenant until the target shows
// the match or the timeout passes, then re-diagnose and give a verdict (issue 6 "Behaviour").
import type { Diagnosis, VerifyBasis } from '../core/diagnosis-types.js';
import type { CloudUser } from '../core/snapshot.js';
import { runErrorsSentence, runReportLines, type SyncRunSummary } from '../core/sync-server.js';
import type { Clock, SyncRunResult, SyncTrigger, TenantReader } from '../ports.js';
import type { SyncProgress, SyncVerdict } from './services.js';
import { checkJoin } from './verify-join.js';

export interface SyncAndVerifyDeps {
  trigger: SyncTrigger;
  tenant: TenantReader;
  /** Re-reads AD and the tenant and diagnoses again (the verdict's "after"). */
  rediagnose: () => Promise<Diagnosis>;
  /**
   * Re-diagnose once before any polling read (a batch: the cycle ran for everyone before the users
   * are verified, so most are matched by then and the two reads of the target are not needed).
   */
  matchFirst?: boolean;
  clock: Clock;
  /** How long to wait for the sync to land (default 300 s). */
  timeoutMs?: number;
  /** How long to keep retrying while the sync server is busy (default 300 s). */
  busyDeadlineMs?: number;
  pollMs?: number;
  busyRetryMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 300_000;

/** Starts the cycle, retrying while busy. Returns the cycle's output, or a failed verdict. */
export async function triggerSync(
  deps: Pick<SyncAndVerifyDeps, 'trigger' | 'clock' | 'busyDeadlineMs' | 'busyRetryMs'>,
  onProgress: (p: SyncProgress) => void,
  signal?: AbortSignal,
): Promise<{ ok: true; output: string; started: SyncRunResult } | { ok: false; verdict: SyncVerdict }> {
  const start = deps.clock.now().getTime();
  const deadline = deps.busyDeadlineMs ?? DEFAULT_TIMEOUT_MS;
  const elapsed = () => deps.clock.now().getTime() - start;
  for (;;) {
    onProgress({
      phase: 'triggering',
      elapsedMs: elapsed(),
      detail: `Start-ADSyncSyncCycle -PolicyType Delta via ${deps.trigger.name}`,
    });
    const r = await deps.trigger.startDeltaSync({ signal });
    if (r.result === 'Success') return { ok: true, output: r.output, started: r };
    if (r.result === 'Failed') {
      return {
        ok: false,
        verdict: {
          verdict: 'sync-failed',
          detail: `The sync server refused to start a cycle: ${cmdletAnswer(r.output)}`,
          syncReport: [r.output],
          after: null,
        },
      };
    }
    if (elapsed() >= deadline) {
      return {
        ok: false,
        verdict: {
          verdict: 'sync-failed',
          detail: `The sync server was still busy after ${Math.round(elapsed() / 1000)} s; a cycle is running. Try again when it ends (Get-ADSyncScheduler shows SyncCycleInProgress).`,
          syncReport: [r.output],
          after: null,
        },
      };
    }
    onProgress({
      phase: 'busy',
      elapsedMs: elapsed(),
      detail: 'A sync cycle is already running; waiting to start ours.',
    });
    await deps.clock.sleep(deps.busyRetryMs ?? 10_000, signal);
  }
}

function landed(u: CloudUser | null, expected: string | null): boolean {
  return u !== null && u.onPremisesSyncEnabled === true && u.onPremisesImmutableId === expected;
}

export async function syncAndVerify(
  deps: SyncAndVerifyDeps,
  before: VerifyBasis,
  onProgress: (p: SyncProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<SyncVerdict> {
  const started = deps.clock.now().getTime();
  const elapsed = () => deps.clock.now().getTime() - started;
  const triggered = await triggerSync(deps, onProgress, signal);
  if (!triggered.ok) return triggered.verdict;
  const timeout = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const targetId = before.target?.id;
  const early = deps.matchFirst ? await deps.rediagnose() : null;
  const matchedEarly = early?.findings.some((f) => f.code === 'ALREADY_MATCHED') === true;
  // The baseline right after our Success: a cycle that was running before ours cannot move it.
  const lastSyncBefore =
    targetId && !matchedEarly
      ? ((await deps.tenant.getUser(targetId))?.onPremisesLastSyncDateTime ?? null)
      : null;
  // Start-ADSyncSyncCycle returns when the cycle starts: ask the server when it ended, and what its
  // runs reported, before reading the cloud (real servers and the lab; a trigger without it: skip).
  let cycle: { ended: boolean; runs: SyncRunSummary[] } | null = null;
  const notes = [...(triggered.started.notes ?? [])];
  if (deps.trigger.cycleStatus) {
    try {
      cycle = await awaitCycleEnd(deps, triggered.started, timeout - elapsed(), onProgress, signal);
    } catch (error) {
      // The cycle did start: a failed question about its end is no reason to stop watching the cloud.
      if (signal?.aborted) throw error;
      notes.push(
        `Could not ask the Connect server whether the cycle ended (${error instanceof Error ? error.message : String(error)}); watching Entra ID instead.`,
      );
    }
  }
  const serverLines = cycle ? runReportLines(cycle.runs).map((l) => l.text) : [];
  const runErrors = runErrorsSentence(cycle?.runs ?? []);
  const lines = () =>
    before.onPrem && deps.trigger.reportFor ? deps.trigger.reportFor(before.onPrem.dn) : [];
  const report = () => [
    cmdletAnswer(triggered.output),
    ...notes,
    ...serverLines,
    ...lines().map((l) => l.text),
  ];
  if (cycle && !cycle.ended) {
    return {
      verdict: 'timeout',
      detail: `The sync cycle was still running on the Connect server after ${Math.round(elapsed() / 1000)} s. Run 'syncmatch sync --wait ${before.identity}' when it ends (Get-ADSyncScheduler shows SyncCycleInProgress).`,
      syncReport: report(),
      after: null,
    };
  }
  for (;;) {
    signal?.throwIfAborted();
    onProgress({ phase: 'waiting', elapsedMs: elapsed(), detail: 'Waiting for the cloud to show the sync' });
    const errors = lines().filter((l) => l.error);
    let done = errors.length > 0;
    if (targetId && !matchedEarly) {
      const now = await deps.tenant.getUser(targetId);
      const quarantined = now?.onPremisesProvisioningErrors.length ?? 0;
      const moved =
        now?.onPremisesLastSyncDateTime != null && now.onPremisesLastSyncDateTime !== lastSyncBefore;
      done ||=
        landed(now, before.expectedImmutableId) ||
        quarantined > (before.target?.onPremisesProvisioningErrors.length ?? 0) ||
        moved;
    }
    // Without a target (a new user), or when the target did not move, the re-diagnosis decides.
    onProgress({ phase: 'verifying', elapsedMs: elapsed(), detail: 'Re-reading AD and the tenant' });
    const after = matchedEarly && early ? early : await deps.rediagnose();
    if (after.findings.some((f) => f.code === 'ALREADY_MATCHED')) {
      const wrong = checkJoin(before, after, report());
      if (wrong) return wrong;
      return {
        verdict: 'matched',
        detail: `Matched: ${after.target?.userPrincipalName} is synced with immutableId ${after.expectedImmutableId}.`,
        syncReport: report(),
        after,
      };
    }
    if (done) {
      const first = after.findings.find((f) => f.severity === 'error');
      const why = errors[0]
        ? `the sync reported ${errors[0].text}`
        : first
          ? first.message
          : (runErrors ?? 'no error was reported');
      return {
        verdict: 'not-yet',
        detail: `The sync ran but the user is not matched: ${why}`,
        syncReport: report(),
        after,
      };
    }
    if (elapsed() >= timeout) {
      return {
        verdict: 'timeout',
        detail: cycle
          ? `No match after ${Math.round(elapsed() / 1000)} s, though the sync cycle ended on the Connect server${runErrors ? `: ${runErrors}` : ' without errors'}. Run 'syncmatch sync --wait ${before.identity}' later, or look at the user in Synchronization Service Manager (Metaverse Search).`
          : `No match after ${Math.round(elapsed() / 1000)} s. The sync may still be exporting: run 'syncmatch sync --wait ${before.identity}' later, or look at Synchronization Service Manager for export errors.`,
        syncReport: report(),
        after,
      };
    }
    await deps.clock.sleep(Math.max(0, Math.min(deps.pollMs ?? 5_000, timeout - elapsed())), signal);
  }
}

/**
 * Polls the server until the cycle our Success started has ended (SyncCycleInProgress false), at
 * most `budgetMs`; then the runs it reported. Progress every poll, so the wait is visible.
 */
export async function awaitCycleEnd(
  deps: Pick<SyncAndVerifyDeps, 'trigger' | 'clock' | 'pollMs'>,
  started: SyncRunResult,
  budgetMs: number,
  onProgress: (p: SyncProgress) => void,
  signal?: AbortSignal,
): Promise<{ ended: boolean; runs: SyncRunSummary[] }> {
  const begin = deps.clock.now().getTime();
  const waited = () => deps.clock.now().getTime() - begin;
  for (let polls = 1; ; polls++) {
    signal?.throwIfAborted();
    const status = await deps.trigger.cycleStatus!(started, { signal });
    if (!status.inProgress) return { ended: true, runs: status.runs };
    onProgress({
      phase: 'cycle',
      elapsedMs: waited(),
      detail: `The sync cycle is still running on the Connect server (asked ${polls} time${polls === 1 ? '' : 's'}).`,
    });
    if (waited() >= budgetMs) return { ended: false, runs: [] };
    await deps.clock.sleep(Math.max(0, Math.min(deps.pollMs ?? 5_000, budgetMs - waited())), signal);
  }
}

/** The `Result` of `Start-ADSyncSyncCycle`'s table as one line; the Result column may be the last
 *  of several (Invoke-Command adds PSComputerName and RunspaceId before it). */
function cmdletAnswer(output: string): string {
  const rows = output.split(/\r?\n/);
  for (let i = 0; i + 2 < rows.length; i++) {
    const at = (rows[i] ?? '').search(/\bResult\b/);
    if (at < 0 || !/^\s*-[-\s]*$/.test(rows[i + 1] ?? '')) continue;
    const value = (rows[i + 2] ?? '').slice(at).trim().split(/\s+/)[0];
    if (value) return `Start-ADSyncSyncCycle: Result ${value}`;
  }
  return output.trim();
}
