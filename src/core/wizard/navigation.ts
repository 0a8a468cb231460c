// Where the wizard goes after a user's summary, and back from its first screen: another user in
// the same session, another lab scenario (back to the picker), or quit. Escape goes back one
// screen; from the identity prompt that is the picker the scenario was chosen in.
import type { Choice } from './choices.js';
import { isBack, type Key } from './keys.js';
import { initialWizardState } from './init.js';
import { isMenuKey, moveCursor } from './select.js';
import type { WizardState } from './state.js';
import { identityScreen, quit } from './transitions.js';
import { exitCodeFor } from './walk.js';

export type SummaryChoiceId = 'anotherUser' | 'anotherScenario' | 'quit';

export function summaryChoices(state: WizardState): Choice<SummaryChoiceId>[] {
  // Quit first: Enter on the summary still ends the run, as it always did.
  return [
    { id: 'quit', label: 'Quit' },
    { id: 'anotherUser', label: 'Another user' },
    ...(state.config.picker ? [{ id: 'anotherScenario' as const, label: 'Another scenario' }] : []),
  ];
}

/** A fresh walk in the same session, at an empty identity prompt. */
export function anotherUser(state: WizardState): WizardState {
  const config = { ...state.config, identity: undefined, suggestedIdentity: undefined };
  const fresh = initialWizardState(config);
  return identityScreen({ ...fresh, lastRequestId: state.lastRequestId });
}

/** Leaves the wizard for the lab's picker (the caller shows it again). */
export function backToPicker(state: WizardState): WizardState {
  return { ...state, request: null, help: false, leaveTo: 'picker', exit: exitCodeFor(state) };
}

/** Escape on the identity prompt: back to the picker when there is one, else quit. */
export function leaveIdentity(state: WizardState): WizardState {
  return state.config.picker ? backToPicker(state) : quit(state);
}

export function onSummaryChoiceKey(
  state: WizardState,
  screen: { kind: 'summary'; choice?: number },
  key: Key,
): WizardState {
  const choices = summaryChoices(state);
  const at = Math.min(screen.choice ?? 0, choices.length - 1);
  if (isBack(key)) return quit(state);
  if (isMenuKey(key)) {
    return { ...state, screen: { ...screen, choice: moveCursor(at, choices.length, key) } };
  }
  if (key.kind !== 'enter') return state;
  switch (choices[at]?.id) {
    case 'anotherUser':
      return anotherUser(state);
    case 'anotherScenario':
      return backToPicker(state);
    default:
      return quit(state);
  }
}
