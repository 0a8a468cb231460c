import { SyncTriggerError } from './sync-result.js';

/** The cmdlet normally answers within seconds; silence this long means something is stuck. */
export function commandTimeoutError(target: string, timeoutMs: number): SyncTriggerError {
  return new SyncTriggerError(
    `Start-ADSyncSyncCycle did not answer within ${Math.round(timeoutMs / 1000)} s on ${target}; the cycle may have started anyway.`,
    'SYNC_TIMEOUT',
    'Check Get-ADSyncScheduler on the Connect server (SyncCycleInProgress), or raise the command timeout.',
  );
}
