// What the wizard (and `fix --json`) can ask of the application. The UI receives an object of this
// shape through context and never sees an adapter.
import type { Diagnosis } from '../core/diagnosis-types.js';
import type { LabAction, PlanStep } from '../core/plan-types.js';

// The results the use-cases report live in the core (the wizard's reducer needs them); re-exported
// here for the UI and the commands.
export type {
  ReadProgress,
  ReadStepId,
  StepOutcome,
  SyncProgress,
  SyncVerdict,
  UndoPreview,
} from '../core/run-results.js';
import type {
  ReadProgress,
  StepOutcome,
  SyncProgress,
  SyncVerdict,
  UndoPreview,
} from '../core/run-results.js';

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
  /** What undoing journal entry `id` would do, or why it cannot; reads the journal, writes nothing. */
  previewUndo?(journalId: string): Promise<UndoPreview>;
}
