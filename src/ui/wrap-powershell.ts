// PowerShell wrapped by the app so that a copied block still runs: a line is broken only between
// words outside quotes, and each broken line ends with PowerShell's line continuation, a backtick
// (` as the last character), the next line indented by 4. A single word wider than the line (a long
// quoted URL or DN) cannot be continued that way: it is broken after a separator it contains and
// `wide` is set, so the view can say the block must be copied from a wider window or the ticket.
// Line continuation: about_Parsing, "Line continuation"
// https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_parsing
// (Windows PowerShell 5.1 needs the backtick to be the line's last character: nothing follows it.)
import { stringWidth, wrapText } from './wrap.js';

/** Words of a PowerShell line: split at spaces outside single- and double-quoted strings. */
export function powerShellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: "'" | '"' | null = null;
  let escaped = false;
  for (const ch of line) {
    // A backtick takes the next character literally (outside single quotes): never a boundary.
    if (escaped) {
      word += ch;
      escaped = false;
      continue;
    }
    if (ch === '`' && quote !== "'") {
      word += ch;
      escaped = true;
      continue;
    }
    if (quote) {
      word += ch;
      // A doubled quote inside a string is the quote itself; the next char decides, so closing
      // and reopening in a row reads the same.
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      word += ch;
      continue;
    }
    if (ch === ' ') {
      if (word) words.push(word);
      word = '';
      continue;
    }
    word += ch;
  }
  if (word) words.push(word);
  return words;
}

export function wrapPowerShell(script: string, width: number): { lines: string[]; wide: boolean } {
  const w = Math.max(width, 16);
  const lines: string[] = [];
  let wide = false;
  for (const source of script.split('\n')) {
    const indent = /^ */.exec(source)![0];
    const words = powerShellWords(source.slice(indent.length));
    if (stringWidth(source) <= w || words.length === 0) {
      lines.push(source);
      continue;
    }
    const cont = `${indent}    `;
    let head = indent;
    let line = head;
    for (const word of words) {
      // Room for " `" at the end of every line that goes on.
      if (line !== head && stringWidth(`${line} ${word}`) + 2 > w) {
        lines.push(`${line} \``);
        head = cont;
        line = head;
      }
      if (line !== head) {
        line = `${line} ${word}`;
        continue;
      }
      if (stringWidth(`${head}${word}`) + 2 <= w) {
        line = `${head}${word}`;
        continue;
      }
      // A word too wide for a line of its own: broken after separators (display only).
      const pieces = wrapText(word, w - stringWidth(head) - 2);
      wide = true;
      for (const piece of pieces.slice(0, -1)) lines.push(`${head}${piece}`);
      line = `${head}${pieces.at(-1)}`;
    }
    lines.push(line);
  }
  return { lines, wide };
}
