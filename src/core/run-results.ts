// What a run reports as it goes: the reading checklist's lines, each plan step's outcome, the
// sync-and-verify progress and verdict. Plain data, shared by the use-cases (app/), the wizard's
// reducer (core/wizard/) and the screens.
import type { Diagnosis } from './diagnosis-types.js';
import type { PlanStep } from './plan-types.js';

/** One line of the live reading checklist. */
export type ReadStepId =
  | 'adUser'
  | 'anchor'
  | 'cloudTarget'
  | 'onPremDuplicates'
  | 'cloudDuplicates'
  | 'recycleBin'
  | 'tenantSwitches';

export interface ReadProgress {
  step: ReadStepId;
  status: 'running' | 'done' | 'failed' | 'skipped';
  /** What was found (a DN, a UPN, a count), or for a failure what was tried and what to check. */
  detail: string;
}

/** What happened to one plan step. */
export interface StepOutcome {
  action: PlanStep['action'];
  status: 'done' | 'failed' | 'skipped';
  detail: string;
  /** The journal entry id of a write, for `syncmatch journal undo <id>`. */
  journalId?: string;
  /** The exact command that reverts it, when it can be reverted. */
  undoCommand?: string;
  /** Set when the stale-plan guard stopped the write: the object changed since the diagnosis. */
  stale?: boolean;
  /** Set on an undo: the journal entry of the write it reverts (issue 13, point 4). */
  undoOf?: string;
}

/** What undoing one journalled write would do, read from the journal before it is confirmed. */
export type UndoPreview =
  | { ok: true; journalId: string; step: PlanStep; summary: string }
  | { ok: false; journalId: string; reason: string };

/** Progress of the sync-and-verify step. */
export interface SyncProgress {
  phase: 'triggering' | 'busy' | 'cycle' | 'waiting' | 'verifying';
  elapsedMs: number;
  detail: string;
}

export interface SyncVerdict {
  verdict: 'matched' | 'not-yet' | 'sync-failed' | 'timeout' | 'wrong-object';
  /** One sentence for the summary. */
  detail: string;
  /** What the sync server answered, and (in the lab) the engine's run log lines for this user. */
  syncReport: string[];
  after: Diagnosis | null;
}
