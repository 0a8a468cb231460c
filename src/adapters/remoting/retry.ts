// "Busy" means a cycle is already running: wait and ask again until a deadline. Not a failure.
import type { Clock, SyncRunResult, SyncTrigger } from '../../ports.js';
import { SyncTriggerError } from './sync-result.js';

export interface BusyInfo {
  /** Attempts made so far (1 after the first "busy"). */
  attempt: number;
  elapsedMs: number;
  /** When the next attempt starts. */
  nextAttemptInMs: number;
  /** What the server said ("… AAD is busy."). */
  output: string;
}

export interface RetryOptions {
  /** How long to keep asking, from the first attempt. */
  deadlineMs: number;
  /** The wait between attempts (the last wait is cut to the deadline). */
  intervalMs: number;
  clock: Clock;
  onBusy?: (info: BusyInfo) => void;
  signal?: AbortSignal;
}

/** A delta cycle usually takes a few minutes; a check every 20 s for 10 min covers a slow one. */
export const DEFAULT_BUSY_RETRY = { deadlineMs: 10 * 60_000, intervalMs: 20_000 } as const;

/**
 * Triggers until the server is not busy. Returns the first non-busy result ('Success' or
 * 'Failed'); transport failures propagate as they are; still busy at the deadline throws a
 * SyncTriggerError (code SYNC_BUSY_TIMEOUT).
 */
export async function triggerWithRetry(trigger: SyncTrigger, options: RetryOptions): Promise<SyncRunResult> {
  const { clock, signal } = options;
  const start = clock.now().getTime();
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    const result = await trigger.startDeltaSync({ signal });
    if (result.result !== 'Busy') return result;
    const elapsedMs = clock.now().getTime() - start;
    const remaining = options.deadlineMs - elapsedMs;
    if (remaining <= 0) {
      throw new SyncTriggerError(
        `The Connect server was still busy after ${formatDuration(elapsedMs)} (${attempt} attempts): a sync cycle is running.`,
        'SYNC_BUSY_TIMEOUT',
        'Wait for the running cycle to finish (Get-ADSyncScheduler shows SyncCycleInProgress), then run "syncmatch sync" again.',
        result.output,
      );
    }
    const wait = Math.max(0, Math.min(options.intervalMs, remaining));
    options.onBusy?.({ attempt, elapsedMs, nextAttemptInMs: wait, output: result.output });
    await clock.sleep(wait, signal);
  }
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
