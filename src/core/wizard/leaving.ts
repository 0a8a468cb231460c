// Leaving mid-procedure (issue 13, point 4): the leaving screen says what state the user is left in
// and offers to undo this run's writes, newest first; each undo is previewed from the journal and
// confirmed like any write, then carried out by the journalled undo path (app/undo.ts).
import type { StepOutcome, UndoPreview } from '../run-results.js';
import type { Choice } from './choices.js';
import { remainingWrites } from './half-done.js';
import { isBack, type Key } from './keys.js';
import { moveCursor } from './select.js';
import type { Screen, WizardState } from './state.js';
import { planScreen, summaryScreen, withRequest } from './transitions.js';

export type LeavingChoiceId = 'undo' | 'keep' | 'back';
export type UndoChoiceId = 'apply' | 'skip' | 'stop';

export function leavingChoices(state: WizardState): Choice<LeavingChoiceId>[] {
  const n = remainingWrites(state).length;
  const back = state.screen.kind === 'leaving' && state.screen.back === 'plan';
  return [
    {
      id: 'undo',
      label:
        n === 1 ? 'Undo the write (confirmed first)' : `Undo the ${n} writes, newest first (each confirmed)`,
    },
    { id: 'keep', label: 'Leave it as it is: show the summary' },
    ...(back ? [{ id: 'back' as const, label: 'Back to the plan' }] : []),
  ];
}

export function undoChoices(preview: UndoPreview | null): Choice<UndoChoiceId>[] {
  if (!preview) return [];
  if (!preview.ok) {
    return [
      { id: 'skip', label: 'Go on with the older writes' },
      { id: 'stop', label: 'Stop undoing: show the summary' },
    ];
  }
  return [
    { id: 'apply', label: 'Undo this write' },
    { id: 'stop', label: 'Keep it and stop undoing: show the summary' },
  ];
}

/** Starts undoing: the writes still in place, newest first; the first one is previewed. */
function startUndo(state: WizardState): WizardState {
  const queue = remainingWrites(state)
    .map((o) => o.journalId!)
    .reverse();
  return previewNext(state, queue);
}

function previewNext(state: WizardState, queue: string[]): WizardState {
  const first = queue[0];
  if (first === undefined) return summaryScreen(state);
  const next = withRequest(state, { kind: 'previewUndo', journalId: first });
  return { ...next, screen: { kind: 'undo', queue, preview: null, choice: 0, applying: false } };
}

export function onLeavingKey(
  state: WizardState,
  screen: Extract<Screen, { kind: 'leaving' }>,
  key: Key,
): WizardState {
  const back = () => (screen.back === 'plan' ? planScreen(state) : summaryScreen(state));
  if (isBack(key)) return back();
  const choices = leavingChoices(state);
  if (key.kind !== 'enter') {
    return { ...state, screen: { ...screen, choice: moveCursor(screen.choice, choices.length, key) } };
  }
  switch (choices[screen.choice]?.id) {
    case 'undo':
      return startUndo(state);
    case 'back':
      return back();
    default:
      return summaryScreen(state);
  }
}

export function onUndoKey(
  state: WizardState,
  screen: Extract<Screen, { kind: 'undo' }>,
  key: Key,
): WizardState {
  // An undo under way finishes (it is journalled); Ctrl-C still works. Reading a preview can be left.
  if (screen.applying) return state;
  if (isBack(key)) return summaryScreen(state);
  const choices = undoChoices(screen.preview);
  if (key.kind !== 'enter') {
    return { ...state, screen: { ...screen, choice: moveCursor(screen.choice, choices.length, key) } };
  }
  switch (choices[screen.choice]?.id) {
    case 'apply': {
      if (state.config.readOnly || !screen.preview?.ok) return state;
      const next = withRequest(state, { kind: 'undo', journalId: screen.preview.journalId });
      return { ...next, screen: { ...screen, applying: true } };
    }
    case 'skip':
      return previewNext(state, screen.queue.slice(1));
    case 'stop':
      return summaryScreen(state);
    default:
      return state;
  }
}

export function onUndoPreviewed(state: WizardState, preview: UndoPreview): WizardState {
  if (state.screen.kind !== 'undo') return { ...state, request: null };
  return { ...state, request: null, screen: { ...state.screen, preview, choice: 0 } };
}

/** An undo's outcome: recorded (pointing at the write it reverts); on to the next, or the summary. */
export function onUndone(state: WizardState, outcome: StepOutcome): WizardState {
  if (state.screen.kind !== 'undo') return { ...state, request: null };
  const journalId = state.screen.queue[0];
  const recorded: StepOutcome = {
    ...outcome,
    ...(journalId ? { undoOf: journalId } : {}),
    detail: `Undo of ${journalId ?? 'a write'}: ${outcome.detail}`,
  };
  const next = { ...state, request: null, outcomes: [...state.outcomes, recorded] };
  // A failed undo stops here: undoing an older write under a newer one could leave a worse state.
  if (outcome.status !== 'done') return summaryScreen(next);
  return previewNext(next, state.screen.queue.slice(1));
}
