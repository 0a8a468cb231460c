// Ink hands over one call per terminal read: an escape sequence (already split by Ink), or a run
// of plain characters that arrived together ("jj\r" when typed fast, or pasted). Every character
// of such a run is a key of its own here, so fast typing never loses or merges a key.
import type { Key as InkKey } from 'ink';
import { char, key, type Key } from '../core/wizard/keys.js';

const CONTROL: Record<string, Key> = {
  '\r': key('enter'),
  '\n': key('enter'),
  '\t': key('tab'),
  '\u007f': key('backspace'),
  '\b': key('backspace'),
  '\u0003': key('ctrlC'),
  '\u0015': key('clearLine'),
  '\u0018': key('mark'),
  '\u001b': key('escape'),
};

export function keysFromInk(input: string, k: InkKey): Key[] {
  if (k.ctrl && input === 'c') return [key('ctrlC')];
  if (k.ctrl && input === 'u') return [key('clearLine')];
  if (k.ctrl && input === 'x') return [key('mark')];
  if (k.shift && k.upArrow) return [key('lineUp')];
  if (k.shift && k.downArrow) return [key('lineDown')];
  if (k.upArrow) return [key('up')];
  if (k.downArrow) return [key('down')];
  if (k.pageUp) return [key('pageUp')];
  if (k.pageDown) return [key('pageDown')];
  if (k.home) return [key('home')];
  if (k.end) return [key('end')];
  if (k.escape && input === '') return [key('escape')];
  // Ink reports Tab with an empty input.
  if (k.tab && input === '') return [key('tab')];
  if (k.backspace || k.delete) return [key('backspace')];
  if (k.leftArrow || k.rightArrow) return [];
  return [...input].flatMap((c): Key[] => {
    const control = CONTROL[c];
    if (control) return [control];
    // Other control characters carry no meaning here; dropping them keeps them out of text.
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u001f\u007f-\u009f]/.test(c) ? [] : [char(c)];
  });
}
