// The cursor of a list of choices: the one pure rule every select in the wizard uses. It clamps
// instead of wrapping, so an extra Down on the last choice never lands on the first one.
import { isDown, isUp, type Key } from './keys.js';

/** The cursor after one key; unchanged for keys that do not move it. */
export function moveCursor(cursor: number, count: number, k: Key): number {
  if (count <= 0) return 0;
  const last = count - 1;
  const at = Math.min(Math.max(cursor, 0), last);
  if (isUp(k)) return Math.max(at - 1, 0);
  if (isDown(k)) return Math.min(at + 1, last);
  if (k.kind === 'home' || k.kind === 'pageUp') return 0;
  if (k.kind === 'end' || k.kind === 'pageDown') return last;
  return at;
}

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
