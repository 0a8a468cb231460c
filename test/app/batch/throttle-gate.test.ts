import { describe, expect, it } from 'vitest';
import { ThrottleGate } from '../../../src/app/batch/throttle-gate.js';
import type { Clock } from '../../../src/ports.js';

function fakeClock() {
  let t = 0;
  const slept: number[] = [];
  const clock: Clock = {
    now: () => new Date(t),
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new Error('aborted');
      slept.push(ms);
      t += ms;
    },
  };
  return { clock, slept, advance: (ms: number) => (t += ms) };
}

describe('the throttle gate (one back-off for the whole batch)', () => {
  it('holds every writer until the longest Retry-After has passed, and counts the wait once', async () => {
    const { clock, slept } = fakeClock();
    const waits: number[] = [];
    const gate = new ThrottleGate(clock, (ms) => waits.push(ms));
    expect(await gate.pass()).toBe(true);
    gate.backoff(2000);
    gate.backoff(500); // shorter: does not shorten the wait under way
    expect(await gate.pass()).toBe(true);
    expect(slept).toEqual([2000]);
    expect(waits).toEqual([2000]);
    expect(gate.waitedMs).toBe(2000);
    expect(await gate.pass()).toBe(true); // open again: a second writer does not wait
    expect(slept).toEqual([2000]);
  });

  it('lengthens the wait when a later 429 asks for longer', async () => {
    const { clock, advance } = fakeClock();
    const gate = new ThrottleGate(clock);
    gate.backoff(1000);
    advance(400);
    gate.backoff(3000);
    expect(gate.waitedMs).toBe(3400);
  });

  it('answers false when the run is stopped while waiting', async () => {
    const { clock } = fakeClock();
    const gate = new ThrottleGate(clock);
    gate.backoff(1000);
    const controller = new AbortController();
    controller.abort();
    expect(await gate.pass(controller.signal)).toBe(false);
  });
});
