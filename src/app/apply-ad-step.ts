// Applies a SET_CONSISTENCY_GUID step (issue 21): the one write to on-premises AD, with the same
// safety as the tenant writes (apply-step.ts): re-read the AD object and compare with what the
// plan saw (stale-plan guard), journal the intent (on disk before anything is sent), write through
// the LDAP adapter, read back, journal the result. The step's contract:
//   action 'SET_CONSISTENCY_GUID', objectId (or precondition.objectId) = the AD user's objectGUID,
//   change { property: 'mS-DS-ConsistencyGuid', before, after } with GUID strings (after null =
//   clear it), precondition { kind: 'adObject', objectId, expect: { consistencyGuid: <before> } }.
// Journal: target.id = the objectGUID, property 'mS-DS-ConsistencyGuid', before/after GUID strings
// (or null); `syncmatch journal undo <id>` writes `before` back (undo.ts).
import { UserFacingError } from '../core/errors.js';
import { isGuidString } from '../core/identifiers.js';
import type { PlanStep } from '../core/plan-types.js';
import type { OnPremObject } from '../core/snapshot.js';
import type { Clock, Journal, JournalEntry, OnPremDirectory, OnPremWriter } from '../ports.js';
import { newJournalId } from './journal-id.js';
import { redactText } from './redact.js';
import type { StepOutcome } from './services.js';
import { compareExpect, goneSentence, staleSentence } from './stale-guard.js';
import { show } from './write-actions.js';
import { errorText, explain, writeJournal } from './write-journal.js';

export const CONSISTENCY_GUID_PROPERTY = 'mS-DS-ConsistencyGuid';

/** The part of apply-step.ts's ApplyStepDeps an AD write uses. */
export interface AdStepDeps {
  tenant: { readonly tenantLabel: string };
  journal: Journal;
  operator: string;
  clock?: Pick<Clock, 'now'>;
  secrets?: readonly string[];
  undoCommand?: ((id: string) => string) | null;
  onPrem?: { directory: OnPremDirectory; writer: OnPremWriter };
}

const same = (a: string | null, b: string | null) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** The GUID the step sets (null = clear), or why the step is incomplete. */
function plannedValue(step: PlanStep): { value: string | null } | { problem: string } {
  const after = step.change?.after ?? null;
  if (after === null) return { value: null };
  if (!isGuidString(after.trim())) {
    return {
      problem: `The plan step's new ${CONSISTENCY_GUID_PROPERTY} "${after}" is not a GUID (this is a bug in the plan).`,
    };
  }
  return { value: after.trim().toLowerCase() };
}

