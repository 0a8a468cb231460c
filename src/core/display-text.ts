// Directory values end up on a technician's terminal, and anyone who can edit a displayName can
// put anything in it: ESC starts a terminal command (clear the screen, retitle the window, rewrite
// the clipboard with OSC 52), a carriage return overwrites what was printed, a bidirectional
// override makes one value read as another, a zero-width space hides a difference. Shown, each of
// these becomes a visible escape such as \u001b; the data itself is never changed (issue 8).

// C0 controls except the line feed, DEL, C1 controls (CSI U+009B, OSC U+009D, DCS U+0090 among
// them), zero-width and invisible characters (soft hyphen, Arabic letter mark, Mongolian vowel
// separator, zero-width space/joiners, word joiner, invisible operators, interlinear annotation),
// direction marks, bidirectional embeddings, overrides and isolates, the line and paragraph
// separators and the byte-order mark. Escaping ESC (and C1) defeats every escape sequence: CSI
// (colours and SGR conceal included), OSC (titles, OSC 52 clipboard, OSC 8 links), DCS, APC, PM.
const INVISIBLE =
  '\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2028\\u2029\\u2060-\\u2064\\u2066-\\u2069\\ufeff\\ufff9-\\ufffb';
const UNSAFE = new RegExp(`[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f${INVISIBLE}]`, 'g');

// For finished terminal lines: a tab is harmless, and an SGR sequence (ESC [ digits m) is kept only
// when it is one of the program's own colours (`keep`); every other character above is escaped.
const UNSAFE_ON_TERMINAL = new RegExp(
  `\\u001b\\[[0-9;]*m|[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${INVISIBLE}]`,
  'g',
);

function escape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every control, invisible or direction-changing character shown as \uXXXX. */
export function visibleText(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** Whether `text` holds anything visibleText would escape (identities holding such are refused). */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The one function for text bound for a terminal (issue 14): like visibleText, but keeps tabs and
 * the exact SGR sequences in `keep` (the colours the program itself paints; none when colour is
 * off). A colour or conceal sequence that came with the data is shown as an escape.
 */
export function visibleTerminalText(text: string, keep: ReadonlySet<string> = NONE): string {
  return text.replace(UNSAFE_ON_TERMINAL, (m) =>
    m.length === 1 ? escape(m) : keep.has(m) ? m : m.replace(UNSAFE, escape),
  );
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
