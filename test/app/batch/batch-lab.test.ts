// A batch over a generated lab with every case mixed in (issue 18 "Done when"): it writes exactly
// the users it planned to write and none of the ones whose plan has a MANUAL step; every written
// user ends verified matched; the journal pairs each intent with one result under the batch id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planBatch } from '../../../src/app/batch/plan-batch.js';
import { newBatchRecord, runBatch } from '../../../src/app/batch/run-batch.js';
import type { BatchPlan, BatchResult } from '../../../src/app/batch/types.js';
import { openBatchWorld, type BatchWorld } from './batch-world.js';

let world: BatchWorld;
let plan: BatchPlan;
let result: BatchResult;
let manualTargets: Set<string>;
beforeAll(async () => {
  world = await openBatchWorld(240, 'batch-18');
  // What the wizard would do for each user, seen before anything is written.
  const manual = new Set<string>();
  for (const guid of world.userGuids) {
    const d = await world.deps.diagnose(guid);
    if (d.plan.some((s) => s.action === 'MANUAL')) {
      if (d.target) manual.add(d.target.id);
      if (d.anchorHolder) manual.add(d.anchorHolder.id);
    }
  }
  manualTargets = manual;
  world.env.simulator.log.clear();
  plan = await planBatch(world.deps, world.userGuids, { allowPurge: true });
  result = await runBatch(world.deps, plan, newBatchRecord(world.deps, plan, 'test', true));
}, 240_000);
afterAll(() => world.close());

const tenantWrites = () =>
  world.env.simulator.log.entries.filter(
    (e) => e.method !== 'GET' && !e.url.startsWith('/$batch') && e.status < 300,
  );

describe('a batch over a generated lab with every outcome mixed', () => {
  it('plans every kind of user: to write (several plan shapes), sync only, already matched, left out', () => {
    expect(plan.toWrite).toBeGreaterThan(10);
    expect(plan.syncOnly).toBeGreaterThan(10);
    expect(plan.alreadyMatched).toBeGreaterThan(10);
    expect(plan.excluded).toBeGreaterThan(10);
    expect(plan.groups.map((g) => g.actions)).toEqual(
      expect.arrayContaining([
        'SET_IMMUTABLE_ID',
        'PURGE_DELETED_USER + SET_IMMUTABLE_ID',
        'MOVE_UPN_TO_INITIAL_DOMAIN + SET_IMMUTABLE_ID',
      ]),
    );
    expect(plan.users.filter((u) => u.status === 'excluded').every((u) => u.reason)).toBe(true);
  });

  it('writes exactly the planned writes, each once, and nothing on a user whose plan is MANUAL', () => {
    const writes = tenantWrites();
    expect(writes).toHaveLength(plan.writes);
    const planned = new Set(
      plan.users
        .filter((u) => u.status === 'to-write')
        .flatMap((u) => u.basis!.writes.map((s) => s.precondition.objectId)),
    );
    const written = writes.map((w) =>
      decodeURIComponent(w.url.split('/')[w.url.startsWith('/users') ? 2 : 3]!),
    );
    expect(new Set(written)).toEqual(planned);
    expect(written.filter((id) => manualTargets.has(id))).toEqual([]);
    // Every write went inside a $batch.
    expect(writes.every((w) => w.inner)).toBe(true);
  });

  it('ends with every written user verified matched, and exit 0', () => {
    const written = result.users.filter((u) => u.planned === 'to-write');
    expect(written).toHaveLength(plan.toWrite);
    expect(written.every((u) => u.written && u.outcome === 'matched')).toBe(true);
    expect(result.users.filter((u) => u.planned === 'sync-only').every((u) => u.outcome === 'matched')).toBe(
      true,
    );
    expect(result.counts.excluded).toBe(plan.excluded);
    expect(result.exitCode).toBe(0);
  });

  it('journals one intent and one done result per write, under the batch id and the user', async () => {
    const contents = await world.deps.journal.read();
    const mine = contents.writes.filter((w) => w.intent?.batch === result.batchId);
    expect(mine).toHaveLength(plan.writes);
    expect(mine.every((w) => w.result?.result === 'done' && w.result.batch === result.batchId)).toBe(true);
    const users = new Set(mine.map((w) => w.intent!.batchUser));
    expect(users).toEqual(new Set(plan.users.filter((u) => u.status === 'to-write').map((u) => u.key)));
    expect(contents.problems).toEqual([]);
  });

  it('writes nothing when planned again: what is done is not done twice', async () => {
    world.env.simulator.log.clear();
    const again = await planBatch(world.deps, world.userGuids, { allowPurge: true });
    expect(again.toWrite).toBe(0);
    expect(tenantWrites()).toEqual([]);
  });
});
