// The wizard's state: one screen at a time, plus what the run has learnt so far. Plain data only;
// the reducer (reducer.ts) is the one place that changes it.
import type {
  ReadProgress,
  ReadStepId,
  StepOutcome,
  SyncProgress,
  SyncVerdict,
  UndoPreview,
} from '../run-results.js';
import type { Diagnosis } from '../diagnosis-types.js';
import type { LabAction, PlanStep } from '../plan-types.js';
import type { Key } from './keys.js';

export interface WizardConfig {
  environmentLabel: string;
  readOnly: boolean;
  journalPath: string;
  /** Given on the command line: the identity screen is skipped. */
  identity?: string;
  /** Prefill for the identity prompt (the lab scenario's user). */
  suggestedIdentity?: string;
  /**
   * Opened from the lab's scenario picker: Escape on the identity prompt goes back to it, and the
   * summary offers "Another scenario".
   */
  picker?: boolean;
  /** The lab: a MANUAL step with a lab action offers "do it in the lab". Never set on real runs. */
  canDoInLab?: boolean;
  /** `fix --yes --allow-purge`: auto-approval may purge; without it, it stops before a purge. */
  allowPurge?: boolean;
  /** The services can undo a journalled write: leaving half-done offers it (issue 13, point 4). */
  canUndo?: boolean;
}

export const READ_STEPS: readonly ReadStepId[] = [
  'adUser',
  'anchor',
  'cloudTarget',
  'onPremDuplicates',
  'cloudDuplicates',
  'recycleBin',
  'tenantSwitches',
];

export interface ReadLine {
  status: 'pending' | ReadProgress['status'];
  detail: string;
}

/** A failure to show: a sentence, and what to try. */
export interface ErrorInfo {
  message: string;
  hint?: string;
}

export type ErrorChoiceId = 'retryDiagnose' | 'identity' | 'reread' | 'retrySync' | 'finish' | 'quit';

export type ManualCheck =
  | { status: 'idle' }
  | { status: 'checking' }
  /** The blocking finding is still there (its message), or the check itself failed. */
  | { status: 'still'; detail: string }
  | { status: 'failed'; detail: string };

export type Screen =
  | { kind: 'starting' }
  | { kind: 'warnings' }
  | { kind: 'identity'; text: string; error: ErrorInfo | null }
  | { kind: 'reading'; identity: string; lines: Record<ReadStepId, ReadLine>; finished: boolean }
  | {
      kind: 'findings';
      cursor: number;
      raw: boolean;
      /** The chosen finding's explanation scrolled by this many entries (its evidence lines); PgUp/PgDn. */
      detail?: number;
    }
  | { kind: 'plan'; choice: number; notice: string | null }
  | { kind: 'confirm'; step: number; choice: number; typed: string; mismatch: boolean }
  | { kind: 'manual'; step: number; choice: number; check: ManualCheck }
  | { kind: 'applying'; step: number }
  | { kind: 'sync'; step: number; progress: SyncProgress | null; choice: number }
  | { kind: 'summary'; choice?: number }
  /** Leaving with the plan half-applied: what state the user is in, and an offer to undo. */
  | { kind: 'leaving'; choice: number; back: 'plan' | 'summary' }
  /**
   * Undoing this run's writes, newest first, each confirmed: `queue` holds the journal ids still to
   * undo (the first is the current one); `preview` is what undoing it would do, once read.
   */
  | {
      kind: 'undo';
      queue: string[];
      preview: UndoPreview | null;
      choice: number;
      applying: boolean;
    }
  | {
      kind: 'error';
      title: string;
      error: ErrorInfo;
      choices: ErrorChoiceId[];
      choice: number;
      /** Where Escape goes. */
      back: ErrorChoiceId;
    };

export type ScreenKind = Screen['kind'];

/** The information part of a screen scrolled with PgUp/PgDn (info-scroll.ts). */
export interface InfoScroll {
  /** Lines of the information scrolled off the top. */
  offset: number;
  /** Lines one PgUp/PgDn moves (what fits, less one line kept for context). */
  page: number;
  /** The largest offset: lines the clipping box cannot show at once. */
  max: number;
}