export async function applyAdStep(
  deps: AdStepDeps,
  step: PlanStep,
  signal?: AbortSignal,
  options: { undoOf?: string } = {},
): Promise<StepOutcome> {
  const outcome = (status: StepOutcome['status'], detail: string, extra: Partial<StepOutcome> = {}) => ({
    action: step.action,
    status,
    detail: redactText(detail, deps.secrets),
    ...extra,
  });
  const onPrem = deps.onPrem;
  if (!onPrem) {
    return outcome(
      'failed',
      `Nothing was written: this run has no connection that may write to AD (${CONSISTENCY_GUID_PROPERTY}).`,
    );
  }
  if (signal?.aborted) return outcome('skipped', 'Cancelled before writing: nothing was written.');
  const objectId = step.precondition.objectId ?? step.objectId;
  if (!objectId)
    return outcome('failed', 'The plan step names no object to act on (this is a bug in the plan).');
  const planned = plannedValue(step);
  if ('problem' in planned) return outcome('failed', planned.problem);

  // 1. Stale-plan guard: re-read the AD object and compare with what the plan saw.
  let current: OnPremObject | null;
  try {
    current = await onPrem.directory.readByGuid(objectId);
  } catch (error) {
    return outcome(
      'failed',
      `Nothing was written: could not re-read ${step.objectUpn ?? objectId} in AD first. ${explain(error)}`,
    );
  }
  const who = step.objectUpn ?? current?.userPrincipalName ?? current?.dn ?? objectId;
  if (!current) return outcome('failed', goneSentence(who, 'adObject'), { stale: true });
  if (current.objectClass !== 'user') {
    return outcome('failed', `Nothing was written: ${current.dn} is a ${current.objectClass}, not a user.`);
  }
  const mismatches =
    step.precondition.kind === 'none' ? [] : compareExpect(step.precondition.expect, current);
  if (mismatches.length > 0) return outcome('failed', staleSentence(who, mismatches), { stale: true });
  if (signal?.aborted) return outcome('skipped', 'Cancelled before writing: nothing was written.');

  // 2. Intent, flushed to disk before anything is sent.
  const clock = deps.clock ?? { now: () => new Date() };
  const id = newJournalId(clock.now());
  const before = current.consistencyGuid;
  const where = current.forest ? ` (${current.domain ?? current.forest})` : '';
  const base: Omit<JournalEntry, 'at' | 'phase'> = {
    id,
    operator: deps.operator,
    tenant: deps.tenant.tenantLabel,
    target: { id: objectId, userPrincipalName: current.userPrincipalName ?? who },
    step: step.action,
    description: step.description,
    property: CONSISTENCY_GUID_PROPERTY,
    before,
    after: planned.value,
    reversible: step.reversible,
    ...(options.undoOf ? { undoOf: options.undoOf } : {}),
  };
  const lines = writeJournal(deps, clock, base);
  try {
    await lines.intent();
  } catch (error) {
    return outcome(
      'failed',
      `Nothing was written to AD: the journal could not record the write first. ${explain(error)}`,
    );
  }
  const ids = { journalId: id };
  const record = lines.result;
  if (signal?.aborted) {
    const note = await record('cancelled', { error: 'cancelled before the write was sent' });
    return outcome('skipped', `Cancelled before writing: nothing was written.${note}`, ids);
  }

  // 3. The write, then 4. read back (AD answers from the DC written to: no replication wait).
  let writeError: unknown = null;
  try {
    await onPrem.writer.setConsistencyGuid(objectId, planned.value);
  } catch (error) {
    writeError = error;
  }
  let after: OnPremObject | null | undefined;
  try {
    after = await onPrem.directory.readByGuid(objectId);
  } catch {
    after = undefined;
  }
  const now = after === undefined ? undefined : after ? after.consistencyGuid : null;
  const stateField = after === undefined ? {} : { adState: after };
  const landed = after !== undefined && after !== null && same(now ?? null, planned.value);
  if (landed) {
    const said = writeError
      ? ` (The request reported "${errorText(writeError)}", but the value is in place.)`
      : '';
    const note = await record('done', {
      ...stateField,
      ...(writeError ? { error: redactText(errorText(writeError), deps.secrets) } : {}),
    });
    const undo =
      base.reversible && deps.undoCommand !== null
        ? { undoCommand: (deps.undoCommand ?? ((j: string) => `syncmatch journal undo ${j}`))(id) }
        : {};
    return outcome(
      'done',
      `The ${CONSISTENCY_GUID_PROPERTY} of ${who}${where} is now ${show(planned.value)} (was ${show(before)}); read back to confirm.${said}${note}`,
      { ...ids, ...undo },
    );
  }
  const unchanged = after !== undefined && after !== null && same(now ?? null, before);
  const refused =
    writeError instanceof UserFacingError && !/TIMEOUT|UNREACHABLE|CONNECTION/i.test(writeError.code);
  const result = writeError && (refused || unchanged) ? 'failed' : 'unknown';
  const message = writeError
    ? errorText(writeError)
    : after === undefined
      ? 'AD accepted the write, but reading it back failed.'
      : `AD accepted the write, but reading it back shows ${CONSISTENCY_GUID_PROPERTY} = ${show(now ?? null)}, not ${show(planned.value)}.`;
  const note = await record(result, { error: redactText(message, deps.secrets), ...stateField });
  const hint = writeError instanceof UserFacingError && writeError.hint ? ` Try: ${writeError.hint}` : '';
  const tail = result === 'unknown' ? ` Whether the write landed is unknown: diagnose ${who} again.` : '';
  return outcome(
    'failed',
    `Could not change the ${CONSISTENCY_GUID_PROPERTY} of ${who}${where}: ${message}${hint}${tail}${note}`,
    ids,
  );
}
