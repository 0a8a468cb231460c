// The way back from a batch (issue 18): its writes reverted newest first through the guarded,
// journalled undo, one user's writes in order, and a user whose later write cannot be reverted
// keeps its earlier one (never half-way back). A mixed generated lab: some users need one write
// (SET_IMMUTABLE_ID), some two (MOVE_UPN_TO_INITIAL_DOMAIN, then SET_IMMUTABLE_ID).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planBatch } from '../../../src/app/batch/plan-batch.js';
import { planBatchUndo, undoBatch } from '../../../src/app/batch/undo-batch.js';
import { writeBatch } from '../../../src/app/batch/write-batch.js';
import type { BatchPlan } from '../../../src/app/batch/types.js';
import { openBatchWorld, type BatchWorld } from './batch-world.js';

let world: BatchWorld;
let plan: BatchPlan;
const BATCH = 'bundo-test';
const before = new Map<string, { upn: string; immutableId: string | null }>();

beforeAll(async () => {
  world = await openBatchWorld(400, 'undo-18');
  plan = await planBatch(world.deps, world.userGuids, { allowPurge: false });
  for (const u of world.env.state.tenant.users)
    before.set(u.id, { upn: u.userPrincipalName, immutableId: u.onPremisesImmutableId ?? null });
  // The writes alone (no sync: a synced user's immutableId is Graph's to refuse, not ours to revert).
  const written = await writeBatch(
    {
      ops: world.deps.ops,
      journal: world.deps.journal,
      operator: 'test',
      tenantLabel: world.deps.tenant.tenantLabel,
      clock: world.deps.clock,
      readBackDelaysMs: [0],
    },
    plan.users.filter((u) => u.status === 'to-write'),
    { batchId: BATCH },
  );
  expect([...written.outcomes.values()].flat().every((o) => o.status === 'done')).toBe(true);
}, 120_000);
afterAll(() => world.close());

const undoDeps = () => ({ tenant: world.env.tenant, journal: world.deps.journal, operator: 'test' });

describe('undo of a batch', () => {
  it('plans every done write, newest first, and reverts a user that had two writes in order', async () => {
    const undo = planBatchUndo(await world.deps.journal.read(), BATCH, world.deps.tenant.tenantLabel);
    expect(undo.undos).toHaveLength(plan.writes);
    expect(undo.refused).toEqual([]);
    const twoWrites = plan.users.find((u) => u.status === 'to-write' && u.actions.length === 2)!;
    expect(twoWrites.actions).toEqual(['MOVE_UPN_TO_INITIAL_DOMAIN', 'SET_IMMUTABLE_ID']);
    const target = twoWrites.basis!.writes[0]!.objectId!;

    // One user's later write made stale before the undo: its two undos must not be half done.
    const stale = plan.users.find(
      (u) => u.status === 'to-write' && u.actions.length === 2 && u !== twoWrites,
    )!;
    const staleId = stale.basis!.writes[0]!.objectId!;
    world.env.state.tenant.users.find((u) => u.id === staleId)!.onPremisesImmutableId =
      'AAAAAAAAAAAAAAAAAAAAAA==';
    const { labStateChanged } = await import('../../../src/lab/lab-state-changes.js');
    labStateChanged(world.env.state);

    const result = await undoBatch(undoDeps(), undo, { concurrency: 4 });
    expect(result.cancelled).toBe(false);
    const failed = result.outcomes.filter((o) => o.outcome.status !== 'done');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.outcome.detail).toMatch(/changed since/i);
    expect(result.outcomes).toHaveLength(plan.writes - 1); // the stale user's MOVE_UPN undo is not tried

    // The two-write user is back where it was, and its undos were journalled newest first.
    const now = world.env.state.tenant.users.find((u) => u.id === target)!;
    expect({ upn: now.userPrincipalName, immutableId: now.onPremisesImmutableId ?? null }).toEqual(
      before.get(target),
    );
    const lines = (await world.deps.journal.read()).writes.filter(
      (w) => w.intent?.undoOf && w.intent.target.id === target,
    );
    expect(lines.map((w) => w.intent!.step)).toEqual(['SET_IMMUTABLE_ID', 'MOVE_UPN_TO_INITIAL_DOMAIN']);
    // The stale user keeps its moved UPN (its immutableId could not be put back first).
    const staleNow = world.env.state.tenant.users.find((u) => u.id === staleId)!;
    expect(staleNow.userPrincipalName).not.toBe(before.get(staleId)!.upn);

    // A second plan: everything reverted is counted as such; the stale user's two writes remain.
    const second = planBatchUndo(await world.deps.journal.read(), BATCH, world.deps.tenant.tenantLabel);
    expect(second.alreadyUndone).toBe(plan.writes - 2);
    expect(second.undos).toHaveLength(2);
  });
});
