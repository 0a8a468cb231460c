// Word wrapping done by the app, not by the terminal or Ink's `wrap` (which keeps the space a line
// broke at, so continuation lines start with a stray space, and cuts values anywhere):
// - lines break at spaces, and the space is dropped (no line starts with a space unless the text's
//   own line does: indentation is kept and continuation lines get the same indent);
// - a token that fits on a line is never split: it moves to the next line whole;
// - a token longer than a whole line (a long DN, a URL) breaks after a separator it contains
//   (`,` `;` `/` `=` `&` `|` `.` `@` `-` `_` `:`), one between parts (`/` `,` `=` `@` …) rather
//   than one inside a GUID or host name (`-` `.` `_`), and only without one at the width;
// - widths are display columns (wide characters count 2), measured as Ink measures them.
import stringWidth from 'string-width';

const SEPARATOR = /[,;/=&|.@\-_:]/;
/** The separators between a value's parts (a path's, a DN's, an address's). */
const PART = /[,;/=&|@:]/;

/** Splits a token wider than `width` after separators (else at the width), each piece ≤ width. */
function breakToken(token: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = token;
  while (stringWidth(rest) > width) {
    const chars = [...rest];
    let fit = 0;
    let used = 0;
    while (fit < chars.length && used + stringWidth(chars[fit]!) <= width) used += stringWidth(chars[fit++]!);
    // After the last separator between parts that fits, else the last separator that fits.
    const after = (re: RegExp) => {
      for (let i = fit; i > Math.floor(fit / 3); i--) if (re.test(chars[i - 1]!)) return i;
      return 0;
    };
    let cut = after(PART) || after(SEPARATOR) || fit;
    if (cut === 0) cut = 1;
    pieces.push(chars.slice(0, cut).join(''));
    rest = chars.slice(cut).join('');
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** The text as lines at most `width` columns wide (see the rules above). */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(width, 1);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    const indent = /^ */.exec(paragraph)![0].slice(0, Math.max(w - 10, 0));
    const body = paragraph.slice(indent.length);
    const room = w - indent.length;
    const tokens = body.split(/ +/).filter((t) => t.length > 0);
    if (tokens.length === 0) {
      out.push('');
      continue;
    }
    let line = '';
    let lineWidth = 0;
    const flush = () => {
      out.push(indent + line);
      line = '';
      lineWidth = 0;
    };
    for (const token of tokens) {
      const tw = stringWidth(token);
      if (line && lineWidth + 1 + tw <= room) {
        line += ` ${token}`;
        lineWidth += 1 + tw;
        continue;
      }
      if (line) flush();
      if (tw <= room) {
        line = token;
        lineWidth = tw;
        continue;
      }
      const pieces = breakToken(token, room);
      for (const piece of pieces.slice(0, -1)) out.push(indent + piece);
      line = pieces[pieces.length - 1]!;
      lineWidth = stringWidth(line);
    }
    if (line) flush();
  }
  return out;
}

/**
 * At most `maxLines` of the wrapped text; when some are left out, the last line shown ends with
 * "…" and says how many more (never a silent cut).
 */
export function wrapWithin(text: string, width: number, maxLines: number): string[] {
  const lines = wrapText(text, width);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(maxLines, 1));
  const more = lines.length - kept.length;
  const marker = ` … (+${more} more)`;
  const last = kept[kept.length - 1]!;
  const words = last.split(' ');
  let cut = last;
  while (stringWidth(cut + marker) > width && words.length > 1) {
    words.pop();
    cut = words.join(' ');
  }
  kept[kept.length - 1] =
    stringWidth(cut + marker) <= width ? cut + marker : `${cut.slice(0, Math.max(width - 1, 0))}…`;
  return kept;
}

export { stringWidth };

/**
 * A paragraph after a first-line prefix (a label, a bullet, a mark): the first line starts with
 * the prefix, continuation lines with as many spaces, so the text stays aligned under its first
 * line. Returns [prefix or its indent, text] pairs, so a caller can style the two parts apart.
 */
export function wrapHanging(prefix: string, text: string, width: number): Array<[string, string]> {
  const pw = stringWidth(prefix);
  // A prefix that would leave less than 12 columns: the text goes under it, indented by 2.
  if (width - pw < 12) {
    const rest = wrapText(text, Math.max(width - 2, 1)).map((l): [string, string] => ['  ', l]);
    return [[prefix.trimEnd(), ''], ...rest];
  }
  const pad = ' '.repeat(pw);
  return wrapText(text, width - pw).map((line, i): [string, string] => [i === 0 ? prefix : pad, line]);
}

/** The end of a typed value that fits `width` columns with its cursor, "…" in front when cut. */
export function inputTail(text: string, width: number): string {
  const room = Math.max(width - 1, 2);
  if (stringWidth(text) <= room) return text;
  const chars = [...text];
  let out = '';
  for (let i = chars.length - 1; i >= 0 && stringWidth(`…${chars[i]}${out}`) <= room; i--)
    out = chars[i] + out;
  return `…${out}`;
}

/**
 * A preformatted line (the ticket's, a help line) wrapped so its own columns hold: a leading label
 * followed by two or more spaces ("  DN          CN=…"), a list number ("  1. ") or a dash ("  - ")
 * becomes a hanging prefix, so continuation lines sit under the text after it.
 */
export function wrapLine(line: string, width: number): string[] {
  const head = /^( *(?:\S+ {2,}|\d+\. |[-•*] ))\S/.exec(line);
  if (!head) return wrapText(line, width);
  return wrapHanging(head[1]!, line.slice(head[1]!.length), width).map(([h, t]) => `${h}${t}`);
}
