// The wizard's state machine. Pure: keys and service results in, the next state out. Side effects
// (reading, writing, syncing) happen only where the UI's effects hook sees `state.request`.
import { isScrollKey, keepOrResetScroll, measuredScroll, screenId, scrollBy } from './info-scroll.js';
import type { Key } from './keys.js';
import { onErrorKey, onIdentityKey, onReadingKey, onWarningsKey } from './keys-start.js';
import { onConfirmKey, onFindingsKey, onManualKey, onPlanKey, onSummaryKey, onSyncKey } from './keys-plan.js';
import { onLeavingKey, onUndoKey } from './leaving.js';
import { onResult } from './results.js';
import type { WizardEvent, WizardState } from './state.js';
import { cancel } from './transitions.js';

export function wizardReducer(state: WizardState, event: WizardEvent): WizardState {
  if (state.exit !== null) return state;
  if (event.type === 'cancel') return cancel(state);
  if (event.type === 'measured') return { ...state, info: measuredScroll(state.info, event.page, event.max) };
  const next = event.type === 'key' ? onKey(state, event.key) : onResult(state, event);
  return keepOrResetScroll(state, next, screenId);
}

/**
 * PgUp/PgDn scroll the information wherever ScreenLayout clips it, on every screen and the help
 * (Home/End jump in menus). The findings box and the ticket view scroll their own text with them.
 */
function scrollsInfo(state: WizardState, key: Key): boolean {
  if (!isScrollKey(key)) return false;
  if (state.help) return true;
  if (state.screen.kind === 'findings') return state.screen.raw;
  return !(state.screen.kind === 'summary' && state.showTicket);
}

function onKey(state: WizardState, key: Key): WizardState {
  if (key.kind === 'ctrlC') return cancel(state);
  if (scrollsInfo(state, key)) return { ...state, info: scrollBy(state.info, key) };
  if (state.help) {
    const closes =
      key.kind === 'escape' || key.kind === 'enter' || (key.kind === 'char' && /^[?q]$/i.test(key.char));
    return closes ? { ...state, help: false } : state;
  }
  if (key.kind === 'char' && key.char === '?') return { ...state, help: true };
  const screen = state.screen;
  switch (screen.kind) {
    case 'starting':
    case 'applying':
      // Nothing to choose while the journal is read or a write is under way; Ctrl-C still works.
      return state;
    case 'warnings':
      return onWarningsKey(state, screen, key);
    case 'identity':
      return onIdentityKey(state, screen, key);
    case 'reading':
      return onReadingKey(state, screen, key);
    case 'findings':
      return onFindingsKey(state, screen, key);
    case 'plan':
      return onPlanKey(state, screen, key);
    case 'confirm':
      return onConfirmKey(state, screen, key);
    case 'manual':
      return onManualKey(state, screen, key);
    case 'sync':
      return onSyncKey(state, screen, key);
    case 'summary':
      return onSummaryKey(state, screen, key);
    case 'leaving':
      return onLeavingKey(state, screen, key);
    case 'undo':
      return onUndoKey(state, screen, key);
    case 'error':
      return onErrorKey(state, screen, key);
  }
}
