// Applies one write step of a plan, safely: re-read and compare (stale-plan guard), journal the
// intent (on disk before anything is sent), write, read back, journal the result. Never throws for
// an expected failure: a refused, failed or cancelled write comes back as a StepOutcome.
import { UserFacingError } from '../core/errors.js';
import type { PlanStep } from '../core/plan-types.js';
import type { CloudUser } from '../core/snapshot.js';
import type { Clock, Journal, JournalEntry, OnPremDirectory, OnPremWriter, Tenant } from '../ports.js';
import { applyAdStep } from './apply-ad-step.js';
import { newJournalId } from './journal-id.js';
import { redactText } from './redact.js';
import type { StepOutcome } from './services.js';
import { compareExpect, goneSentence, staleSentence } from './stale-guard.js';
import { show, WRITE_SPECS } from './write-actions.js';
import { errorText, explain, writeJournal, type ResultRecorder } from './write-journal.js';
import type { Value, WriteSpec } from './write-actions.js';

export interface ApplyStepDeps {
  tenant: Tenant;
  journal: Journal;
  /** OS user name, for the journal. */
  operator: string;
  clock?: Clock;
  /** Secrets this run holds (client secret, password): removed verbatim from anything journalled. */
  secrets?: readonly string[];
  /**
   * The command that reverts entry `id` (default `syncmatch journal undo <id>`); null when no
   * later command can (the lab, whose tenant ends with the run).
   */
  undoCommand?: ((id: string) => string) | null;
  /** AD, for SET_CONSISTENCY_GUID (issue 21): re-read through `directory`, written through `writer`. */
  onPrem?: { directory: OnPremDirectory; writer: OnPremWriter };
}

export interface ApplyStepOptions {
  /** The journal entry this write reverts (set by undo). */
  undoOf?: string;
}

/** Waits before each read-back: Graph is eventually consistent, a fresh write may lag a moment. */
const READ_BACK_DELAYS_MS = [0, 1000, 3000];

const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    }),
};

export async function applyStep(
  deps: ApplyStepDeps,
  step: PlanStep,
  signal?: AbortSignal,
  options: ApplyStepOptions = {},
): Promise<StepOutcome> {
  if (step.action === 'SET_CONSISTENCY_GUID') return applyAdStep(deps, step, signal, options);
  const spec = WRITE_SPECS[step.action];
  const outcome = (status: StepOutcome['status'], detail: string, extra: Partial<StepOutcome> = {}) => ({
    action: step.action,
    status,
    detail: redactText(detail, deps.secrets),
    ...extra,
  });
  if (!spec) {
    return outcome('skipped', `${step.action} does not write to the tenant; it is not applied here.`);
  }
  if (signal?.aborted) return outcome('skipped', 'Cancelled before writing: nothing was written.');

  const objectId = step.precondition.objectId ?? step.objectId;
  if (!objectId)
    return outcome('failed', 'The plan step names no object to act on (this is a bug in the plan).');
  const planned = spec.plannedAfter(step);
  if ('problem' in planned) return outcome('failed', planned.problem);
  const where =
    step.action === 'PURGE_DELETED_USER' || step.action === 'RESTORE_DELETED_USER' ? 'deletedUser' : 'user';

  // 1. Stale-plan guard: re-read and compare with what the plan saw.
  let current: CloudUser | null;
  try {
    current = await spec.read(deps.tenant, objectId);
  } catch (error) {
    return outcome(
      'failed',
      `Nothing was written: could not re-read ${step.objectUpn ?? objectId} first. ${explain(error)}`,
    );
  }
  const who = step.objectUpn ?? current?.userPrincipalName ?? objectId;
  if (!current) return outcome('failed', goneSentence(who, where), { stale: true });
  const mismatches =
    step.precondition.kind === 'none' ? [] : compareExpect(step.precondition.expect, current);
  if (mismatches.length > 0) return outcome('failed', staleSentence(who, mismatches), { stale: true });
  if (signal?.aborted) return outcome('skipped', 'Cancelled before writing: nothing was written.');

  // 2. Intent, flushed to disk before anything is sent.
  const clock = deps.clock ?? systemClock;
  const id = newJournalId(clock.now());
  const before = spec.valueOf(current);
  const base: Omit<JournalEntry, 'at' | 'phase'> = {
    id,
    operator: deps.operator,
    tenant: deps.tenant.tenantLabel,
    target: { id: objectId, userPrincipalName: who },
    step: step.action,
    description: step.description,
    property: spec.property,
    before,
    after: planned.value,
    reversible: step.reversible && spec.undoable,
    ...(options.undoOf ? { undoOf: options.undoOf } : {}),
  };
  const lines = writeJournal(deps, clock, base);
  try {
    await lines.intent(step.action === 'PURGE_DELETED_USER' ? { exported: current } : {});
  } catch (error) {
    return outcome(
      'failed',
      `Nothing was written to the tenant: the journal could not record the write first. ${explain(error)}`,
    );
  }
  const ids = { journalId: id };
  const recordResult = lines.result;

  if (signal?.aborted) {
    const note = await recordResult('cancelled', { error: 'cancelled before the write was sent' });
    return outcome('skipped', `Cancelled before writing: nothing was written.${note}`, ids);
  }

  // 3. The write.
  try {
    await spec.send(deps.tenant, objectId, planned.value);
  } catch (error) {
    return afterFailedWrite(
      deps,
      spec,
      { id, who, objectId, before, after: planned.value, error },
      recordResult,
      outcome,
    );
  }

  // 4. Read back until the value shows (or stop trying), then record the result.
  const check = await readBack(spec, deps.tenant, objectId, planned.value, clock, signal);
  if (check.landed) {
    const note = await recordResult('done', { state: check.state });
    const undo =
      base.reversible && deps.undoCommand !== null
        ? { undoCommand: (deps.undoCommand ?? defaultUndo)(id) }
        : {};
    return outcome('done', `${spec.doneSentence(who, before, planned.value)}${note}`, { ...ids, ...undo });
  }
  // Cancelled mid-write: the program is closing its connections, so the read-back fails for that.
  const seen = check.error
    ? signal?.aborted
      ? 'the run was stopped (Ctrl-C) before the change could be read back'
      : `reading it back failed (${explain(check.error)})`
    : `reading it back shows ${spec.property} = ${show(check.now)}, not ${show(planned.value)}`;
  const message = `the tenant accepted the write, but ${seen}`;
  const note = await recordResult('unknown', {
    error: redactText(message, deps.secrets),
    state: check.state,
  });
  return outcome(
    'failed',
    `${spec.failedPrefix(who)}: ${message}. Diagnose ${who} again before going on.${note}`,
    ids,
  );
}

