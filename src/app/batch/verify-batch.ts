// After the writes: one delta sync for the whole batch, then every user verified by the wizard's
// own sync-and-verify (the same VERIFY_MATCH: re-diagnosed until ALREADY_MATCHED, or the sync's
// error, or the timeout), several users at a time. The cycle is started once; each user's
// verification is handed a trigger that answers with that cycle instead of starting another.
import type { Diagnosis, VerifyBasis } from '../../core/diagnosis-types.js';
import type { Clock, SyncTrigger, TenantReader } from '../../ports.js';
import type { SyncVerdict } from '../services.js';
import { syncAndVerify, triggerSync } from '../sync-and-verify.js';
import { eachLimited } from './pool.js';
import type { BatchProgress } from './types.js';

export interface VerifyBatchDeps {
  trigger: SyncTrigger;
  tenant: TenantReader;
  diagnose(identity: string, signal?: AbortSignal): Promise<Diagnosis>;
  clock: Clock;
  timeoutMs?: number;
  pollMs?: number;
  busyRetryMs?: number;
  /** Users verified at once (default 48: each one is a wait on the network, not work). */
  concurrency?: number;
}

export interface VerifyBatchResult {
  /** One sentence about the cycle. */
  syncDetail: string;
  verdicts: Map<string, SyncVerdict>;
}

export async function verifyBatch(
  deps: VerifyBatchDeps,
  users: readonly { key: string; basis: VerifyBasis }[],
  options: { signal?: AbortSignal; onProgress?: (p: BatchProgress) => void } = {},
): Promise<VerifyBatchResult> {
  const verdicts = new Map<string, SyncVerdict>();
  const report = options.onProgress ?? (() => {});
  report({
    phase: 'syncing',
    done: 0,
    total: users.length,
    detail: `Start-ADSyncSyncCycle -PolicyType Delta via ${deps.trigger.name}`,
  });
  const started = await triggerSync(
    {
      trigger: deps.trigger,
      clock: deps.clock,
      busyDeadlineMs: deps.timeoutMs,
      busyRetryMs: deps.busyRetryMs,
    },
    (p) => report({ phase: 'syncing', done: 0, total: users.length, detail: p.detail }),
    options.signal,
  );
  if (!started.ok) {
    for (const u of users) verdicts.set(u.key, started.verdict);
    return { syncDetail: started.verdict.detail, verdicts };
  }
  const cycle: SyncTrigger = {
    name: deps.trigger.name,
    startDeltaSync: async () => ({ result: 'Success', output: started.output }),
    ...(deps.trigger.reportFor ? { reportFor: (dn: string) => deps.trigger.reportFor!(dn) } : {}),
  };
  let done = 0;
  await eachLimited(
    users,
    deps.concurrency ?? 48,
    async (u) => {
      const verdict = await syncAndVerify(
        {
          trigger: cycle,
          tenant: deps.tenant,
          rediagnose: () => deps.diagnose(u.basis.identity, options.signal),
          matchFirst: true,
          clock: deps.clock,
          timeoutMs: deps.timeoutMs,
          busyDeadlineMs: deps.timeoutMs,
          pollMs: deps.pollMs,
          busyRetryMs: deps.busyRetryMs,
        },
        u.basis,
        () => {},
        options.signal,
      ).catch((error: unknown): SyncVerdict => {
        if (options.signal?.aborted) throw error;
        return {
          verdict: 'not-yet',
          detail: `Verification failed: ${error instanceof Error ? error.message : String(error)}`,
          syncReport: [],
          after: null,
        };
      });
      // Only the verdict and its sentence are kept (the batch's report shows no more): the "after"
      // diagnosis and the run report, ten thousand times over, were much of the batch's memory.
      verdicts.set(u.key, { verdict: verdict.verdict, detail: verdict.detail, syncReport: [], after: null });
      done++;
      if (done % 20 === 0 || done === users.length) report({ phase: 'verifying', done, total: users.length });
    },
    options.signal,
  );
  return { syncDetail: 'A delta sync cycle was started for the whole batch.', verdicts };
}
