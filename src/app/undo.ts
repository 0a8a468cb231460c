// Undo of a journalled write: the inverse write, guarded by "the object still holds what that write
// set", and applied through applyStep so the undo is itself journalled (and can be undone).
import type { PlanStep } from '../core/plan-types.js';
import type { JournalContents, JournalEntry, JournalWrite } from '../ports.js';
import { applyStep } from './apply-step.js';
import type { ApplyStepDeps } from './apply-step.js';
import type { StepOutcome } from './services.js';
import { show } from './write-actions.js';

export type UndoRefusal =
  'NOT_FOUND' | 'OTHER_TENANT' | 'NOT_DONE' | 'UNKNOWN_RESULT' | 'IRREVERSIBLE' | 'ALREADY_UNDONE';

export type UndoPlan =
  | { ok: true; id: string; original: JournalEntry; step: PlanStep; summary: string }
  | { ok: false; code: UndoRefusal; reason: string; hint?: string };

const LIST_HINT = "Run 'syncmatch journal' to see the entries and their ids.";

/** Works out the inverse of entry `id`, or says why it cannot (or must not) be reverted. */
export function planUndo(
  contents: Pick<JournalContents, 'writes'>,
  rawId: string,
  tenantLabel: string,
): UndoPlan {
  const id = rawId.trim().toLowerCase();
  const write = contents.writes.find((w) => w.id.toLowerCase() === id);
  if (!write || !write.intent) {
    return {
      ok: false,
      code: 'NOT_FOUND',
      reason: `There is no journal entry "${rawId.trim()}".`,
      hint: LIST_HINT,
    };
  }
  const entry = write.intent;
  const who = entry.target.userPrincipalName ?? entry.target.id;
  const label = `Entry ${write.id} (${entry.step} on ${who})`;
  if (entry.tenant.toLowerCase() !== tenantLabel.toLowerCase()) {
    return {
      ok: false,
      code: 'OTHER_TENANT',
      reason: `${label} was written in tenant ${entry.tenant}, but this run is connected to ${tenantLabel}.`,
      hint: `Run the undo with the --profile that connects to ${entry.tenant}.`,
    };
  }
  const notDone = refuseUnlessDone(write, label, who);
  if (notDone) return notDone;
  const irreversible = refuseIrreversible(entry, label);
  if (irreversible) return irreversible;
  const undoneBy = contents.writes.find(
    (w) => w.intent?.undoOf?.toLowerCase() === id && w.result?.result === 'done',
  );
  if (undoneBy) {
    return {
      ok: false,
      code: 'ALREADY_UNDONE',
      reason: `${label} was already reverted by entry ${undoneBy.id}.`,
      hint: `To put the change back, undo ${undoneBy.id} instead.`,
    };
  }
  const step = inverseStep(write.id, entry);
  const summary =
    `Undo ${write.id}: ${entry.property} of ${who} goes from ${show(entry.after)} back to ${show(entry.before)} ` +
    `(written ${entry.at} by ${entry.operator} in ${entry.tenant}).`;
  return { ok: true, id: write.id, original: entry, step, summary };
}

/** Applies a planned undo (journalled like any write, with undoOf pointing at the original). */
export function applyUndo(deps: ApplyStepDeps, plan: Extract<UndoPlan, { ok: true }>, signal?: AbortSignal) {
  return applyStep(deps, plan.step, signal, { undoOf: plan.id });
}

/** Reads the journal, plans the undo and applies it; a refusal comes back as a failed outcome. */
export async function undoEntry(deps: ApplyStepDeps, id: string, signal?: AbortSignal): Promise<StepOutcome> {
  const plan = planUndo(await deps.journal.read(), id, deps.tenant.tenantLabel);
  if (!plan.ok) {
    return {
      action: 'MANUAL',
      status: 'failed',
      detail: plan.hint ? `${plan.reason} ${plan.hint}` : plan.reason,
    };
  }
  return applyUndo(deps, plan, signal);
}

function refuseUnlessDone(write: JournalWrite, label: string, who: string): UndoPlan | null {
  const result = write.result?.result;
  if (result === 'done') return null;
  if (result === undefined || result === 'unknown') {
    return {
      ok: false,
      code: 'UNKNOWN_RESULT',
      reason: `${label} has no known result: whether it landed is unknown, so there is nothing safe to revert.`,
      hint: `Diagnose ${who} again to see what the tenant holds now.`,
    };
  }
  const why = result === 'cancelled' ? 'was cancelled before it was sent' : 'failed';
  return { ok: false, code: 'NOT_DONE', reason: `${label} ${why}, so there is nothing to undo.` };
}

