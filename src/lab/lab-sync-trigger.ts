// The lab's remoting hook: Start-ADSyncSyncCycle against the lab's sync engine. Knobs let tests and
// trainers make the sync land late or never (issue 6 "The wait/verify loop is tested against the lab"),
// and the scenario's `sync.server` gives the lab's Connect server the states a real one has
// (staging mode, a suspended or disabled scheduler, either busy answer, no ADSyncOperators
// membership, export errors), answered with the same sentences as a real server (core/sync-server.ts).
import { UserFacingError } from '../core/errors.js';
import {
  BUSY_TEXTS,
  operatorDenied,
  schedulerNotes,
  schedulerStop,
  type SchedulerFacts,
  type SyncRunSummary,
} from '../core/sync-server.js';
import type { SyncCycleStatus, SyncReportLine, SyncRunResult, SyncTrigger } from '../ports.js';
import type { LabState } from './lab-state.js';
import type { ScenarioConnectServer } from './scenario-schema.js';
import { startSyncCycle } from './sync-engine/cycle.js';

export interface LabSyncOptions {
  /** The cycle starts at once but its changes land this many ms later (export latency). */
  landAfterMs?: number;
  /** The cycle "starts" but never exports anything. */
  neverLands?: boolean;
}

/** Run-log outcomes that are export errors for the object (Connect's "sync errors"). */
const EXPORT_ERRORS = new Set([
  'InvalidSoftMatch',
  'InvalidHardMatch',
  'ExistingAdminRoleConflict',
  'ExportError',
]);

const SERVER = 'the lab';

export class LabSyncTrigger implements SyncTrigger {
  readonly name = 'lab sync engine';
  private pending: NodeJS.Timeout[] = [];
  private lastRun = 0;
  private running = false;
  private runs: SyncRunSummary[] = [];
  private readonly server: ScenarioConnectServer | undefined;
  private exportErrors: string[];

  constructor(
    private readonly state: LabState,
    private readonly options: LabSyncOptions = {},
  ) {
    this.server = state.scenario.sync.server;
    this.exportErrors = [...(this.server?.exportErrors ?? [])];
    if (this.server?.busy) state.busyCalls += this.server.busy.times;
  }

  /** Get-ADSyncScheduler on the lab's server. */
  scheduler(): SchedulerFacts {
    return {
      stagingModeEnabled: this.server?.stagingMode ?? false,
      schedulerSuspended: this.server?.schedulerSuspended ?? false,
      syncCycleEnabled: this.server?.syncCycleEnabled ?? true,
      syncCycleInProgress: this.running,
      nextSyncCycleStartTimeInUTC: null,
    };
  }

  async startDeltaSync(): Promise<SyncRunResult> {
    if (this.server?.operatorAccess === false) {
      const denied = operatorDenied("the lab's Connect server");
      throw new UserFacingError(denied.message, denied.code, denied.hint);
    }
    const scheduler = this.scheduler();
    const stop = schedulerStop(scheduler, SERVER);
    if (stop) throw new UserFacingError(stop.message, stop.code, stop.hint);
    const notes = schedulerNotes(scheduler);
    const extras = { scheduler, ...(notes.length ? { notes } : {}) };
    if (this.running) return { result: 'Busy', output: BUSY_TEXTS['already-running'](), ...extras };
    if (this.state.busyCalls > 0 && this.server?.busy?.text === 'already-running') {
      this.state.busyCalls -= 1;
      return { result: 'Busy', output: BUSY_TEXTS['already-running'](), ...extras };
    }
    if (this.state.busyCalls > 0 || (!this.options.landAfterMs && !this.options.neverLands)) {
      const r = startSyncCycle(this.state);
      if (r.result === 'Success') this.finishRun();
      return { ...r, ...extras };
    }
    if (!this.options.neverLands) {
      this.running = true;
      const timer = setTimeout(() => {
        startSyncCycle(this.state);
        this.finishRun();
      }, this.options.landAfterMs);
      timer.unref();
      this.pending.push(timer);
    } else {
      // The cycle runs and ends, but nothing it did reaches the tenant.
      this.runs = this.runSummaries(false);
    }
    return { result: 'Success', output: '\r\nResult\r\n------\r\nSuccess\r\n', ...extras };
  }

  /** SyncCycleInProgress, then Get-ADSyncRunProfileResult for the cycle that ran. */
  async cycleStatus(): Promise<SyncCycleStatus> {
    return this.running ? { inProgress: true, runs: [] } : { inProgress: false, runs: this.runs };
  }

  /** The engine's lines about one AD object from the last cycle that ran. */
  reportFor(dn: string): SyncReportLine[] {
    const key = dn.toLowerCase();
    const lines = this.runLines();
    // The object's lines and the run-level ones ('' DN), in the log's order.
    const own = lines.byDn.get(key) ?? [];
    const picked = [...own, ...lines.general].sort((a, b) => a - b);
    return picked
      .map((i) => this.state.syncLog[i]!)
      .map((e) => ({ text: `${e.outcome}: ${e.message}`, error: EXPORT_ERRORS.has(e.outcome) }));
  }

  /** The last run's log lines by lower-case DN (positions in syncLog), read once per run and log length. */
  private lines: {
    run: number;
    log: unknown;
    length: number;
    byDn: Map<string, number[]>;
    general: number[];
  } | null = null;

  private runLines(): { byDn: Map<string, number[]>; general: number[] } {
    const log = this.state.syncLog;
    const l = this.lines;
    if (l && l.run === this.lastRun && l.log === log && l.length === log.length) return l;
    const byDn = new Map<string, number[]>();
    const general: number[] = [];
    log.forEach((e, i) => {
      if (e.run !== this.lastRun) return;
      if (e.dn === '') general.push(i);
      else {
        const k = e.dn.toLowerCase();
        const list = byDn.get(k);
        if (list) list.push(i);
        else byDn.set(k, [i]);
      }
    });
    this.lines = { run: this.lastRun, log, length: log.length, byDn, general };
    return this.lines;
  }

  close(): void {
    for (const t of this.pending) clearTimeout(t);
    this.pending = [];
    this.running = false;
  }

  private finishRun(): void {
    this.running = false;
    this.lastRun = this.state.syncRuns;
    // The engine's own export errors make the run's result; their text is in reportFor's lines.
    this.runs = this.runSummaries(
      this.state.syncLog.some((e) => e.run === this.lastRun && EXPORT_ERRORS.has(e.outcome)),
    );
  }

  /** A delta cycle's runs as Get-ADSyncRunProfileResult lists them; the scenario's export errors
   *  are reported by the next run only. */
  private runSummaries(engineErrors: boolean): SyncRunSummary[] {
    const messages = this.exportErrors;
    this.exportErrors = [];
    const at = new Date().toISOString();
    const ad = this.state.ad.domain;
    const aad = `${this.state.tenant.initialDomain} - AAD`;
    const run = (connector: string, runProfile: string, result = 'success', m: string[] = []) => ({
      connector,
      runProfile,
      result,
      startDate: at,
      endDate: at,
      ...(m.length ? { messages: m } : {}),
    });
    return [
      run(ad, 'Delta Import'),
      run(aad, 'Delta Import'),
      run(ad, 'Delta Synchronization'),
      run(aad, 'Delta Synchronization'),
      run(aad, 'Export', messages.length || engineErrors ? 'completed-export-errors' : 'success', messages),
      run(ad, 'Export'),
    ];
  }
}
