import { describe, expect, it } from 'vitest';
import { triggerWithRetry, type BusyInfo } from '../../src/adapters/remoting/retry.js';
import { SyncTriggerError } from '../../src/adapters/remoting/sync-result.js';
import type { Clock, SyncRunResult, SyncTrigger } from '../../src/ports.js';

/** Time moves only when someone sleeps. */
function fakeClock(): Clock & { sleeps: number[] } {
  let now = Date.UTC(2026, 0, 1);
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(now),
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** Answers from a list, repeating the last answer. */
function scriptedTrigger(answers: (SyncRunResult | Error)[]): SyncTrigger & { attempts: number } {
  const trigger = {
    name: 'scripted',
    attempts: 0,
    async startDeltaSync() {
      const answer = answers[Math.min(trigger.attempts, answers.length - 1)];
      trigger.attempts++;
      if (answer instanceof Error) throw answer;
      return answer as SyncRunResult;
    },
  };
  return trigger;
}

const BUSY: SyncRunResult = { result: 'Busy', output: 'Connector: x - AAD is busy.' };
const SUCCESS: SyncRunResult = { result: 'Success', output: 'Result\n------\nSuccess' };

describe('triggerWithRetry', () => {
  it('returns at once when the server is not busy', async () => {
    const clock = fakeClock();
    const trigger = scriptedTrigger([SUCCESS]);
    await expect(triggerWithRetry(trigger, { deadlineMs: 60_000, intervalMs: 10_000, clock })).resolves.toBe(
      SUCCESS,
    );
    expect(clock.sleeps).toEqual([]);
  });

  it('waits out "busy" and reports each wait', async () => {
    const clock = fakeClock();
    const trigger = scriptedTrigger([BUSY, BUSY, SUCCESS]);
    const seen: BusyInfo[] = [];
    const result = await triggerWithRetry(trigger, {
      deadlineMs: 60_000,
      intervalMs: 10_000,
      clock,
      onBusy: (info) => seen.push(info),
    });
    expect(result).toBe(SUCCESS);
    expect(trigger.attempts).toBe(3);
    expect(clock.sleeps).toEqual([10_000, 10_000]);
    expect(seen).toEqual([
      { attempt: 1, elapsedMs: 0, nextAttemptInMs: 10_000, output: BUSY.output },
      { attempt: 2, elapsedMs: 10_000, nextAttemptInMs: 10_000, output: BUSY.output },
    ]);
  });

  it('a failed result after busy is returned, not retried', async () => {
    const failed: SyncRunResult = { result: 'Failed', output: 'Result\n------\nFailure' };
    const trigger = scriptedTrigger([BUSY, failed]);
    await expect(
      triggerWithRetry(trigger, { deadlineMs: 60_000, intervalMs: 1000, clock: fakeClock() }),
    ).resolves.toBe(failed);
  });

  it('cuts the last wait to the deadline, tries once more, then gives up with a sentence', async () => {
    const clock = fakeClock();
    const trigger = scriptedTrigger([BUSY]);
    const error = await triggerWithRetry(trigger, { deadlineMs: 25_000, intervalMs: 10_000, clock }).catch(
      (e: unknown) => e,
    );
    expect(clock.sleeps).toEqual([10_000, 10_000, 5_000]);
    expect(trigger.attempts).toBe(4);
    expect(error).toBeInstanceOf(SyncTriggerError);
    expect(error).toMatchObject({
      code: 'SYNC_BUSY_TIMEOUT',
      message: 'The Connect server was still busy after 25 s (4 attempts): a sync cycle is running.',
      output: BUSY.output,
    });
  });

  it('lets transport failures through unchanged', async () => {
    const failure = new SyncTriggerError('nope', 'SSH_AUTH_FAILED', 'hint');
    const trigger = scriptedTrigger([BUSY, failure]);
    await expect(
      triggerWithRetry(trigger, { deadlineMs: 60_000, intervalMs: 1, clock: fakeClock() }),
    ).rejects.toBe(failure);
  });

  it('stops waiting when cancelled', async () => {
    const controller = new AbortController();
    const trigger = scriptedTrigger([BUSY]);
    const run = triggerWithRetry(trigger, {
      deadlineMs: 60_000,
      intervalMs: 1000,
      clock: fakeClock(),
      signal: controller.signal,
      onBusy: ({ attempt }) => {
        if (attempt === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(trigger.attempts).toBe(2);
  });
});
