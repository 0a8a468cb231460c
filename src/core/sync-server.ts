// What an Entra Connect server says about itself, read the same way whether the answer came over
// remoting (real servers) or from the lab: the scheduler's switches before a cycle is started, and
// the run profile results after it ended. Pure: sentences and verdicts only, no I/O.
//
// Sources:
// - Get-ADSyncScheduler (StagingModeEnabled, SchedulerSuspended, SyncCycleEnabled, SyncCycleInProgress):
//   https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-sync-feature-scheduler
// - Staging mode (imports and syncs, never exports):
//   https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-sync-staging-server
// - Run results (Get-ADSyncRunProfileResult: Result, RunProfileName, ConnectorName, StartDate, EndDate):
//   https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/reference-connect-adsync#get-adsyncrunprofileresult

/** Get-ADSyncScheduler's switches; null when the server did not say. */
export interface SchedulerFacts {
  syncCycleEnabled: boolean | null;
  stagingModeEnabled: boolean | null;
  schedulerSuspended: boolean | null;
  syncCycleInProgress: boolean | null;
  nextSyncCycleStartTimeInUTC: string | null;
}

/** One run of a connector's run profile (Get-ADSyncRunProfileResult). */
export interface SyncRunSummary {
  connector: string;
  runProfile: string;
  /** success, completed-no-objects, completed-export-errors, stopped-…, in-progress … */
  result: string;
  startDate: string | null;
  endDate: string | null;
  /** What the run reported beyond its Result (the lab's export error messages). */
  messages?: string[];
}

/** Why a cycle must not be started on this server, in the technician's words. */
export interface SchedulerStop {
  code: 'SYNC_STAGING_MODE' | 'SYNC_SCHEDULER_SUSPENDED';
  message: string;
  hint: string;
}

/** Key=Value lines (as the remote scripts print them) → the scheduler's switches. */
export function schedulerFactsFrom(values: Readonly<Record<string, string>>): SchedulerFacts {
  const flag = (key: string): boolean | null => {
    const v = values[key]?.trim().toLowerCase();
    return v === 'true' ? true : v === 'false' ? false : null;
  };
  return {
    syncCycleEnabled: flag('SyncCycleEnabled'),
    stagingModeEnabled: flag('StagingModeEnabled'),
    schedulerSuspended: flag('SchedulerSuspended'),
    syncCycleInProgress: flag('SyncCycleInProgress'),
    nextSyncCycleStartTimeInUTC: values.NextSyncCycleStartTimeInUTC?.trim() || null,
  };
}

/** Staging mode and a suspended scheduler stop the sync step before anything starts. */
export function schedulerStop(facts: SchedulerFacts, server: string): SchedulerStop | null {
  if (facts.stagingModeEnabled) {
    return {
      code: 'SYNC_STAGING_MODE',
      message: `The Connect server (${server}) is in staging mode: it imports and synchronizes but never exports, so a cycle there would never reach Entra ID. No cycle was started.`,
      hint: 'Point the remoting hook at the active Entra Connect server (the one not in staging mode), then run the sync again.',
    };
  }
  if (facts.schedulerSuspended) {
    return {
      code: 'SYNC_SCHEDULER_SUSPENDED',
      message: `The sync scheduler on the Connect server (${server}) is suspended (an upgrade is running or the Entra Connect wizard is open there): no sync action runs until it resumes. No cycle was started.`,
      hint: 'Close the Microsoft Entra Connect wizard on the server (or wait for the upgrade to finish), then run the sync again.',
    };
  }
  return null;
}

/** Things worth saying that do not stop the cycle. UNVERIFIED: that a manual Start-ADSyncSyncCycle
 *  still runs while SyncCycleEnabled is False (the scheduler page speaks of scheduled cycles only). */
export function schedulerNotes(facts: SchedulerFacts): string[] {
  const notes: string[] = [];
  if (facts.syncCycleEnabled === false) {
    notes.push(
      'The scheduler is disabled on the Connect server (SyncCycleEnabled False): scheduled cycles do not run; this manual cycle was still started. Set-ADSyncScheduler -SyncCycleEnabled $true turns it back on.',
    );
  }
  return notes;
}

// Results that are a clean run. UNVERIFIED beyond success, completed-no-objects and
// completed-export-errors (the values field reports show): anything else counts as not clean.
const FINE = /^(success|completed-no-objects)$/i;

/** A run whose result is not a clean success (export errors, a stopped run …). */
export function runHasErrors(run: SyncRunSummary): boolean {
  return !FINE.test(run.result.trim());
}

/** What the server's runs reported: one summary line (results counted), then each run that did
 *  not end cleanly, with its messages. */
export function runReportLines(runs: readonly SyncRunSummary[]): { text: string; error: boolean }[] {
  if (runs.length === 0)
    return [{ text: 'Connect server: the cycle ended; no run since ours was listed.', error: false }];
  const counts = new Map<string, number>();
  for (const r of runs) counts.set(r.result, (counts.get(r.result) ?? 0) + 1);
  const tally = [...counts].map(([result, n]) => `${n} ${result}`).join(', ');
  const bad = runs.filter(runHasErrors);
  const lines = [
    {
      text: `Connect server: the cycle ended; ${runs.length} run${runs.length === 1 ? '' : 's'}: ${tally}.`,
      error: bad.length > 0,
    },
  ];
  for (const run of bad) {
    lines.push({ text: `${run.runProfile} (${run.connector}): ${run.result}`, error: true });
    for (const m of run.messages ?? []) lines.push({ text: `  ${m}`, error: true });
  }
  return lines;
}

/** The sentence for runs that did not end cleanly; null when every run did. */
export function runErrorsSentence(runs: readonly SyncRunSummary[]): string | null {
  const bad = runs.filter(runHasErrors);
  if (bad.length === 0) return null;
  const list = bad.map((r) => `${r.runProfile} on ${r.connector}: ${r.result}`).join('; ');
  return `the server reported ${list} (Synchronization Service Manager > Operations shows each error)`;
}

/** The two real "busy" answers of Start-ADSyncSyncCycle (both InvalidOperationException; both mean
 *  "wait and retry"). docs/matching-facts.md §4; the second from community scripts that test for both. */
export const BUSY_TEXTS = {
  'aad-busy': (connector: string) =>
    `System.InvalidOperationException: Connector: ${connector} - AAD is busy.`,
  'already-running': () =>
    'System.InvalidOperationException: Sync is already running. Cannot start a new run till this one completes.',
} as const;

/** A non-member of ADSyncOperators / ADSyncAdmins: the sync service's COM error 80070005. */
export function operatorDenied(server: string): {
  code: 'SYNC_PERMISSION_DENIED';
  message: string;
  hint: string;
} {
  return {
    code: 'SYNC_PERMISSION_DENIED',
    message: `The account may not start a sync on ${server}: the sync service refused it (COM error 80070005, access denied), so it is not a member of ADSyncOperators or ADSyncAdmins there.`,
    hint: 'Add the account to the ADSyncOperators (or ADSyncAdmins) group on the Connect server, then sign in again (a new session: group membership is read at sign-in).',
  };
}
