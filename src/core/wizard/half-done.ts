// Leaving with a plan half-applied (issue 13, point 4): the summary says plainly which writes are in
// place, what state that leaves the user in, and how to undo them or finish.
import type { WizardState } from './state.js';

const STATE: Partial<Record<string, string>> = {
  MOVE_UPN_TO_INITIAL_DOMAIN: 'the user now signs in on the initial domain, not their usual name',
  SET_IMMUTABLE_ID: 'the cloud user carries the anchor; the next sync (scheduled or not) will hard-match it',
  CLEAR_IMMUTABLE_ID: 'the cloud user has no immutableId; the next sync may soft-match it',
  PURGE_DELETED_USER: 'the recycle-bin object is gone for good',
  RESTORE_DELETED_USER: 'the restored user is active again',
  SET_CONSISTENCY_GUID:
    "the AD account carries the other account's anchor in mS-DS-ConsistencyGuid; the next sync joins it by that anchor",
};

/** One sentence per completed write when the run ends without a verified match; [] otherwise. */
export function halfDoneLines(state: WizardState): string[] {
  if (state.verdict?.verdict === 'matched') return [];
  const writes = state.outcomes.filter((o) => o.status === 'done' && o.journalId);
  if (writes.length === 0) return [];
  const lines = [
    `Left half-done: ${writes.length} write(s) of the plan are in place and the match is not verified.`,
  ];
  for (const o of writes) {
    const where = STATE[o.action];
    const undo = o.undoCommand ? ` Undo: ${o.undoCommand}` : '';
    lines.push(`${o.action} (journal entry ${o.journalId})${where ? `: ${where}.` : '.'}${undo}`);
  }
  lines.push(`To finish instead, run syncmatch fix ${state.identity ?? '<identity>'} again.`);
  return lines;
}

/**
 * No stale screens (issue 13, point 6): the step number (1-based) of the first write this walk made,
 * when the reading on screen predates it; null when the reading is current.
 */
export function readBeforeStep(state: WizardState): number | null {
  const i = state.walk.results.findIndex((r) => r?.status === 'done' && r.journalId !== undefined);
  return i < 0 ? null : i + 1;
}