interface WriteFacts {
  id: string;
  who: string;
  objectId: string;
  before: Value;
  after: Value;
  error: unknown;
}

type Outcome = (status: StepOutcome['status'], detail: string, extra?: Partial<StepOutcome>) => StepOutcome;

/**
 * The write threw. A refusal from the tenant is a failure; a cut-off request (timeout, dropped
 * connection, abort) may or may not have landed, so the object is re-read to find out.
 */
async function afterFailedWrite(
  deps: ApplyStepDeps,
  spec: WriteSpec,
  facts: WriteFacts,
  record: ResultRecorder,
  outcome: Outcome,
): Promise<StepOutcome> {
  const message = redactText(errorText(facts.error), deps.secrets);
  const hint = facts.error instanceof UserFacingError && facts.error.hint ? ` Try: ${facts.error.hint}` : '';
  const refused = isRefusal(facts.error);
  let state: CloudUser | null | undefined;
  let now: Value | undefined;
  try {
    ({ state, now } = await spec.readBack(deps.tenant, facts.objectId));
  } catch {
    // The re-read failed too: leave the state out and say so.
  }
  const ids = { journalId: facts.id };
  const stateField = state === undefined ? {} : { state };
  const nowText =
    now === undefined
      ? ' Reading it back failed as well, so its current state is unknown.'
      : ` Read back after the failure: ${spec.property} = ${show(now)}.`;
  if (now !== undefined && spec.same(now, facts.after)) {
    const note = await record('done', { error: message, ...stateField });
    return outcome(
      'done',
      `${spec.doneSentence(facts.who, facts.before, facts.after)} (The request reported "${message}", but the value is in place.)${note}`,
      ids,
    );
  }
  const unchanged = now !== undefined && spec.same(now, facts.before);
  const result = refused || unchanged ? 'failed' : 'unknown';
  const note = await record(result, { error: message, ...stateField });
  const tail =
    result === 'unknown' ? ` Whether the write landed is unknown: diagnose ${facts.who} again.` : '';
  return outcome('failed', `${spec.failedPrefix(facts.who)}: ${message}${hint}${nowText}${tail}${note}`, ids);
}

async function readBack(
  spec: WriteSpec,
  tenant: Tenant,
  id: string,
  after: Value,
  clock: Clock,
  signal?: AbortSignal,
): Promise<{ landed: boolean; state?: CloudUser | null; now?: Value; error?: unknown }> {
  let last: { landed: boolean; state?: CloudUser | null; now?: Value; error?: unknown } = { landed: false };
  for (const delay of READ_BACK_DELAYS_MS) {
    if (delay > 0) {
      if (signal?.aborted) break;
      try {
        await clock.sleep(delay, signal);
      } catch {
        break; // cancelled: record what is known so far
      }
    }
    try {
      const { state, now } = await spec.readBack(tenant, id);
      last = { landed: spec.same(now, after), state, now };
    } catch (error) {
      last = { landed: false, error };
    }
    if (last.landed) break;
  }
  return last;
}

function defaultUndo(id: string): string {
  return `syncmatch journal undo ${id}`;
}

/** A UserFacingError is the tenant's answer; timeouts and dropped connections are not answers. */
function isRefusal(error: unknown): boolean {
  if (!(error instanceof UserFacingError)) return false;
  return !/TIMEOUT|TIMED_OUT|NETWORK|UNREACHABLE|CONNECTION|ABORT|CANCEL/i.test(error.code);
}
