// What the wizard (and `fix --json`) can ask of the application. The UI receives an object of this
// shape through context and never sees an adapter.
import type { Diagnosis } from '../core/diagnosis-types.js';
import type { LabAction, PlanStep } from '../core/plan-types.js';

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
}

/** Progress of the sync-and-verify step. */
export interface SyncProgress {
  phase: 'triggering' | 'busy' | 'waiting' | 'verifying';
  elapsedMs: number;
  detail: string;
}

export interface SyncVerdict {
  /** 'wrong-object': the sync matched, but not the planned join (another object id, anchor or
   *  values than forecast): never a success. */
  verdict: 'matched' | 'not-yet' | 'sync-failed' | 'timeout' | 'wrong-object';
  /** One sentence for the summary. */
  detail: string;
  /** What the sync server answered, and (in the lab) the engine's run log lines for this user. */
  syncReport: string[];
  after: Diagnosis | null;
}

export interface WizardServices {
  /** 'lab: <scenario>' or the profile name; shown in the header. */
  readonly environmentLabel: string;
  /** Identity to prefill (the lab scenario's), if any. */
  readonly suggestedIdentity?: string;
  readonly readOnly: boolean;
  readonly journalPath: string;
  diagnose(identity: string, onProgress: (p: ReadProgress) => void, signal?: AbortSignal): Promise<Diagnosis>;
  /** Re-checks the precondition, journals, writes, re-reads. Never throws for expected failures. */
  applyStep(step: PlanStep, diagnosis: Diagnosis, signal?: AbortSignal): Promise<StepOutcome>;
  syncAndVerify(
    diagnosis: Diagnosis,
    onProgress: (p: SyncProgress) => void,
    signal?: AbortSignal,
  ): Promise<SyncVerdict>;
  /** Writes whose result is unknown from an earlier run (intent without result), as sentences. */
  unfinishedWrites(): Promise<string[]>;
  /** The lab only: carries out a MANUAL step's change on the lab's AD or tenant ("do it in the
   *  lab"); one sentence per change. Absent on real runs, which never offer it. */
  doInLab?(actions: readonly LabAction[]): Promise<string[]>;
  /** Reverts journal entry `id` (guarded and journalled like any write); a refusal is a failed outcome. */
  undo?(journalId: string, signal?: AbortSignal): Promise<StepOutcome>;
}
