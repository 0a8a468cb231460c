// Directory values end up on a technician's terminal, and anyone who can edit a displayName can
// put anything in it: ESC starts a terminal command (clear the screen, retitle the window, rewrite
// the clipboard with OSC 52), a carriage return overwrites what was printed, a bidirectional
// override makes one value read as another, a zero-width space hides a difference. Shown, each of
// these becomes a visible escape such as \u001b; the data itself is never changed (issue 8).

// C0 controls except the line feed, DEL, C1 controls, zero-width characters and direction marks,
// bidirectional embeddings, overrides and isolates, the word joiner and the byte-order mark.
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

// The same, but a tab is harmless on a plain terminal, and the colour codes the program itself
// paints (SGR: ESC [ digits m) pass; anything else starting with ESC is escaped.
const UNSAFE_ON_TERMINAL =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

function escape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every control, invisible or direction-changing character shown as \uXXXX. */
export function visibleText(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** For finished terminal output: like visibleText, but keeps tabs and SGR colour sequences. */
export function visibleTerminalText(text: string): string {
  return text.replace(UNSAFE_ON_TERMINAL, (m) => (m.length > 1 ? m : escape(m)));
}

/**
 * Every string inside `value` (objects and arrays, however deep) made visible. Parts that need no
 * change are returned as they are, so an ordinary value comes back as the very same object.
 */
export function visibleDeep<T>(value: T): T {
  return visit(value, new Map()) as T;
}

function visit(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value === 'string') return visibleText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  seen.set(value, value);
  let changed = false;
  let out: unknown;
  if (Array.isArray(value)) {
    const items = value.map((item) => {
      const v = visit(item, seen);
      if (v !== item) changed = true;
      return v;
    });
    out = changed ? items : value;
  } else {
    if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
      return value; // class instances (Date, errors, signals): shown through their own text
    }
    const entries = Object.entries(value).map(([k, item]) => {
      const v = visit(item, seen);
      if (v !== item) changed = true;
      return [k, v] as const;
    });
    out = changed ? Object.fromEntries(entries) : value;
  }
  seen.set(value, out);
  return out;
}
