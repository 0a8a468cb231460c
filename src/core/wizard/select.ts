// The cursor of a list of choices: the one pure rule every select in the wizard uses. It clamps
// instead of wrapping, so an extra Down on the last choice never lands on the first one. Home and
// End jump to the first and last choice.
import { isDown, isUp, type Key } from './keys.js';

/** The cursor after one key; unchanged for keys that do not move it. */
export function moveCursor(cursor: number, count: number, k: Key): number {
  if (count <= 0) return 0;
  const last = count - 1;
  const at = Math.min(Math.max(cursor, 0), last);
  if (isUp(k)) return Math.max(at - 1, 0);
  if (isDown(k)) return Math.min(at + 1, last);
  // PgUp/PgDn are not menu keys: they scroll a screen's text (info-scroll.ts) wherever it is clipped.
  if (k.kind === 'home') return 0;
  if (k.kind === 'end') return last;
  return at;
}

/** The keys that move a menu's cursor: ↑↓ (jk) a choice, Home/End to the first or last. */
export const isMenuKey = (k: Key): boolean => isUp(k) || isDown(k) || k.kind === 'home' || k.kind === 'end';

export interface SelectState {
  cursor: number;
  /** Index chosen with Enter, once. */
  chosen: number | null;
  /** Escape or q was pressed. */
  cancelled: boolean;
}

export const initialSelect = (cursor = 0): SelectState => ({ cursor, chosen: null, cancelled: false });

/** A standalone select: keys after a choice or a cancel change nothing. */
export function selectReducer(state: SelectState, action: { key: Key; count: number }): SelectState {
  if (state.chosen !== null || state.cancelled) return state;
  const { key: k, count } = action;
  if (k.kind === 'enter') return count > 0 ? { ...state, chosen: state.cursor } : state;
  if (k.kind === 'escape' || (k.kind === 'char' && k.char.toLowerCase() === 'q')) {
    return { ...state, cancelled: true };
  }
  return { ...state, cursor: moveCursor(state.cursor, count, k) };
}
