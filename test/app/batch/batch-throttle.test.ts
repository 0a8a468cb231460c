// A 429 storm loses nothing (issue 18 "Done when"): the simulator's write budget throttles most
// writes and Graph-style inner 429s hit the grouped reads; the batch backs off as a whole, sends
// only what was throttled again, and ends with every planned write made once and verified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planBatch } from '../../../src/app/batch/plan-batch.js';
import { newBatchRecord, runBatch } from '../../../src/app/batch/run-batch.js';
import { openBatchWorld, type BatchWorld } from './batch-world.js';

let world: BatchWorld;
beforeAll(async () => {
  world = await openBatchWorld(160, 'storm-18');
}, 60_000);
afterAll(() => world.close());

describe('a 429 storm', () => {
  it('loses nothing: every write made once, journalled, and every written user matched', async () => {
    const plan = await planBatch(world.deps, world.userGuids, { allowPurge: true });
    expect(plan.writes).toBeGreaterThan(10);
    world.env.simulator.log.clear();
    world.env.simulator.writeBudget.set({ writes: 3, windowMs: 300 });
    world.env.simulator.faults.throttle({
      inBatch: true,
      times: 15,
      retryAfterSeconds: 0.05,
      path: '/users',
    });
    const phases: string[] = [];
    const result = await runBatch(world.deps, plan, newBatchRecord(world.deps, plan, 'storm', true), {
      onProgress: (p) => phases.push(p.phase),
    });
    world.env.simulator.writeBudget.set(null);

    expect(world.env.simulator.writeBudget.throttled).toBeGreaterThan(0);
    expect(result.throttled.retries).toBe(world.env.simulator.writeBudget.throttled);
    expect(result.throttled.waitedMs).toBeGreaterThan(0);
    expect(phases).toContain('throttled');

    const entries = world.env.simulator.log.entries.filter(
      (e) => e.method !== 'GET' && !e.url.startsWith('/$batch'),
    );
    expect(entries.filter((e) => e.status === 429).length).toBe(world.env.simulator.writeBudget.throttled);
    expect(entries.filter((e) => e.status < 300)).toHaveLength(plan.writes);

    const written = result.users.filter((u) => u.planned === 'to-write');
    expect(written.every((u) => u.outcome === 'matched')).toBe(true);
    expect(result.exitCode).toBe(0);
    const contents = await world.deps.journal.read();
    const mine = contents.writes.filter((w) => w.intent?.batch === result.batchId);
    expect(mine).toHaveLength(plan.writes);
    expect(mine.every((w) => w.result?.result === 'done')).toBe(true);
  }, 240_000);
});
