// Keys on the screens before the findings: warnings, identity, reading, and the error screen.
import { parseIdentity } from '../identity-input.js';
import { UserFacingError } from '../errors.js';
import { errorChoices } from './choices.js';
import { isBack, type Key } from './keys.js';
import { leaveIdentity } from './navigation.js';
import { moveCursor } from './select.js';
import type { ErrorChoiceId, Screen, WizardState } from './state.js';
import { finishScreen, identityScreen, leave, quit, startReading, startSync } from './transitions.js';

type On<K extends Screen['kind']> = (
  state: WizardState,
  screen: Extract<Screen, { kind: K }>,
  key: Key,
) => WizardState;

/** After the warnings (if any): the identity prompt, or straight to reading when one was given. */
export function afterStart(state: WizardState): WizardState {
  const given = state.config.identity?.trim();
  return given ? startReading(state, given) : identityScreen(state);
}

export const onWarningsKey: On<'warnings'> = (state, _screen, key) => {
  if (key.kind === 'enter') return afterStart(state);
  if (isBack(key)) return quit(state);
  return state;
};

export const onIdentityKey: On<'identity'> = (state, screen, key) => {
  switch (key.kind) {
    case 'escape':
      return leaveIdentity(state);
    case 'enter':
      return submitIdentity(state, screen.text);
    case 'backspace':
      return { ...state, screen: { ...screen, text: [...screen.text].slice(0, -1).join(''), error: null } };
    case 'clearLine':
      return { ...state, screen: { ...screen, text: '', error: null } };
    case 'char':
      return { ...state, screen: { ...screen, text: screen.text + key.char, error: null } };
    default:
      return state;
  }
};

function submitIdentity(state: WizardState, text: string): WizardState {
  try {
    const parsed = parseIdentity(text);
    return startReading(state, parsed.input);
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    const screen = { kind: 'identity' as const, text, error: { message: error.message, hint: error.hint } };
    return { ...state, screen };
  }
}

export const onReadingKey: On<'reading'> = (state, screen, key) => {
  // Reading only reads: backing out abandons it (the effects hook aborts it).
  if (isBack(key)) return identityScreen(state);
  if (key.kind === 'enter' && screen.finished) {
    return { ...state, screen: { kind: 'findings', cursor: 0, raw: false } };
  }
  return state;
};

export const onErrorKey: On<'error'> = (state, screen, key) => {
  if (isBack(key)) return chooseError(state, screen.back);
  if (key.kind === 'enter') {
    const id = screen.choices[screen.choice];
    return id ? chooseError(state, id) : state;
  }
  const choice = moveCursor(screen.choice, errorChoices(screen.choices).length, key);
  return { ...state, screen: { ...screen, choice } };
};

function chooseError(state: WizardState, id: ErrorChoiceId): WizardState {
  const cleared = { ...state, failure: null };
  switch (id) {
    case 'retryDiagnose':
    case 'reread':
      return state.identity ? startReading(cleared, state.identity) : identityScreen(cleared);
    case 'identity':
      return identityScreen(cleared);
    case 'retrySync':
      return startSync(cleared, state.walk.next);
    case 'finish':
      return state.diagnosis ? finishScreen(state) : quit(state);
    case 'quit':
      return leave(state);
  }
}
