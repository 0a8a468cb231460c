// A batch fix from confirmation to verdict: keep the batch's record (for --resume), write every
// planned user (write-batch.ts), then one sync and every user verified (verify-batch.ts). And
// --resume: the record and the journal say who is in the batch and whose writes are done; every
// user is planned again, so what is done is not written twice (its plan no longer has that write).
import type { BatchRecord, BatchRecordStore, TenantBatchOps } from '../../batch-ports.js';
import type { Diagnosis } from '../../core/diagnosis-types.js';
import { EXIT, UserFacingError } from '../../core/errors.js';
import type { Clock, Journal, SyncTrigger, TenantReader } from '../../ports.js';
import { newJournalId } from '../journal-id.js';
import type { SyncVerdict } from '../services.js';
import { verifyBatch } from './verify-batch.js';
import { writeBatch } from './write-batch.js';
import type {
  BatchPlan,
  BatchProgress,
  BatchResult,
  BatchUserResult,
  BatchWriteOutcome,
  PlannedUser,
  UserOutcome,
} from './types.js';

export interface BatchDeps {
  diagnose(identity: string, signal?: AbortSignal): Promise<Diagnosis>;
  ops: TenantBatchOps;
  journal: Journal;
  records: BatchRecordStore;
  tenant: TenantReader & { readonly tenantLabel: string };
  trigger: SyncTrigger;
  clock: Clock;
  operator: string;
  secrets?: readonly string[];
  syncTimeoutMs?: number;
  pollMs?: number;
  busyRetryMs?: number;
  /** `$batch` write requests in flight (default 4) and users verified at once (default 48). */
  inFlight?: number;
  verifyConcurrency?: number;
  readBackDelaysMs?: readonly number[];
}

export function newBatchRecord(
  deps: Pick<BatchDeps, 'clock' | 'tenant'>,
  plan: BatchPlan,
  source: string,
  allowPurge: boolean,
): BatchRecord {
  const now = deps.clock.now();
  return {
    id: `b${newJournalId(now)}`,
    createdAt: now.toISOString(),
    tenant: deps.tenant.tenantLabel,
    source,
    // The objectGUIDs of everyone the batch may still need to write or verify.
    identities: plan.users
      .filter((u) => u.status === 'to-write' || u.status === 'sync-only')
      .map((u) => u.key),
    allowPurge,
  };
}

export interface ResumeState {
  record: BatchRecord;
  /** AD users (objectGUIDs) with a write of this batch done in an earlier run. */
  writtenBefore: Set<string>;
  /** Writes of this batch whose result is unknown or missing, as sentences. */
  unfinished: string[];
}

export async function loadResume(
  deps: Pick<BatchDeps, 'records' | 'journal' | 'tenant'>,
  id: string,
): Promise<ResumeState> {
  const record = await deps.records.load(id);
  if (!record) {
    throw new UserFacingError(
      `No batch with id "${id}" is recorded here.`,
      'BATCH_NOT_FOUND',
      'The batch id is printed when the batch starts and in its report; syncmatch journal lists its writes.',
      EXIT.usage,
    );
  }
  if (record.tenant !== deps.tenant.tenantLabel) {
    throw new UserFacingError(
      `Batch ${id} was run against ${record.tenant}, not ${deps.tenant.tenantLabel}.`,
      'BATCH_OTHER_TENANT',
      'Resume it with the profile of that tenant.',
      EXIT.usage,
    );
  }
  const contents = await deps.journal.read();
  const writtenBefore = new Set<string>();
  const unfinished: string[] = [];
  for (const w of contents.writes) {
    const line = w.intent ?? w.result;
    if (line?.batch !== id) continue;
    if (w.result?.result === 'done' && line.batchUser) writtenBefore.add(line.batchUser);
    if (!w.result || w.result.result === 'unknown') {
      unfinished.push(
        `${line.step} on ${line.target.userPrincipalName ?? line.target.id} (entry ${line.id}) has no known result: its user is planned again from what the tenant holds now.`,
      );
    }
  }
  return { record, writtenBefore, unfinished };
}

export interface RunBatchOptions {
  signal?: AbortSignal;
  onProgress?: (p: BatchProgress) => void;
  /** From loadResume: users written by an earlier run of this batch. */
  writtenBefore?: ReadonlySet<string>;
}

