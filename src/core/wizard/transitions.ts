// Moves shared by several screens. Each returns a new state; none performs anything: a write or a
// read only happens when the effects hook sees the `request` these set.
import type { ReadStepId } from '../run-results.js';
import type { Diagnosis } from '../diagnosis-types.js';
import type { PlanStep } from '../plan-types.js';
import {
  READ_STEPS,
  type ErrorChoiceId,
  type ErrorInfo,
  type ReadLine,
  type Request,
  type WizardState,
} from './state.js';
import { isHalfDone } from './half-done.js';
import { emptyWalk, exitCodeFor } from './walk.js';

type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

export function withRequest(state: WizardState, body: RequestBody): WizardState {
  const id = state.lastRequestId + 1;
  return { ...state, request: { ...body, id } as Request, lastRequestId: id };
}

export function blankReadLines(): Record<ReadStepId, ReadLine> {
  const lines = {} as Record<ReadStepId, ReadLine>;
  for (const step of READ_STEPS) lines[step] = { status: 'pending', detail: '' };
  return lines;
}

/** Opens the reading checklist and asks for a diagnosis. */
export function startReading(state: WizardState, identity: string): WizardState {
  const next = withRequest(state, { kind: 'diagnose', identity, purpose: 'read' });
  return {
    ...next,
    identity,
    screen: { kind: 'reading', identity, lines: blankReadLines(), finished: false },
  };
}

export function identityScreen(state: WizardState): WizardState {
  const text = state.identity ?? state.config.identity ?? state.config.suggestedIdentity ?? '';
  return { ...state, request: null, screen: { kind: 'identity', text, error: null } };
}

/** Makes a fresh diagnosis the one being walked; the first one of the run is the "before". */
export function adoptDiagnosis(state: WizardState, diagnosis: Diagnosis): WizardState {
  return { ...state, diagnosis, before: state.before ?? diagnosis, walk: emptyWalk() };
}

export function planScreen(state: WizardState, notice: string | null = null): WizardState {
  return { ...state, request: null, screen: { kind: 'plan', choice: 0, notice } };
}

export function summaryScreen(state: WizardState): WizardState {
  return { ...state, request: null, screen: { kind: 'summary' } };
}

export function errorScreen(
  state: WizardState,
  title: string,
  error: ErrorInfo,
  choices: ErrorChoiceId[],
  back: ErrorChoiceId,
): WizardState {
  return { ...state, request: null, screen: { kind: 'error', title, error, choices, choice: 0, back } };
}

/**
 * Finishing: with the plan half-applied (writes in place, no verified match) and an undo at hand,
 * the leaving screen first says where the user stands and offers to undo (issue 13, point 4);
 * otherwise the summary. `back` is where Escape on the leaving screen goes.
 */
export function finishScreen(state: WizardState, back: 'plan' | 'summary' = 'summary'): WizardState {
  if (state.config.canUndo && !state.config.readOnly && isHalfDone(state)) {
    return { ...state, request: null, screen: { kind: 'leaving', choice: 0, back } };
  }
  return summaryScreen(state);
}

/** Leaving: once anything was attempted the summary comes first, so the undo commands are seen. */
export function leave(state: WizardState): WizardState {
  if (state.outcomes.length > 0 && state.screen.kind !== 'summary') return finishScreen(state);
  return quit(state);
}

export function quit(state: WizardState): WizardState {
  return { ...state, request: null, exit: exitCodeFor(state) };
}

export function cancel(state: WizardState): WizardState {
  return { ...state, request: null, help: false, exit: 130 };
}

/** Starts the step's screen: writes get a confirmation, MANUAL its instructions, sync runs. */
export function openStep(state: WizardState, index: number, step: PlanStep): WizardState {
  if (step.writes) {
    // The reducer never offers a write in read-only mode; this guard keeps it that way.
    if (state.config.readOnly) return planScreen(state);
    return { ...state, screen: { kind: 'confirm', step: index, choice: 0, typed: '', mismatch: false } };
  }
  if (step.action === 'MANUAL') {
    return { ...state, screen: { kind: 'manual', step: index, choice: 0, check: { status: 'idle' } } };
  }
  return startSync(state, index);
}

export function startSync(state: WizardState, index: number): WizardState {
  if (!state.diagnosis) return state;
  const next = withRequest(state, { kind: 'sync', diagnosis: state.diagnosis });
  return { ...next, verdict: null, screen: { kind: 'sync', step: index, progress: null, choice: 0 } };
}

/** Asks for the step's write; only reachable from a confirmation. */
export function startApply(state: WizardState, index: number, step: PlanStep): WizardState {
  if (!state.diagnosis || state.config.readOnly || state.walk.halted || !step.writes) return state;
  const next = withRequest(state, { kind: 'apply', step, diagnosis: state.diagnosis });
  return { ...next, screen: { kind: 'applying', step: index } };
}
