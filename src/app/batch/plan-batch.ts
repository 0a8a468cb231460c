// Plans every user of a batch with the wizard's own planner (the same diagnosis), several at a
// time, and decides who is written, who only needs the sync, and who is left out and why.
import { batchBasis } from '../../core/batch/batch-basis.js';
import { classifyPlan, groupByActions, sharedObjects, type Classified } from '../../core/batch/classify.js';
import type { Diagnosis } from '../../core/diagnosis-types.js';
import { UserFacingError } from '../../core/errors.js';
import { eachLimited } from './pool.js';
import type { BatchPlan, BatchProgress, PlannedUser } from './types.js';

export interface PlanBatchDeps {
  /** The wizard's diagnosis of one user (collect the snapshot, run the rules, build the plan). */
  diagnose(identity: string, signal?: AbortSignal): Promise<Diagnosis>;
  /** Users diagnosed at once (default 32; each is a few requests, mostly waiting on the network). */
  concurrency?: number;
}

export interface PlanBatchOptions {
  allowPurge: boolean;
  onProgress?: (p: BatchProgress) => void;
  signal?: AbortSignal;
}

function labelOf(d: Diagnosis | null, identity: string): string {
  return d?.onPrem?.userPrincipalName ?? d?.onPrem?.sAMAccountName ?? identity;
}

export async function planBatch(
  deps: PlanBatchDeps,
  identities: readonly string[],
  options: PlanBatchOptions,
): Promise<BatchPlan> {
  const planned: (PlannedUser & Classified)[] = new Array(identities.length);
  let done = 0;
  const report = () => options.onProgress?.({ phase: 'planning', done, total: identities.length });
  report();
  await eachLimited(
    identities,
    deps.concurrency ?? 32,
    async (identity, i) => {
      let d: Diagnosis | null = null;
      let c: Classified;
      try {
        d = await deps.diagnose(identity, options.signal);
        c = classifyPlan(d, { allowPurge: options.allowPurge });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        const why = error instanceof UserFacingError ? error.message : String(error);
        c = { status: 'excluded', reason: `could not be diagnosed: ${why}`, actions: [], objects: [] };
      }
      const keep = c.status === 'to-write' || c.status === 'sync-only';
      planned[i] = {
        identity,
        key: d?.onPrem?.objectGuid ?? identity,
        label: labelOf(d, identity),
        ...c,
        ...(keep && d ? { basis: batchBasis(d) } : {}),
      };
      done++;
      if (done % 50 === 0) report();
    },
    options.signal,
  );
  options.signal?.throwIfAborted();
  for (const [i, reason] of sharedObjects(planned)) {
    const u = planned[i]!;
    planned[i] = { ...u, status: 'excluded', reason, basis: undefined };
  }
  // The same AD user named twice (by UPN and by DN): planned once.
  const seen = new Set<string>();
  const users: PlannedUser[] = [];
  for (const u of planned) {
    if (seen.has(u.key)) continue;
    seen.add(u.key);
    const { objects: _objects, ...user } = u;
    users.push(user);
  }
  report();
  const count = (s: PlannedUser['status']) => users.filter((u) => u.status === s).length;
  return {
    users,
    groups: groupByActions(users),
    toWrite: count('to-write'),
    syncOnly: count('sync-only'),
    alreadyMatched: count('already-matched'),
    excluded: count('excluded'),
    purges: users.filter((u) => u.status === 'to-write' && u.actions.includes('PURGE_DELETED_USER')).length,
    writes: users.reduce((n, u) => n + (u.status === 'to-write' ? u.actions.length : 0), 0),
  };
}
