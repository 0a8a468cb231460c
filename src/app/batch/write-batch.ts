// The batch's writes: step by step across users (every user's first write, then every second
// one), at most 20 writes to a `$batch` and several `$batch` requests in flight. For each group:
// the stale-plan guard re-reads every object (grouped reads) and drops those that changed; the
// intents of the rest are flushed to the journal; the `$batch` is sent; a 429 closes the gate for
// the whole batch for its Retry-After and only the throttled writes go again; each write is read
// back and its result journalled. Ctrl-C stops taking new groups; groups under way finish, and a
// write still waiting out a 429 is recorded as cancelled (never sent), so every intent has a result.
import type { BatchReadAnswer, TenantBatchOps } from '../../batch-ports.js';
import type { PlanStep } from '../../core/plan-types.js';
import type { CloudUser } from '../../core/snapshot.js';
import type { Clock, Journal, JournalEntry } from '../../ports.js';
import { newJournalId } from '../journal-id.js';
import { redactText, scrubKnownSecrets } from '../redact.js';
import { compareExpect, goneSentence, staleSentence } from '../stale-guard.js';
import { show, WRITE_SPECS, type Value, type WriteSpec } from '../write-actions.js';
import { eachLimited } from './pool.js';
import { ThrottleGate } from './throttle-gate.js';
import type { BatchProgress, BatchWriteOutcome, PlannedUser } from './types.js';

export interface WriteBatchDeps {
  ops: TenantBatchOps;
  journal: Journal;
  operator: string;
  tenantLabel: string;
  clock: Clock;
  secrets?: readonly string[];
  /** `$batch` requests in flight at once (default 4). */
  inFlight?: number;
  /** Waits before each read-back try (Graph is eventually consistent). Default 0, 1 s, 3 s. */
  readBackDelaysMs?: readonly number[];
}

export interface WriteBatchOptions {
  batchId: string;
  signal?: AbortSignal;
  onProgress?: (p: BatchProgress) => void;
}

export interface WriteBatchResult {
  /** Per user key: what happened to each write of its plan (in plan order; absent = never tried). */
  outcomes: Map<string, BatchWriteOutcome[]>;
  throttled: { retries: number; waitedMs: number };
}

interface Item {
  user: PlannedUser;
  step: PlanStep;
  spec: WriteSpec;
  objectId: string;
  who: string;
  planned: Value;
  /** Filled once the guard passed and the intent is on disk. */
  entry?: Omit<JournalEntry, 'at' | 'phase'>;
  before?: Value;
}

const DEFAULT_DELAYS = [0, 1000, 3000];
const IN_BIN = 'in the recycle bin';

function readKind(action: PlanStep['action'], phase: 'guard' | 'after'): 'user' | 'deletedUser' {
  if (action === 'PURGE_DELETED_USER') return 'deletedUser';
  if (action === 'RESTORE_DELETED_USER') return phase === 'guard' ? 'deletedUser' : 'user';
  return 'user';
}

/** The property's value as read back (what WriteSpec.readBack says, from a grouped read). */
function nowValue(item: Item, object: CloudUser | null): Value {
  switch (item.step.action) {
    case 'PURGE_DELETED_USER':
      return object ? IN_BIN : 'permanently deleted';
    case 'RESTORE_DELETED_USER':
      return object ? 'active' : 'not found';
    case 'MOVE_UPN_TO_INITIAL_DOMAIN':
      return object ? object.userPrincipalName : 'not found';
    default:
      return object ? (object.onPremisesImmutableId ?? null) : 'not found';
  }
}

