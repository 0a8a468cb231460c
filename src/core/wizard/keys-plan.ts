// Keys from the findings to the summary. Escape (or q) always backs out; nothing here writes: a
// write is only ever requested by Enter on a confirmation (startApply).
import { ticketOf } from '../ticket/of-state.js';
import { ticketText } from '../ticket/render.js';
import { adoptAlternative } from './alternative.js';
import { confirmChoices, manualChoices, planChoices, syncChoices } from './choices.js';
import { onSummaryChoiceKey } from './navigation.js';
import { isScrollKey, scrollDirection } from './info-scroll.js';
import { isBack, isChar, isDown, isUp, type Key } from './keys.js';
import { isMenuKey, moveCursor } from './select.js';
import type { Screen, WizardState } from './state.js';
import {
  finishScreen,
  identityScreen,
  leave,
  openStep,
  planScreen,
  startApply,
  startReading,
  summaryScreen,
  withRequest,
} from './transitions.js';
import { confirmationMatches, nextStep, orderedFindings, stepAt } from './walk.js';

type On<K extends Screen['kind']> = (
  state: WizardState,
  screen: Extract<Screen, { kind: K }>,
  key: Key,
) => WizardState;

export const onFindingsKey: On<'findings'> = (state, screen, key) => {
  if (isChar(key, 'r')) return { ...state, screen: { ...screen, raw: !screen.raw } };
  if (key.kind === 'enter') return planScreen(state);
  if (isBack(key)) {
    // The raw view is a layer over the findings: back closes it first.
    if (screen.raw) return { ...state, screen: { ...screen, raw: false } };
    return state.outcomes.length > 0 ? leave(state) : identityScreen(state);
  }
  const findings = orderedFindings(state.diagnosis);
  if (!screen.raw && isScrollKey(key)) {
    // The explanation box scrolls by entries: the message, then each evidence line.
    // (One level of nested objects shows as one line per key, as the findings screen lists them.)
    const entries = Object.values(findings[screen.cursor]?.evidence ?? {}).reduce<number>(
      (n, v) => n + (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).length : 1),
      0,
    );
    const detail = Math.min(Math.max((screen.detail ?? 0) + scrollDirection(key), 0), entries);
    return { ...state, screen: { ...screen, detail } };
  }
  const cursor = moveCursor(screen.cursor, findings.length, key);
  return { ...state, screen: { ...screen, cursor, detail: cursor === screen.cursor ? screen.detail : 0 } };
};

export const onPlanKey: On<'plan'> = (state, screen, key) => {
  const choices = planChoices(state);
  if (isBack(key)) return { ...state, screen: { kind: 'findings', cursor: 0, raw: false } };
  if (key.kind !== 'enter') {
    return { ...state, screen: { ...screen, choice: moveCursor(screen.choice, choices.length, key) } };
  }
  switch (choices[screen.choice]?.id) {
    case 'next': {
      const next = nextStep(state);
      return next ? openStep(state, next.index, next.step) : state;
    }
    case 'back':
      return { ...state, screen: { kind: 'findings', cursor: 0, raw: false } };
    case 'finish':
      return finishScreen(state, 'plan');
    case 'reread':
      return state.identity ? startReading(state, state.identity) : identityScreen(state);
    case 'restore':
      return adoptAlternative(state);
    default:
      return state;
  }
};

/** p (or Tab, where letters are typed text) shows or hides the step's PowerShell. */
const togglePowerShell = (state: WizardState): WizardState => ({
  ...state,
  showPowerShell: !state.showPowerShell,
});