function refuseIrreversible(entry: JournalEntry, label: string): UndoPlan | null {
  if (entry.step === 'PURGE_DELETED_USER') {
    return {
      ok: false,
      code: 'IRREVERSIBLE',
      reason: `${label} permanently deleted the user from the recycle bin; Graph cannot bring it back.`,
      hint: "The whole object was exported into the journal first: 'syncmatch journal --json' shows it, to recreate it by hand if needed.",
    };
  }
  if (entry.step === 'RESTORE_DELETED_USER') {
    return {
      ok: false,
      code: 'IRREVERSIBLE',
      reason: `${label} restored the user from the recycle bin; the only way back is deleting it again, which this tool does not do.`,
      hint: 'Delete the user in the Entra admin center if that is really wanted.',
    };
  }
  if (!entry.reversible || !INVERTIBLE.has(entry.step)) {
    return { ok: false, code: 'IRREVERSIBLE', reason: `${label} was recorded as not reversible.` };
  }
  return null;
}

const INVERTIBLE = new Set([
  'SET_IMMUTABLE_ID',
  'CLEAR_IMMUTABLE_ID',
  'MOVE_UPN_TO_INITIAL_DOMAIN',
  'SET_CONSISTENCY_GUID',
]);

function inverseStep(id: string, entry: JournalEntry): PlanStep {
  const before = typeof entry.before === 'string' ? entry.before : null;
  const after = typeof entry.after === 'string' ? entry.after : null;
  const objectId = entry.target.id;
  if (entry.step === 'SET_CONSISTENCY_GUID') return inverseConsistencyGuid(id, entry, before, after);
  if (entry.step === 'MOVE_UPN_TO_INITIAL_DOMAIN') {
    return {
      action: 'MOVE_UPN_TO_INITIAL_DOMAIN',
      description: `Undo ${id}: move the user principal name ${show(after)} back to ${show(before)}.`,
      because: [],
      reversible: true,
      writes: true,
      precondition: {
        kind: 'user',
        objectId,
        expect: { userPrincipalName: after },
        description: `The user principal name is still ${show(after)}, as entry ${id} left it.`,
      },
      objectId,
      objectUpn: after ?? entry.target.userPrincipalName ?? undefined,
      change: { property: 'userPrincipalName', before: after, after: before },
    };
  }
  const who = entry.target.userPrincipalName ?? objectId;
  return {
    action: before === null ? 'CLEAR_IMMUTABLE_ID' : 'SET_IMMUTABLE_ID',
    description:
      before === null
        ? `Undo ${id}: clear the immutableId of ${who} again.`
        : `Undo ${id}: set the immutableId of ${who} back to ${show(before)}.`,
    because: [],
    reversible: true,
    writes: true,
    precondition: {
      kind: 'user',
      objectId,
      expect: { onPremisesImmutableId: after },
      description: `The immutableId is still ${show(after)}, as entry ${id} left it.`,
    },
    objectId,
    objectUpn: entry.target.userPrincipalName ?? undefined,
    change: { property: 'onPremisesImmutableId', before: after, after: before },
  };
}

/** Writes the AD user's mS-DS-ConsistencyGuid back, guarded by "it still holds what entry `id` set". */
function inverseConsistencyGuid(
  id: string,
  entry: JournalEntry,
  before: string | null,
  after: string | null,
): PlanStep {
  const objectId = entry.target.id;
  const who = entry.target.userPrincipalName ?? objectId;
  return {
    action: 'SET_CONSISTENCY_GUID',
    description:
      before === null
        ? `Undo ${id}: clear the mS-DS-ConsistencyGuid of ${who} again.`
        : `Undo ${id}: set the mS-DS-ConsistencyGuid of ${who} back to ${show(before)}.`,
    because: [],
    reversible: true,
    writes: true,
    precondition: {
      kind: 'adObject',
      objectId,
      expect: { consistencyGuid: after },
      description: `The mS-DS-ConsistencyGuid is still ${show(after)}, as entry ${id} left it.`,
    },
    objectId,
    objectUpn: entry.target.userPrincipalName ?? undefined,
    change: { property: 'mS-DS-ConsistencyGuid', before: after, after: before },
  };
}
