// A key as the wizard understands it, independent of the terminal library. The UI turns each chunk
// of terminal input into a list of these and sends them one by one, so a fast "Down Down Enter"
// arriving in one read is three keys, never one lost key.

export type NamedKey =
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  /** Shift+↑ / Shift+↓: scroll a screen's text one line (PgUp/PgDn: a page). */
  | 'lineUp'
  | 'lineDown'
  | 'home'
  | 'end'
  | 'enter'
  | 'escape'
  | 'backspace'
  | 'tab'
  | 'clearLine'
  /** Ctrl+X: mark or unmark a user on the scan screen (for a batch fix). */
  | 'mark'
  | 'ctrlC';

export type Key = { kind: NamedKey } | { kind: 'char'; char: string };

export const key = (kind: NamedKey): Key => ({ kind });
export const char = (c: string): Key => ({ kind: 'char', char: c });

/** True for the given letter (as typed, case-insensitive) or named key. */
export function isChar(k: Key, c: string): boolean {
  return k.kind === 'char' && k.char.toLowerCase() === c;
}

/** Up, or k (vi style), as the issue asks. */
export const isUp = (k: Key): boolean => k.kind === 'up' || isChar(k, 'k');
export const isDown = (k: Key): boolean => k.kind === 'down' || isChar(k, 'j');
/** Escape or q: go back one screen. */
export const isBack = (k: Key): boolean => k.kind === 'escape' || isChar(k, 'q');