export const onConfirmKey: On<'confirm'> = (state, screen, key) => {
  const step = stepAt(state, screen.step);
  if (!step || key.kind === 'escape') return planScreen(state, 'Nothing was written.');
  if (key.kind === 'tab') return togglePowerShell(state);
  if (!step.reversible) {
    // Typed confirmation: every key is text, so q and j/k cannot be used to move or leave here.
    switch (key.kind) {
      case 'char':
        return { ...state, screen: { ...screen, typed: screen.typed + key.char, mismatch: false } };
      case 'backspace':
        return {
          ...state,
          screen: { ...screen, typed: [...screen.typed].slice(0, -1).join(''), mismatch: false },
        };
      case 'clearLine':
        return { ...state, screen: { ...screen, typed: '', mismatch: false } };
      case 'enter':
        return confirmationMatches(step, screen.typed)
          ? startApply(state, screen.step, step)
          : { ...state, screen: { ...screen, mismatch: true } };
      default:
        return state;
    }
  }
  if (isBack(key)) return planScreen(state, 'Nothing was written.');
  if (isChar(key, 'p')) return togglePowerShell(state);
  const choices = confirmChoices();
  if (key.kind !== 'enter') {
    return { ...state, screen: { ...screen, choice: moveCursor(screen.choice, choices.length, key) } };
  }
  return choices[screen.choice]?.id === 'apply'
    ? startApply(state, screen.step, step)
    : planScreen(state, 'Nothing was written.');
};

export const onManualKey: On<'manual'> = (state, screen, key) => {
  // Backing out of a check abandons the reading (it only reads).
  if (isBack(key)) return planScreen(state);
  if (key.kind === 'tab' || isChar(key, 'p')) return togglePowerShell(state);
  if (screen.check.status === 'checking') return state;
  const step = stepAt(state, screen.step);
  const choices = manualChoices(state, step);
  if (key.kind !== 'enter') {
    return { ...state, screen: { ...screen, choice: moveCursor(screen.choice, choices.length, key) } };
  }
  if (choices[screen.choice]?.id === 'back') return planScreen(state);
  if (!state.identity) return state;
  if (choices[screen.choice]?.id === 'lab' && step?.manual?.lab) {
    const next = withRequest(state, { kind: 'labApply', identity: state.identity, actions: step.manual.lab });
    return { ...next, screen: { ...screen, check: { status: 'checking' } } };
  }
  const next = withRequest(state, { kind: 'diagnose', identity: state.identity, purpose: 'check' });
  return { ...next, screen: { ...screen, check: { status: 'checking' } } };
};

export const onSyncKey: On<'sync'> = (state, screen, key) => {
  if (!state.verdict) {
    // Stop waiting: the trigger may already have been sent, so say so; nothing more is written.
    if (!isBack(key)) return state;
    const outcome = {
      action: 'TRIGGER_DELTA_SYNC' as const,
      status: 'skipped' as const,
      detail: 'You stopped waiting for the sync; it may still run. Check the user again later.',
    };
    const walk = { ...state.walk, halted: 'stopped' as const };
    return summaryScreen({ ...state, walk, outcomes: [...state.outcomes, outcome] });
  }
  const choices = syncChoices(state);
  if (isBack(key)) return finishScreen(state);
  if (isMenuKey(key)) {
    return { ...state, screen: { ...screen, choice: moveCursor(screen.choice, choices.length, key) } };
  }
  if (key.kind !== 'enter') return state;
  if (choices[screen.choice]?.id === 'reread' && state.identity) {
    return startReading({ ...state, verdict: null }, state.identity);
  }
  return finishScreen(state);
};

export const onSummaryKey: On<'summary'> = (state, screen, key) => {
  if (isChar(key, 't')) return { ...state, showTicket: !state.showTicket, ticketScroll: 0 };
  // The ticket is a view over the summary: back closes it first (Esc goes back one screen).
  if (state.showTicket && isBack(key)) return { ...state, showTicket: false, ticketScroll: 0 };
  if (state.showTicket) {
    // ↑↓ (or Shift+↑↓) a line, PgUp/PgDn ten.
    const page = key.kind === 'pageUp' || key.kind === 'pageDown' ? 10 : 1;
    const step = isUp(key) ? -1 : isDown(key) ? 1 : scrollDirection(key) * page;
    if (step !== 0) {
      const last = Math.max(0, ticketText(ticketOf(state)).split('\n').length - 1);
      return { ...state, ticketScroll: Math.min(last, Math.max(0, (state.ticketScroll ?? 0) + step)) };
    }
  }
  return onSummaryChoiceKey(state, screen, key);
};