export async function writeBatch(
  deps: WriteBatchDeps,
  users: readonly PlannedUser[],
  options: WriteBatchOptions,
): Promise<WriteBatchResult> {
  const { signal } = options;
  const secrets = deps.secrets ?? [];
  const outcomes = new Map<string, BatchWriteOutcome[]>(users.map((u) => [u.key, []]));
  const failed = new Set<string>();
  const total = users.reduce((n, u) => n + writesOf(u).length, 0);
  let finished = 0;
  const progress = (extra: Partial<BatchProgress> = {}) =>
    options.onProgress?.({ phase: 'writing', done: finished, total, ...extra });
  // Ids unique within the batch (a second's worth of random ids would collide at this volume):
  // the batch id, this run's own four characters (a resume is another run), a sequence number.
  const run = newJournalId(deps.clock.now()).slice(-4);
  let sequence = 0;
  const nextId = () => `${options.batchId}.${run}.${(++sequence).toString().padStart(5, '0')}`;
  const gate = new ThrottleGate(deps.clock, (ms) => progress({ phase: 'throttled', waitMs: ms }));
  const record = (item: Item, outcome: BatchWriteOutcome) => {
    outcomes.get(item.user.key)!.push({ ...outcome, detail: redactText(outcome.detail, secrets) });
    if (outcome.status !== 'done') failed.add(item.user.key);
    finished++;
  };
  const journal = async (entries: JournalEntry[]) => {
    const clean = entries.map((e) => scrubKnownSecrets(e, secrets));
    if (deps.journal.appendMany) await deps.journal.appendMany(clean);
    else for (const e of clean) await deps.journal.append(e);
  };

  async function group(items: Item[]): Promise<void> {
    if (signal?.aborted) return;
    // 1. The stale-plan guard, one grouped read for the whole group.
    const current = await deps.ops.readMany(
      items.map((it, i) => ({
        key: String(i),
        kind: readKind(it.step.action, 'guard'),
        objectId: it.objectId,
      })),
    );
    const ready: Item[] = [];
    const guarded = new Map<Item, CloudUser>();
    items.forEach((it, i) => {
      const answer = current.get(String(i)) ?? { error: 'no answer' };
      const where = readKind(it.step.action, 'guard');
      if ('error' in answer) {
        return record(it, {
          action: it.step.action,
          status: 'failed',
          detail: `Nothing was written: could not re-read ${it.who} first. ${answer.error}`,
        });
      }
      if (!answer.object) {
        return record(it, {
          action: it.step.action,
          status: 'failed',
          detail: goneSentence(it.who, where),
          stale: true,
        });
      }
      const mismatches =
        it.step.precondition.kind === 'none' ? [] : compareExpect(it.step.precondition.expect, answer.object);
      if (mismatches.length > 0) {
        return record(it, {
          action: it.step.action,
          status: 'failed',
          detail: staleSentence(it.who, mismatches),
          stale: true,
        });
      }
      guarded.set(it, answer.object);
      ready.push(it);
    });
    if (ready.length === 0) return;
    if (signal?.aborted) {
      for (const it of ready) record(it, cancelled(it));
      return;
    }

    // 2. Every intent on disk before the $batch is sent.
    const at = () => deps.clock.now().toISOString();
    for (const it of ready) {
      const object = guarded.get(it)!;
      it.before = it.spec.valueOf(object);
      it.entry = {
        id: nextId(),
        operator: deps.operator,
        tenant: deps.tenantLabel,
        target: { id: it.objectId, userPrincipalName: it.who },
        step: it.step.action,
        description: it.step.description,
        property: it.spec.property,
        before: it.before,
        after: it.planned,
        reversible: it.step.reversible && it.spec.undoable,
        batch: options.batchId,
        batchUser: it.user.key,
      };
    }
    try {
      await journal(
        ready.map((it) => ({
          ...it.entry!,
          at: at(),
          phase: 'intent' as const,
          ...(it.step.action === 'PURGE_DELETED_USER' ? { exported: guarded.get(it)! } : {}),
        })),
      );
    } catch (error) {
      for (const it of ready) {
        record(it, {
          action: it.step.action,
          status: 'failed',
          detail: `Nothing was written to the tenant: the journal could not record the write first. ${message(error)}`,
        });
      }
      return;
    }
    const results: JournalEntry[] = [];
    const result = (it: Item, status: NonNullable<JournalEntry['result']>, fields: Partial<JournalEntry>) =>
      results.push({ ...it.entry!, at: at(), phase: 'result', result: status, ...fields });

    // 3. The writes; throttled ones wait with the whole batch, then go again.
    let toSend = ready;
    const readBack: { it: Item; answered: boolean; error?: string }[] = [];
    while (toSend.length > 0) {
      if (!(await gate.pass(signal))) {
        for (const it of toSend) {
          result(it, 'cancelled', { error: 'cancelled before the write was sent' });
          record(it, cancelled(it, it.entry!.id));
        }
        break;
      }
      const byKey = new Map(toSend.map((it, i) => [String(i), it]));
      const answers = await deps.ops.writeMany(
        [...byKey].map(([key, it]) => ({
          key,
          action: it.step.action,
          objectId: it.objectId,
          value: it.planned,
        })),
      );
      const again: Item[] = [];
      let wait = 0;
      for (const [key, it] of byKey) {
        const a = answers.get(key) ?? { status: 'no-answer' as const, message: 'no answer' };
        if (a.status === 'accepted') readBack.push({ it, answered: true });
        else if (a.status === 'throttled') {
          again.push(it);
          wait = Math.max(wait, a.retryAfterMs);
        } else if (a.status === 'refused') {
          const msg = redactText(a.message, secrets);
          result(it, 'failed', { error: msg });
          record(it, {
            action: it.step.action,
            status: 'failed',
            detail: `${it.spec.failedPrefix(it.who)}: ${msg}`,
            journalId: it.entry!.id,
          });
        } else readBack.push({ it, answered: false, error: a.message });
      }
      if (again.length > 0) {
        gate.retries += again.length;
        gate.backoff(wait);
      }
      toSend = again;
    }

    // 4. Read back until each value shows (or stop trying); then the results, in one flush.
    let pending = readBack;
    const seen = new Map<Item, { object: CloudUser | null | undefined; now?: Value }>();
    for (const delay of deps.readBackDelaysMs ?? DEFAULT_DELAYS) {
      if (pending.length === 0) break;
      if (delay > 0) {
        if (signal?.aborted) break;
        try {
          await deps.clock.sleep(delay, signal);
        } catch {
          break;
        }
      }
      const answers: Map<string, BatchReadAnswer> = await deps.ops.readMany(
        pending.map((p, i) => ({
          key: String(i),
          kind: readKind(p.it.step.action, 'after'),
          objectId: p.it.objectId,
        })),
      );
      const still: typeof pending = [];
      pending.forEach((p, i) => {
        const a = answers.get(String(i));
        if (!a || 'error' in a) {
          seen.set(p.it, { object: undefined });
          return still.push(p);
        }
        const now = nowValue(p.it, a.object);
        seen.set(p.it, { object: a.object, now });
        if (p.it.spec.same(now, p.it.planned)) {
          result(p.it, 'done', { state: a.object, ...(p.answered ? {} : { error: p.error }) });
          record(p.it, {
            action: p.it.step.action,
            status: 'done',
            detail: p.it.spec.doneSentence(p.it.who, p.it.before!, p.it.planned),
            journalId: p.it.entry!.id,
          });
        } else still.push(p);
      });
      pending = still;
    }
    for (const p of pending) {
      const s = seen.get(p.it);
      const state = s?.object === undefined ? {} : { state: s.object };
      const unchanged = s?.now !== undefined && p.it.spec.same(s.now, p.it.before!);
      const shown =
        s?.now === undefined
          ? 'reading it back failed'
          : `reading it back shows ${p.it.spec.property} = ${show(s.now)}, not ${show(p.it.planned)}`;
      const what = p.answered
        ? `the tenant accepted the write, but ${shown}`
        : `the request got no answer (${p.error ?? 'cut off'}) and ${shown}`;
      const status = !p.answered && unchanged ? 'failed' : 'unknown';
      result(p.it, status, { error: redactText(what, secrets), ...state });
      record(p.it, {
        action: p.it.step.action,
        status,
        detail: `${p.it.spec.failedPrefix(p.it.who)}: ${what}. Diagnose ${p.it.who} again before going on.`,
        journalId: p.it.entry!.id,
      });
    }
    try {
      await journal(results);
    } catch (error) {
      for (const r of results) {
        const list = outcomes.get(r.batchUser!)!;
        const o = list.find((x) => x.journalId === r.id);
        if (o)
          o.detail += ` The journal could not record this result (${message(error)}), so the next start lists entry ${r.id} as unfinished.`;
      }
    }
    progress();
  }

  const rounds = Math.max(0, ...users.map((u) => writesOf(u).length));
  for (let round = 0; round < rounds && !signal?.aborted; round++) {
    const items: Item[] = [];
    for (const user of users) {
      const step = writesOf(user)[round];
      if (!step || failed.has(user.key)) continue;
      const item = itemFor(user, step);
      if ('problem' in item) {
        outcomes.get(user.key)!.push({ action: step.action, status: 'failed', detail: item.problem });
        failed.add(user.key);
        finished++;
      } else items.push(item);
    }
    const groups: Item[][] = [];
    for (let i = 0; i < items.length; i += deps.ops.maxPerRequest)
      groups.push(items.slice(i, i + deps.ops.maxPerRequest));
    await eachLimited(groups, deps.inFlight ?? 4, group, signal);
    progress();
  }
  return { outcomes, throttled: { retries: gate.retries, waitedMs: gate.waitedMs } };
}

function writesOf(user: PlannedUser): PlanStep[] {
  return user.basis?.writes ?? [];
}

function itemFor(user: PlannedUser, step: PlanStep): Item | { problem: string } {
  const spec = WRITE_SPECS[step.action];
  if (!spec) return { problem: `${step.action} does not write to the tenant (this is a bug in the batch).` };
  const objectId = step.precondition.objectId ?? step.objectId;
  if (!objectId) return { problem: 'The plan step names no object to act on (this is a bug in the plan).' };
  const planned = spec.plannedAfter(step);
  if ('problem' in planned) return planned;
  return { user, step, spec, objectId, who: step.objectUpn ?? objectId, planned: planned.value };
}

function cancelled(it: Item, journalId?: string): BatchWriteOutcome {
  return {
    action: it.step.action,
    status: 'cancelled',
    detail: 'Cancelled before writing: nothing was written.',
    ...(journalId ? { journalId } : {}),
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