/** Work the effects hook must do for the current state; results carry its id back. */
export type Request =
  | { id: number; kind: 'unfinishedWrites' }
  | { id: number; kind: 'diagnose'; identity: string; purpose: 'read' | 'check' }
  | { id: number; kind: 'apply'; step: PlanStep; diagnosis: Diagnosis }
  | { id: number; kind: 'sync'; diagnosis: Diagnosis }
  /** "Do it in the lab": apply the step's lab actions, then check again like "check again". */
  | { id: number; kind: 'labApply'; identity: string; actions: LabAction[] }
  /** What undoing journal entry `journalId` would do (read from the journal, nothing written). */
  | { id: number; kind: 'previewUndo'; journalId: string }
  /** Undo journal entry `journalId` (guarded and journalled like any write); only from a confirmation. */
  | { id: number; kind: 'undo'; journalId: string };

/** Progress through the current plan (a new diagnosis starts a new walk). */
export interface Walk {
  /** Index of the next step among the visible steps. */
  next: number;
  /** Outcome per visible step index, once it has one. */
  results: Array<StepOutcome | undefined>;
  /** Set by a failure or a stale object: nothing in this plan writes any more. */
  halted: 'failed' | 'stale' | 'stopped' | null;
}

export interface WizardState {
  config: WizardConfig;
  screen: Screen;
  help: boolean;
  /** The identity being read or walked (set when a reading starts). */
  identity: string | null;
  /** Writes an earlier run left without a result (journal intent without result). */
  warnings: string[];
  /** The first diagnosis of this identity: the "before" of the summary. */
  before: Diagnosis | null;
  /** The latest diagnosis; its plan is the one being walked. */
  diagnosis: Diagnosis | null;
  walk: Walk;
  /** Every step outcome of this run, in order, across re-plans. */
  outcomes: StepOutcome[];
  verdict: SyncVerdict | null;
  /** A failure the run could not get past (exit 1 when the user leaves). */
  failure: ErrorInfo | null;
  request: Request | null;
  lastRequestId: number;
  /** Set once: the process exit code; the UI unmounts when it appears. */
  exit: number | null;
  /** The confirm and manual screens show each step's PowerShell (p or Tab toggles it, issue 17). */
  showPowerShell?: boolean;
  /** The summary shows the whole ticket-ready summary (t toggles it, issue 17). */
  showTicket?: boolean;
  /** First line of the ticket on screen (↑↓, PgUp/PgDn scroll it). */
  ticketScroll?: number;
  /** The screen's information scrolled with PgUp/PgDn (where a small terminal clips it). */
  info?: InfoScroll;
  /** Set with `exit` when the technician chose to go back to the lab's picker. */
  leaveTo?: 'picker';
}

export type WizardEvent =
  | { type: 'key'; key: Key }
  | { type: 'cancel' }
  /** From the UI after a layout: lines one page moves, and lines clipped (the information's scroll). */
  | { type: 'measured'; page: number; max: number }
  | { type: 'unfinishedWrites'; request: number; lines: string[] }
  | { type: 'readProgress'; request: number; progress: ReadProgress }
  | { type: 'diagnosed'; request: number; diagnosis: Diagnosis }
  | { type: 'labApplied'; request: number; done: string[]; diagnosis: Diagnosis }
  | { type: 'diagnoseFailed'; request: number; error: ErrorInfo }
  | { type: 'applied'; request: number; outcome: StepOutcome }
  | { type: 'syncProgress'; request: number; progress: SyncProgress }
  | { type: 'synced'; request: number; verdict: SyncVerdict }
  | { type: 'syncFailed'; request: number; error: ErrorInfo }
  | { type: 'undoPreviewed'; request: number; preview: UndoPreview }
  | { type: 'undone'; request: number; outcome: StepOutcome };
