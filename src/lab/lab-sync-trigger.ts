// The lab's remoting hook: Start-ADSyncSyncCycle against the lab's sync engine. Knobs let tests and
// trainers make the sync land late or never (issue 6 "The wait/verify loop is tested against the lab").
import type { SyncReportLine, SyncRunResult, SyncTrigger } from '../ports.js';
import type { LabState } from './lab-state.js';
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

export class LabSyncTrigger implements SyncTrigger {
  readonly name = 'lab sync engine';
  private pending: NodeJS.Timeout[] = [];
  private lastRun = 0;

  constructor(
    private readonly state: LabState,
    private readonly options: LabSyncOptions = {},
  ) {}

  async startDeltaSync(): Promise<SyncRunResult> {
    if (this.state.busyCalls > 0 || (!this.options.landAfterMs && !this.options.neverLands)) {
      const r = startSyncCycle(this.state);
      this.lastRun = this.state.syncRuns;
      return r;
    }
    if (!this.options.neverLands) {
      const timer = setTimeout(() => {
        startSyncCycle(this.state);
        this.lastRun = this.state.syncRuns;
      }, this.options.landAfterMs);
      timer.unref();
      this.pending.push(timer);
    }
    return { result: 'Success', output: '\r\nResult\r\n------\r\nSuccess\r\n' };
  }

  /** The engine's lines about one AD object from the last cycle that ran. */
  reportFor(dn: string): SyncReportLine[] {
    const key = dn.toLowerCase();
    return this.state.syncLog
      .filter((e) => e.run === this.lastRun && (e.dn.toLowerCase() === key || e.dn === ''))
      .map((e) => ({ text: `${e.outcome}: ${e.message}`, error: EXPORT_ERRORS.has(e.outcome) }));
  }

  close(): void {
    for (const t of this.pending) clearTimeout(t);
    this.pending = [];
  }
}
