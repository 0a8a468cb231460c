// Ctrl-C at several points of a batch, then --resume (issue 18 "Done when"): after the last resume
// every user the first plan wanted to write or sync is matched, nothing was written twice, and the
// journal is consistent (each intent of the batch has exactly one result).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planBatch } from '../../../src/app/batch/plan-batch.js';
import { loadResume, newBatchRecord, runBatch } from '../../../src/app/batch/run-batch.js';
import type { BatchPlan, BatchProgress, BatchResult } from '../../../src/app/batch/types.js';
import type { BatchRecord } from '../../../src/batch-ports.js';
import { openBatchWorld, type BatchWorld } from './batch-world.js';

let world: BatchWorld;
beforeAll(async () => {
  world = await openBatchWorld(200, 'resume-18');
  // Small groups, one at a time, so there are many points to stop at.
  const ops = world.deps.ops;
  world.deps = {
    ...world.deps,
    inFlight: 1,
    ops: { maxPerRequest: 3, readMany: (r) => ops.readMany(r), writeMany: (w) => ops.writeMany(w) },
  };
}, 60_000);
afterAll(() => world.close());

/** One run of the batch (the first, or a resume) that Ctrl-C stops when `stopAt` says so. */
async function runUntil(
  record: BatchRecord | null,
  stopAt: (p: BatchProgress) => boolean,
): Promise<{ plan: BatchPlan; result: BatchResult; record: BatchRecord }> {
  const resumed = record ? await loadResume(world.deps, record.id) : null;
  const identities = resumed ? resumed.record.identities : world.userGuids;
  const plan = await planBatch(world.deps, identities, { allowPurge: true });
  const rec = resumed?.record ?? newBatchRecord(world.deps, plan, 'test', true);
  const controller = new AbortController();
  const result = await runBatch(world.deps, plan, rec, {
    signal: controller.signal,
    onProgress: (p) => {
      if (stopAt(p)) controller.abort();
    },
    ...(resumed ? { writtenBefore: resumed.writtenBefore } : {}),
  });
  return { plan, result, record: rec };
}

describe('Ctrl-C at several points, then --resume', () => {
  it('ends with every planned user matched, each write made once, and each intent with one result', async () => {
    // 1. Stopped after the first few write groups.
    const first = await runUntil(null, (p) => p.phase === 'writing' && p.done >= 6);
    expect(first.result.cancelled).toBe(true);
    expect(first.result.exitCode).toBe(130);
    const wanted = first.plan.users.filter((u) => u.status === 'to-write' || u.status === 'sync-only');
    const firstWrites = first.plan.writes;
    expect(first.result.counts.cancelled).toBeGreaterThan(0);

    // 2. Resumed, and stopped while the whole batch waits out a 429.
    world.env.simulator.writeBudget.set({ writes: 4, windowMs: 400 });
    const second = await runUntil(first.record, (p) => p.phase === 'throttled');
    expect(second.result.cancelled).toBe(true);
    expect(second.plan.writes).toBeLessThan(firstWrites);
    world.env.simulator.writeBudget.set(null);

    // 3. Resumed, and stopped while verifying.
    const third = await runUntil(first.record, (p) => p.phase === 'verifying' && p.done >= 20);
    expect(third.result.cancelled).toBe(true);

    // 4. Resumed to the end.
    const last = await runUntil(first.record, () => false);
    expect(last.result.cancelled).toBe(false);
    expect(last.plan.toWrite).toBe(0);
    expect(last.result.exitCode).toBe(0);

    for (const u of wanted) {
      const d = await world.deps.diagnose(u.key);
      expect(
        d.findings.map((f) => f.code),
        u.label,
      ).toContain('ALREADY_MATCHED');
    }
    const contents = await world.deps.journal.read();
    expect(contents.problems).toEqual([]);
    const lines = contents.entries.filter((e) => e.batch === first.record.id);
    const intents = lines.filter((e) => e.phase === 'intent');
    const results = lines.filter((e) => e.phase === 'result');
    expect(intents.length).toBeGreaterThan(0);
    for (const intent of intents)
      expect(
        results.filter((r) => r.id === intent.id),
        intent.id,
      ).toHaveLength(1);
    expect(results).toHaveLength(intents.length);
    // No write landed twice. (A resume plans again from what the tenant holds: after a purge the
    // anchor is free and soft match may do the rest, so it can need fewer writes than the first plan.)
    const done = results.filter((r) => r.result === 'done').map((r) => `${r.target.id} ${r.step} ${r.after}`);
    expect(new Set(done).size).toBe(done.length);
    expect(done.length).toBeLessThanOrEqual(firstWrites);
    expect(done.length).toBeGreaterThan(0);
    expect(results.some((r) => r.result === 'cancelled')).toBe(true);
    // The users written in earlier runs count as written in the last one.
    const written = last.result.users.filter((u) => u.written);
    expect(written).toHaveLength(first.plan.toWrite);
    expect(written.every((u) => u.outcome === 'matched')).toBe(true);
  }, 300_000);
});
