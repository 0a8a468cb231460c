// The scan screen's state (issue 9): a summary (outcomes and finding codes with counts) and a
// list of users filtered as you type. A pure reducer, one key at a time, like the wizard's: the UI
// only renders this state and feeds it keys, so fast typing never loses a key.
import { isDown, isUp, type Key } from '../wizard/keys.js';

export type ScanScreenChoice =
  /** Enter on a user: open the one-user wizard for the user at this index of the full list. */
  | { kind: 'open'; index: number }
  | { kind: 'quit' }
  | { kind: 'rescan' }
  | { kind: 'cancelled' }
  /** b with users marked: fix them in one batch (positions in the full list, in order). */
  | { kind: 'batch'; indexes: number[] };

export interface ScanScreenState {
  view: 'summary' | 'list';
  /** Highlighted summary row (outcome rows first, then finding codes). */
  summaryCursor: number;
  /**
   * The summary row the list was opened from, matched exactly (`outcome:<outcome>` or
   * `finding:<code>`); null lists everyone. The typed filter searches within it.
   */
  scope: string | null;
  /** Free text, searched in names, outcome, error, findings and target. */
  filter: string;
  /** Position in the filtered list. */
  cursor: number;
  /** Users marked for a batch fix (positions in the full list). */
  marked: ReadonlySet<number>;
  choice: ScanScreenChoice | null;
}

export const initialScanScreen = (): ScanScreenState => ({
  view: 'summary',
  summaryCursor: 0,
  scope: null,
  filter: '',
  cursor: 0,
  marked: new Set(),
  choice: null,
});

/** Marks every one of `indexes`, or unmarks them all when every one is marked already. */
function toggleMarks(marked: ReadonlySet<number>, indexes: readonly number[]): ReadonlySet<number> {
  const next = new Set(marked);
  const all = indexes.length > 0 && indexes.every((i) => marked.has(i));
  for (const i of indexes) {
    if (all) next.delete(i);
    else next.add(i);
  }
  return next;
}

export interface ScanScreenContext {
  /** The exact scope each summary row opens the list with (see `scanScope`). */
  summaryFilters: readonly string[];
  /**
   * Positions (in the full list) of the users in a scope that a filter matches. A function, not a
   * list: keys typed fast arrive together, and an Enter right after them must see the filter they made.
   */
  matchesFor: (scope: string | null, filter: string) => readonly number[];
  /** List rows visible at once (Page Up / Page Down move by this). */
  page: number;
}

function clamp(n: number, count: number): number {
  return count <= 0 ? 0 : Math.min(Math.max(n, 0), count - 1);
}

function moveList(state: ScanScreenState, k: Key, ctx: ScanScreenContext): ScanScreenState | null {
  if (!['up', 'down', 'pageUp', 'pageDown', 'home', 'end'].includes(k.kind)) return null;
  const count = ctx.matchesFor(state.scope, state.filter).length;
  const page = Math.max(ctx.page, 1);
  let cursor: number | null = null;
  if (k.kind === 'up') cursor = state.cursor - 1;
  else if (k.kind === 'down') cursor = state.cursor + 1;
  else if (k.kind === 'pageUp') cursor = state.cursor - page;
  else if (k.kind === 'pageDown') cursor = state.cursor + page;
  else if (k.kind === 'home') cursor = 0;
  else if (k.kind === 'end') cursor = count - 1;
  return cursor === null ? null : { ...state, cursor: clamp(cursor, count) };
}

function listKey(state: ScanScreenState, k: Key, ctx: ScanScreenContext): ScanScreenState {
  const moved = moveList(state, k, ctx);
  if (moved) return moved;
  switch (k.kind) {
    case 'enter': {
      const matches = ctx.matchesFor(state.scope, state.filter);
      const index = matches[clamp(state.cursor, matches.length)];
      return index === undefined ? state : { ...state, choice: { kind: 'open', index } };
    }
    case 'escape':
      return state.filter ? { ...state, filter: '', cursor: 0 } : { ...state, view: 'summary', scope: null };
    case 'tab':
      return { ...state, view: 'summary', scope: null };
    case 'backspace':
      return { ...state, filter: state.filter.slice(0, -1), cursor: 0 };
    case 'clearLine':
      return { ...state, filter: '', cursor: 0 };
    case 'mark': {
      // Ctrl+X marks the highlighted user for a batch fix (and moves on, to mark a run of users).
      const matches = ctx.matchesFor(state.scope, state.filter);
      const index = matches[clamp(state.cursor, matches.length)];
      if (index === undefined) return state;
      return {
        ...state,
        marked: toggleMarks(state.marked, [index]),
        cursor: clamp(state.cursor + 1, matches.length),
      };
    }
    case 'char':
      // Letters are text here (j and k included): the arrows move.
      return { ...state, filter: state.filter + k.char, cursor: 0 };
    default:
      return state;
  }
}

function summaryKey(state: ScanScreenState, k: Key, ctx: ScanScreenContext): ScanScreenState {
  const rows = ctx.summaryFilters.length;
  if (isUp(k)) return { ...state, summaryCursor: clamp(state.summaryCursor - 1, rows) };
  if (isDown(k)) return { ...state, summaryCursor: clamp(state.summaryCursor + 1, rows) };
  if (k.kind === 'home' || k.kind === 'pageUp') return { ...state, summaryCursor: 0 };
  if (k.kind === 'end' || k.kind === 'pageDown') return { ...state, summaryCursor: clamp(rows - 1, rows) };
  if (k.kind === 'enter') {
    const scope = ctx.summaryFilters[clamp(state.summaryCursor, rows)] ?? null;
    return { ...state, view: 'list', scope, filter: '', cursor: 0 };
  }
  if (k.kind === 'tab') return { ...state, view: 'list', scope: null, cursor: 0 };
  if (k.kind === 'escape') return { ...state, choice: { kind: 'quit' } };
  if (k.kind === 'char') {
    const c = k.char.toLowerCase();
    if (c === 'q') return { ...state, choice: { kind: 'quit' } };
    if (c === 'r') return { ...state, choice: { kind: 'rescan' } };
    // m marks the whole class under the cursor (an outcome or a finding code); again unmarks it.
    if (c === 'm') {
      const filter = ctx.summaryFilters[clamp(state.summaryCursor, rows)];
      return filter === undefined
        ? state
        : { ...state, marked: toggleMarks(state.marked, ctx.matchesFor(filter, '')) };
    }
    if (c === 'b' && state.marked.size > 0) {
      return { ...state, choice: { kind: 'batch', indexes: [...state.marked].sort((a, b) => a - b) } };
    }
    if (c === '/') return { ...state, view: 'list', scope: null, filter: '', cursor: 0 };
    // Any other character starts a search in the whole list.
    if (k.char.trim()) return { ...state, view: 'list', scope: null, filter: k.char, cursor: 0 };
  }
  return state;
}

/** The state after one key; keys after a choice change nothing. */
export function scanScreenReducer(
  state: ScanScreenState,
  action: { key: Key; context: ScanScreenContext },
): ScanScreenState {
  if (state.choice) return state;
  const { key: k, context } = action;
  if (k.kind === 'ctrlC') return { ...state, choice: { kind: 'cancelled' } };
  return state.view === 'list' ? listKey(state, k, context) : summaryKey(state, k, context);
}
