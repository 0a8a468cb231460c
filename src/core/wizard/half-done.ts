// Leaving with a plan half-applied (issue 13, point 4): which writes of this run are still in place,
// the state they leave the user in, and (in the summary) what was undone and what remains.
import { counted } from '../plural.js';
import type { StepOutcome } from '../run-results.js';
import type { WizardState } from './state.js';
import { stepAt } from './walk.js';

const STATE: Partial<Record<string, string>> = {
  MOVE_UPN_TO_INITIAL_DOMAIN: 'the user now signs in on the initial domain, not their usual name',
  SET_IMMUTABLE_ID: 'the cloud user carries the anchor; the next sync (scheduled or not) will hard-match it',
  CLEAR_IMMUTABLE_ID: 'the cloud user has no immutableId; the next sync may soft-match it',
  PURGE_DELETED_USER: 'the recycle-bin object is gone for good',
  RESTORE_DELETED_USER: 'the restored user is active again',
  SET_CONSISTENCY_GUID:
    "the AD account carries the other account's anchor in mS-DS-ConsistencyGuid; the next sync joins it by that anchor",
};

const isWrite = (o: StepOutcome): boolean => o.status === 'done' && o.journalId !== undefined;

/** The writes of this run still in place: done, journalled, not an undo, and not undone since. */
export function remainingWrites(state: WizardState): StepOutcome[] {
  const undone = new Set(
    state.outcomes.filter((o) => isWrite(o) && o.undoOf).map((o) => o.undoOf!.toLowerCase()),
  );
  return state.outcomes.filter((o) => isWrite(o) && !o.undoOf && !undone.has(o.journalId!.toLowerCase()));
}

/** The undos of this run that landed, each with the write it reverted. */
export function undoneWrites(state: WizardState): Array<{ write: StepOutcome; undo: StepOutcome }> {
  const out: Array<{ write: StepOutcome; undo: StepOutcome }> = [];
  for (const undo of state.outcomes.filter((o) => isWrite(o) && o.undoOf)) {
    const write = state.outcomes.find((o) => o.journalId?.toLowerCase() === undo.undoOf!.toLowerCase());
    if (write) out.push({ write, undo });
  }
  return out;
}

/** True when the run would end with writes in place and no verified match. */
export function isHalfDone(state: WizardState): boolean {
  return state.verdict?.verdict !== 'matched' && remainingWrites(state).length > 0;
}

/** One sentence per completed write when the run ends without a verified match; [] otherwise. */
export function halfDoneLines(state: WizardState): string[] {
  if (state.verdict?.verdict === 'matched') return [];
  const writes = remainingWrites(state);
  const undone = undoneWrites(state);
  const lines: string[] = [];
  for (const { write, undo } of undone) {
    lines.push(`Undone: ${write.action} (journal entry ${write.journalId}) by entry ${undo.journalId}.`);
  }
  if (writes.length === 0) {
    if (undone.length > 0) {
      lines.push('Every write of this run was undone: the user is as before the run, and not matched.');
    }
    return lines;
  }
  lines.unshift(
    `Left half-done: ${counted(writes.length, 'write')} of the plan ${writes.length === 1 ? 'is' : 'are'} in place and the match is not verified.`,
  );
  for (const o of writes) {
    const where = STATE[o.action];
    const undo = o.undoCommand ? ` Undo: ${o.undoCommand}` : '';
    lines.push(`${o.action} (journal entry ${o.journalId})${where ? `: ${where}.` : '.'}${undo}`);
  }
  lines.push(`To finish instead, run syncmatch fix ${state.identity ?? '<identity>'} again.`);
  return lines;
}

/**
 * The leaving screen's account of where the user stands: one plain sentence per write still in
 * place (with the values the plan wrote where the walk knows them), then what never happened.
 */
export function leftStateLines(state: WizardState): string[] {
  const writes = remainingWrites(state);
  const lines = writes.map((o) => writeState(state, o));
  const verdict = state.verdict;
  if (!verdict) {
    const plannedMatch = writes.some((o) => o.action === 'SET_IMMUTABLE_ID');
    lines.push(
      plannedMatch
        ? 'No sync has run, so the hard match was never made; the next scheduled sync may make it without you.'
        : 'The rest of the plan was not done: the hard match was never made and no sync has run.',
    );
  } else if (verdict.verdict !== 'matched') {
    lines.push(`The sync did not verify the match: ${verdict.detail}`);
    const joined = verdict.after?.target;
    if (joined?.onPremisesSyncEnabled === true) {
      lines.push(
        `The sync already joined ${joined.userPrincipalName} to an AD object: Graph refuses edits of a synced user, so an undo here will be refused; correct it in AD and sync again.`,
      );
    }
  }
  return lines;
}

function writeState(state: WizardState, o: StepOutcome): string {
  const at = state.walk.results.indexOf(o);
  const step = at >= 0 ? stepAt(state, at) : undefined;
  const change = step?.change;
  const who = step?.objectUpn ?? step?.objectId ?? 'the cloud user';
  switch (o.action) {
    case 'MOVE_UPN_TO_INITIAL_DOMAIN':
      return change
        ? `UPN moved to the initial domain: the user now signs in as ${change.after ?? '?'}, no longer as ${change.before ?? '?'}.`
        : 'UPN moved to the initial domain: the user now signs in on the initial domain, not their usual name.';
    case 'SET_IMMUTABLE_ID':
      return `${who} carries the immutableId ${change?.after ?? "of this AD user's anchor"}: the next sync will hard-match it.`;
    case 'CLEAR_IMMUTABLE_ID':
      return `The immutableId of ${who} is cleared${change?.before ? ` (was ${change.before})` : ''}: the next sync may soft-match it.`;
    case 'PURGE_DELETED_USER':
      return `The recycle-bin user ${step?.objectId ?? ''} is gone for good; that cannot be undone.`;
    case 'RESTORE_DELETED_USER':
      return `${who} was restored from the recycle bin and is active again.`;
    case 'SET_CONSISTENCY_GUID':
      return `The AD account ${who} carries ${change?.after ?? "the other account's anchor"} in mS-DS-ConsistencyGuid: the next sync (scheduled or not) joins it to the cloud user of that anchor.`;
    default:
      return `${o.action} is in place (journal entry ${o.journalId}).`;
  }
}

/**
 * No stale screens (issue 13, point 6): the step number (1-based) of the first write this walk made,
 * when the reading on screen predates it; null when the reading is current.
 */
export function readBeforeStep(state: WizardState): number | null {
  const i = state.walk.results.findIndex((r) => r?.status === 'done' && r.journalId !== undefined);
  return i < 0 ? null : i + 1;
}
