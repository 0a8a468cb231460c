import { SyncTriggerError } from './sync-result.js';

/** The cmdlet normally answers within seconds; silence this long means something is stuck. */
export function commandTimeoutError(target: string, timeoutMs: number): SyncTriggerError {
  return new SyncTriggerError(
    `Start-ADSyncSyncCycle did not answer within ${seconds(timeoutMs)} on ${target}; the cycle may have started anyway.`,
    'SYNC_TIMEOUT',
    'Check Get-ADSyncScheduler on the Connect server (SyncCycleInProgress), or raise the command timeout.',
  );
}

/** "15 s", or "0.4 s" below a second. */
export function seconds(ms: number): string {
  return ms < 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
