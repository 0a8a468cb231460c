// The layout properties every screen must hold at any size from the floor up, shared by the
// ink-testing-library size tests (test/ui/screen-sizes.test.tsx) and the tmux walk
// (test/e2e/layout-sizes.test.ts). Each returns the problems it found (empty when none), so a
// failure names the screen, the line and shows the frame.
//
// 1. Width: no line is wider than the terminal (display columns, wide characters count 2).
// 2. No stray space. A line (inside a box: after its border and one padding column) may start
//    with spaces only as intended indentation, which is exactly one of:
//    a. aligned: its text starts where a word starts on the nearest non-blank line above (a
//       continuation under its first line's text, a value under its label's value, an item under
//       a bullet's text, a table cell under its column);
//    b. the same block: the same indentation as that line above;
//    c. one level in: two columns (four for a continued PowerShell command) more than where a
//       word starts on that line (a list under its heading, a table's cells under a marked row);
//    d. back out: where text starts on an earlier line of the same block (lines since the last
//       blank line): the next item of a list whose previous item had continuation lines, a table
//       row without a mark under the rows that have one;
//    e. a marked table row: a one-column mark and a space ("✓ ", "i ", "› "), then its text where
//       a word starts on the line above (the column's heading);
//    f. right under a scroll mark ("↑ N above (PgUp)"): the line it aligns with is scrolled away.
//    Anything else, above all a single extra space (what a terminal's or Ink's own wrap leaves
//    when it breaks at a space), is a stray space.
// 3. No value broken mid-token: a known long value (GUID, immutableId, UPN, DN part) that is on
//    the screen across lines is broken only after one of wrap.ts's separators, and only when it
//    is wider than the room a line has; everything else must be on one line whole.
// 4. Never cut silently: every line the screen shows in a tall terminal of the same width is
//    either on the small screen too, or the small screen shows a "more" mark.
import stringWidth from 'string-width';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;]*[A-Za-z]/g;
const SEPARATOR = /[,;/=&|.@\-_:]/;
/** What the screens print where they leave something out. */
export const MORE = /↓ \d+ more|↑ \d+ (more|above)|\(\+\d+ more\)|\d+ more lines?|Lines \d+–\d+ of \d+/;

export const plain = (frame: string): string[] => frame.replace(ANSI, '').split('\n');

/** A line's content: a box's border and its padding column removed, trailing spaces dropped. */
function content(line: string): string | null {
  if (/^\s*[╭╰┌└─]/.test(line)) return null;
  const boxed = /^(\s*)│ (.*?)\s*│?\s*$/.exec(line);
  return (boxed ? boxed[2]! : line).replace(/\s+$/, '');
}

const indentOf = (s: string) => /^ */.exec(s)![0].length;
const wordStarts = (s: string): Set<number> => {
  const starts = new Set<number>();
  const chars = [...s];
  let col = 0;
  chars.forEach((ch, i) => {
    if (ch !== ' ' && (i === 0 || chars[i - 1] === ' ')) starts.add(col);
    col += stringWidth(ch);
  });
  return starts;
};

export function layoutProblems(
  frame: string,
  options: { columns: number; tokens?: readonly string[] },
): string[] {
  const problems: string[] = [];
  // A screen's own left margin (the picker is padded by one column) is not indentation.
  const all = plain(frame);
  const margin = Math.min(...all.filter((l) => l.trim()).map(indentOf));
  const lines = all.map((l) => l.slice(Number.isFinite(margin) ? margin : 0));
  let above: string | null = null;
  let block = new Set<number>();
  const flat: string[] = [];
  for (const [i, line] of lines.entries()) {
    const w = stringWidth(all[i]!);
    if (w > options.columns)
      problems.push(`line ${i} is ${w} columns wide (terminal ${options.columns}): "${all[i]}"`);
    const c = content(line);
    if (c === null) {
      above = null;
      block = new Set();
      continue;
    }
    if (c.trim() === '') {
      block = new Set();
      continue;
    }
    flat.push(c.trimStart());
    const n = indentOf(c);
    const scrolledAway = above !== null && /^↑ \d+ above/.test(above.trim());
    if (n > 0 && !scrolledAway) {
      const ok =
        above !== null &&
        ([...wordStarts(above)].some((s) => s === n || s + 2 === n || s + 4 === n) ||
          indentOf(above) === n ||
          block.has(n) ||
          // A marked table row: its text after the mark sits in the heading's column.
          (/^ *\S \S/.test(c) && wordStarts(above).has(n + 2)));
      if (!ok) problems.push(`line ${i} starts with a stray space: "${line}"`);
    }
    above = c;
    for (const start of wordStarts(c)) block.add(start);
  }
  // Tokens: each occurrence across a line break must break after a separator, and only when the
  // token could not fit on a line (the widest room a screen gives a value: the terminal less 12).
  const text = flat.join('\n');
  for (const token of new Set(options.tokens ?? [])) {
    for (const part of token.split(' ')) {
      if (part.length < 8) continue;
      const pattern = new RegExp(
        [...part].map((ch) => ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\n?'),
        'g',
      );
      for (const m of text.matchAll(pattern)) {
        if (!m[0].includes('\n')) continue;
        const fits = stringWidth(part) <= options.columns - 12;
        const badBreak = m[0]
          .split('\n')
          .slice(0, -1)
          .some((piece) => !SEPARATOR.test(piece.at(-1) ?? ''));
        if (fits || badBreak) problems.push(`"${part}" is broken across lines: ${JSON.stringify(m[0])}`);
      }
    }
  }
  return problems;
}

// Spinner frames, times and journal ids differ from one run to the next.
const norm = (l: string) =>
  l
    .trim()
    .replace(/[\u2800-\u28ff]/g, '*')
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
    .replace(/\b\d{6}-\d{6}-[0-9a-z]{4}\b/g, '<journal-id>');

/** Lines the tall rendering shows that the small one does not (marks and box borders aside). */
export function missingLines(small: string, tall: string): string[] {
  const shown = new Set(plain(small).map(norm));
  return plain(tall)
    .map(norm)
    .filter((l) => l !== '' && !MORE.test(l) && !/^[╭╰┌└│─]/.test(l) && !shown.has(l));
}

/** Lines of the tall rendering missing from the small one, when the small one shows no "more" mark. */
export function silentCuts(small: string, tall: string): string[] {
  const missing = missingLines(small, tall);
  if (missing.length === 0) return [];
  return plain(small).some((l) => MORE.test(l)) ? [] : missing;
}

/** The long values of a diagnosis a screen may show: ids, anchors, names, DNs. */
export function longValues(values: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      if (
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ||
        /^[A-Za-z0-9+/]{22}==$/.test(v) ||
        /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(v) ||
        /^(CN|OU)=.+,DC=/i.test(v)
      )
        out.add(v);
      return;
    }
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(values);
  return [...out];
}