export async function runBatch(
  deps: BatchDeps,
  plan: BatchPlan,
  record: BatchRecord,
  options: RunBatchOptions = {},
): Promise<BatchResult> {
  const { signal } = options;
  await deps.records.save(record);
  const toWrite = plan.users.filter((u) => u.status === 'to-write');
  const written = await writeBatch(
    {
      ops: deps.ops,
      journal: deps.journal,
      operator: deps.operator,
      tenantLabel: deps.tenant.tenantLabel,
      clock: deps.clock,
      secrets: deps.secrets,
      inFlight: deps.inFlight,
      readBackDelaysMs: deps.readBackDelaysMs,
    },
    toWrite,
    { batchId: record.id, signal, onProgress: options.onProgress },
  );
  const writesDone = (u: PlannedUser) => {
    const list = written.outcomes.get(u.key) ?? [];
    return list.length === u.actions.length && list.every((o) => o.status === 'done');
  };
  let verdicts = new Map<string, SyncVerdict>();
  let syncDetail: string | null = null;
  let cancelled = Boolean(signal?.aborted);
  if (!cancelled) {
    const toVerify = plan.users.filter(
      (u) => u.basis && (u.status === 'sync-only' || (u.status === 'to-write' && writesDone(u))),
    );
    if (toVerify.length > 0) {
      try {
        const verified = await verifyBatch(
          {
            trigger: deps.trigger,
            tenant: deps.tenant,
            diagnose: deps.diagnose,
            clock: deps.clock,
            timeoutMs: deps.syncTimeoutMs,
            pollMs: deps.pollMs,
            busyRetryMs: deps.busyRetryMs,
            concurrency: deps.verifyConcurrency,
          },
          toVerify.map((u) => ({ key: u.key, basis: u.basis! })),
          { signal, onProgress: options.onProgress },
        );
        verdicts = verified.verdicts;
        syncDetail = verified.syncDetail;
      } catch (error) {
        if (!signal?.aborted) throw error;
        cancelled = true;
      }
    }
  }
  const users = plan.users.map((u) =>
    resultFor(u, written.outcomes.get(u.key) ?? [], verdicts.get(u.key), options.writtenBefore, cancelled),
  );
  const counts = Object.fromEntries(
    (
      [
        'matched',
        'not-matched',
        'write-failed',
        'not-written',
        'already-matched',
        'excluded',
        'cancelled',
      ] as const
    ).map((o) => [o, users.filter((u) => u.outcome === o).length]),
  ) as Record<UserOutcome, number>;
  const exitCode = cancelled
    ? EXIT.cancelled
    : counts['write-failed'] > 0
      ? EXIT.failure
      : counts['not-matched'] > 0 || counts['not-written'] > 0
        ? EXIT.problems
        : EXIT.ok;
  options.onProgress?.({ phase: 'done', done: users.length, total: users.length });
  return { batchId: record.id, users, counts, throttled: written.throttled, syncDetail, cancelled, exitCode };
}

function resultFor(
  u: PlannedUser,
  writes: BatchWriteOutcome[],
  verdict: SyncVerdict | undefined,
  writtenBefore: ReadonlySet<string> | undefined,
  cancelled: boolean,
): BatchUserResult {
  const base = {
    identity: u.identity,
    label: u.label,
    planned: u.status,
    written: writes.some((w) => w.status === 'done') || Boolean(writtenBefore?.has(u.key)),
    writes,
  };
  const out = (outcome: UserOutcome, detail: string): BatchUserResult => ({
    ...base,
    outcome,
    detail,
    ...(verdict ? { verdict: verdict.verdict } : {}),
  });
  if (u.status === 'excluded') return out('excluded', `Left out: ${u.reason ?? 'see its diagnosis'}`);
  if (u.status === 'already-matched') {
    return base.written
      ? out('matched', 'Matched (written by an earlier run of this batch).')
      : out('already-matched', 'Already matched: nothing to do.');
  }
  const bad = writes.find((w) => w.status === 'failed' || w.status === 'unknown');
  if (bad) return out('write-failed', bad.detail);
  if (u.status === 'to-write' && writes.length < u.actions.length) {
    return cancelled
      ? out('cancelled', 'Stopped before all of its writes were made: run fix --resume to finish.')
      : out('not-written', 'Its writes were not made.');
  }
  if (writes.some((w) => w.status === 'cancelled')) {
    return out('cancelled', 'Stopped before its write was sent: run fix --resume to finish.');
  }
  if (!verdict) {
    return out(
      'cancelled',
      'Written, but stopped before the sync and verification: run fix --resume to finish.',
    );
  }
  return verdict.verdict === 'matched' ? out('matched', verdict.detail) : out('not-matched', verdict.detail);
}
