// The setup wizard as a pure reducer: keys and the save's outcome are events; the state says which
// question is open, what has been typed, and when to exit. Every key of a fast chunk arrives as
// its own event (ui/keys.ts), so typing ahead never loses a character.
import { isScrollKey, keepOrResetScroll, measuredScroll, scrollBy } from '../../core/wizard/info-scroll.js';
import type { Key } from '../../core/wizard/keys.js';
import { isMenuKey, moveCursor } from '../../core/wizard/select.js';
import type { InfoScroll } from '../../core/wizard/state.js';
import { visibleQuestions, type Question, type SetupAnswers } from './questions.js';

export const REVIEW_CHOICES = [
  { value: 'save-check', label: 'Save, then test every connection' },
  { value: 'save', label: 'Save' },
  { value: 'change', label: 'Change an answer (from the first question; answers kept)' },
  { value: 'cancel', label: 'Cancel without saving' },
] as const;

export interface SetupState {
  stage: 'ask' | 'review' | 'saving' | 'saved' | 'cancelled';
  questionId: string;
  answers: SetupAnswers;
  /** What is typed in the open text question. */
  text: string;
  /** The highlighted choice (open choice question, or the review). */
  cursor: number;
  error: string | null;
  /** Why the last save was refused. */
  problems: string[];
  runCheck: boolean;
  savedPath: string | null;
  /** The `?` overlay is open (as in the wizard: Esc, Enter, q or ? close it). */
  help?: boolean;
  /** What does not fit scrolled with PgUp/PgDn, Shift+↑↓ (as in the wizard, info-scroll.ts). */
  info?: InfoScroll;
}

export type SetupAction =
  | { type: 'key'; key: Key }
  | { type: 'saved'; path: string }
  | { type: 'saveFailed'; problems: string[] }
  | { type: 'cancel' }
  | { type: 'measured'; page: number; max: number };

export interface SetupDeps {
  questions: readonly Question[];
  /** A sentence when the value is not acceptable for this question. */
  validate: (id: string, value: string, answers: SetupAnswers) => string | null;
}

export function initialSetupState(deps: SetupDeps, answers: SetupAnswers): SetupState {
  const first = visibleQuestions(deps.questions, answers)[0]!;
  return open(
    {
      stage: 'ask',
      questionId: first.id,
      answers,
      text: '',
      cursor: 0,
      error: null,
      problems: [],
      runCheck: false,
      savedPath: null,
    },
    first,
  );
}

function open(state: SetupState, q: Question): SetupState {
  const value = state.answers[q.id];
  if (q.kind === 'choice') {
    const at = q.choices.findIndex((c) => c.value === value);
    return { ...state, stage: 'ask', questionId: q.id, text: '', cursor: Math.max(at, 0), error: null };
  }
  return {
    ...state,
    stage: 'ask',
    questionId: q.id,
    text: value ?? q.initial?.(state.answers) ?? '',
    cursor: 0,
    error: null,
  };
}

/** Which view is on: another one starts scrolled to the top. */
const setupView = (s: SetupState) => `${s.stage}:${s.questionId}${s.help ? ':help' : ''}`;

export function setupReducer(state: SetupState, action: SetupAction, deps: SetupDeps): SetupState {
  if (action.type === 'measured')
    return { ...state, info: measuredScroll(state.info, action.page, action.max) };
  return keepOrResetScroll(state, reduce(state, action, deps), setupView);
}

function reduce(
  state: SetupState,
  action: Exclude<SetupAction, { type: 'measured' }>,
  deps: SetupDeps,
): SetupState {
  if (state.stage === 'saved' || state.stage === 'cancelled') return state;
  if (action.type === 'cancel') return { ...state, stage: 'cancelled' };
  if (action.type === 'saved') return { ...state, stage: 'saved', savedPath: action.path };
  if (action.type === 'saveFailed')
    return { ...state, stage: 'review', problems: action.problems, cursor: 2 };
  const k = action.key;
  if (k.kind === 'ctrlC') return { ...state, stage: 'cancelled' };
  if (state.stage === 'saving') return state;
  if (isScrollKey(k)) return { ...state, info: scrollBy(state.info, k) };
  // As in the wizard: `?` opens the help on every screen; Esc, Enter, q or ? close it.
  if (state.help) {
    const closes = k.kind === 'escape' || k.kind === 'enter' || (k.kind === 'char' && /^[?q]$/i.test(k.char));
    return closes ? { ...state, help: false } : state;
  }
  if (k.kind === 'char' && k.char === '?') return { ...state, help: true };
  if (state.stage === 'review') return review(state, k, deps);
  const questions = visibleQuestions(deps.questions, state.answers);
  const index = questions.findIndex((q) => q.id === state.questionId);
  const q = questions[index];
  if (!q) return state;
  // Esc goes back one question; on the first one it leaves, as the wizard's first screen does.
  if (k.kind === 'escape')
    return index > 0 ? open(state, questions[index - 1]!) : { ...state, stage: 'cancelled' };
  if (q.kind === 'choice') {
    if (k.kind === 'enter') return submit(state, q, q.choices[state.cursor]!.value, deps);
    return { ...state, cursor: moveCursor(state.cursor, q.choices.length, k) };
  }
  switch (k.kind) {
    case 'enter':
      return submit(state, q, state.text.trim(), deps);
    case 'backspace':
      return { ...state, text: [...state.text].slice(0, -1).join(''), error: null };
    case 'clearLine':
      return { ...state, text: '', error: null };
    case 'char':
      return { ...state, text: state.text + k.char, error: null };
    default:
      return state;
  }
}

function submit(state: SetupState, q: Question, value: string, deps: SetupDeps): SetupState {
  if (q.kind === 'text' && value === '' && !q.optional)
    return { ...state, error: 'An answer is needed here.' };
  const error = value === '' ? null : deps.validate(q.id, value, state.answers);
  if (error) return { ...state, error };
  const answers = { ...state.answers, [q.id]: value };
  const questions = visibleQuestions(deps.questions, answers);
  const next = questions[questions.findIndex((x) => x.id === q.id) + 1];
  if (next) return open({ ...state, answers }, next);
  return { ...state, answers, stage: 'review', cursor: 0, error: null, problems: [] };
}

function review(state: SetupState, k: Key, deps: SetupDeps): SetupState {
  if (isMenuKey(k)) {
    return { ...state, cursor: moveCursor(state.cursor, REVIEW_CHOICES.length, k) };
  }
  if (k.kind === 'escape') {
    const questions = visibleQuestions(deps.questions, state.answers);
    return open(state, questions[questions.length - 1]!);
  }
  if (k.kind !== 'enter') return state;
  switch (REVIEW_CHOICES[state.cursor]!.value) {
    case 'save-check':
      return { ...state, stage: 'saving', runCheck: true, problems: [] };
    case 'save':
      return { ...state, stage: 'saving', runCheck: false, problems: [] };
    case 'change':
      return open(state, visibleQuestions(deps.questions, state.answers)[0]!);
    default:
      return { ...state, stage: 'cancelled' };
  }
}

/** Answers of questions that no longer apply are dropped (a secret source for another method). */
export function relevantAnswers(questions: readonly Question[], answers: SetupAnswers): SetupAnswers {
  const ids = new Set(visibleQuestions(questions, answers).map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => ids.has(id)));
}
