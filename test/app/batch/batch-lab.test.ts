import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planBatch } from '../../../src/app/batch/plan-batch.js';
import { newBatchRecord, runBatch } from '../../../src/app/batch/run-batch.js';
import { openBatchWorld, type BatchWorld } from './batch-world.js';

let world: BatchWorld;
beforeAll(async () => {
  world = await openBatchWorld(240, 'batch-18');
});
afterAll(() => world.close());

describe('a batch over a generated lab', () => {
  it('plans', async () => {
    const plan = await planBatch(world.deps, world.userGuids, { allowPurge: true });
    console.log(JSON.stringify({ ...plan, users: undefined }, null, 1));
    const reasons = plan.users.filter((u) => u.status === 'excluded').map((u) => u.reason);
    console.log(reasons.slice(0, 40).join('\n'));
    const record = newBatchRecord(world.deps, plan, 'test', true);
    const result = await runBatch(world.deps, plan, record);
    console.log(result.counts, result.exitCode, result.throttled);
    console.log(
      result.users
        .filter((u) => u.outcome !== 'matched' && u.outcome !== 'excluded' && u.outcome !== 'already-matched')
        .slice(0, 10),
    );
    expect(plan.toWrite).toBeGreaterThan(0);
  });
});
