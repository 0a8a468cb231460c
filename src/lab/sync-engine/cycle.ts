// Start-ADSyncSyncCycle -PolicyType Delta in the lab (docs/matching-facts.md §2, §4).
import type { SyncRunResult } from '../../ports.js';
import type { LabState, SyncLogEntry } from '../lab-state.js';
import { labStateChanged } from '../lab-state-changes.js';
import { createContext, systemClock, type RunTally, type SyncClock } from './context.js';
import { adoptExistingJoins, removeDeparted } from './deletions.js';
import { retryQuarantinedUser, syncUser } from './process-user.js';
import { syncRecipient } from './recipients.js';
import { closeHolderIndex, openHolderIndex } from './holder-index.js';
import { watchJoins } from './join-index.js';
import { logLine } from './run-log.js';
import { isInScope, isSystemObject } from './scope.js';

export interface DeltaSyncReport extends RunTally {
  run: number;
  /** The lines this run appended to state.syncLog. */
  entries: SyncLogEntry[];
}

/** Runs one delta synchronization over every in-scope AD object and returns what it reported. */
export function runDeltaSync(state: LabState, clock: SyncClock = systemClock): DeltaSyncReport {
  openHolderIndex(state.tenant);
  const unwatch = watchJoins(state);
  try {
    return deltaSync(state, clock);
  } finally {
    unwatch();
    closeHolderIndex();
    // The run changed objects in place: the lab's read indexes are rebuilt on their next read.
    labStateChanged(state);
  }
}

function deltaSync(state: LabState, clock: SyncClock): DeltaSyncReport {
  const ctx = createContext(state, clock);
  const first = state.syncLog.length;
  adoptExistingJoins(ctx);
  // Deletions first: a value a departed object held is free for the objects processed after it.
  removeDeparted(ctx);
  const inScope = state.ad.objects.filter((o) => isInScope(o.dn, state.sync.scope) && !isSystemObject(o));
  for (const obj of inScope) {
    if (obj.objectClass === 'user') syncUser(ctx, obj);
    else syncRecipient(ctx, obj);
  }
  for (const obj of inScope) {
    if (obj.objectClass === 'user') retryQuarantinedUser(ctx, obj);
    else syncRecipient(ctx, obj, { quiet: true });
  }
  const t = ctx.tally;
  logLine(
    ctx,
    '',
    'Completed',
    `Delta synchronization run ${ctx.run} completed: ${t.adds} added, ${t.updates} updated, ${t.deletes} deleted, ${t.errors} export error(s).`,
  );
  return { run: ctx.run, ...t, entries: state.syncLog.slice(first) };
}

/** What the cmdlet prints on success (Format-Table of an object whose Result is Success). */
export const SYNC_CYCLE_SUCCESS_OUTPUT = '\r\nResult\r\n------\r\nSuccess\r\n';

export function busyText(state: LabState): string {
  return `System.InvalidOperationException: Connector: ${state.tenant.initialDomain} - AAD is busy.`;
}

/**
 * The cmdlet: runs a delta sync and answers like Start-ADSyncSyncCycle, or, while the lab is made
 * busy (state.busyCalls > 0), fails like a cycle already in progress and counts that call down.
 */
export function startSyncCycle(state: LabState, clock: SyncClock = systemClock): SyncRunResult {
  if (state.busyCalls > 0) {
    state.busyCalls -= 1;
    const output = busyText(state);
    state.syncLog.push({
      run: state.syncRuns,
      at: clock.now().toISOString(),
      dn: '',
      outcome: 'Busy',
      message: output,
    });
    return { result: 'Busy', output };
  }
  runDeltaSync(state, clock);
  return { result: 'Success', output: SYNC_CYCLE_SUCCESS_OUTPUT };
}
