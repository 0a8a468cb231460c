// The shared layout helpers every screen uses: word wrapping at token boundaries, scrolling regions
// with "more" marks, footers that shorten, the size floor.
import { describe, expect, it } from 'vitest';
import { tooSmallText, FLOOR } from '../../src/ui/floor.js';
import { fitKeys } from '../../src/ui/key-legend.js';
import { scrollWindow } from '../../src/ui/scroll.js';
import { wrapText, wrapWithin } from '../../src/ui/wrap.js';

describe('wrapText', () => {
  const text =
    'A cloud user still carries immutableId qve6k1vVU0KDlKV3E/sPkZg== from an earlier sync; soft match refuses it.';

  it('breaks at spaces only, never inside a token that fits, and no line starts with a space', () => {
    for (const width of [20, 30, 45, 60]) {
      const lines = wrapText(text, width);
      for (const line of lines) {
        expect(line.length).toBeLessThanOrEqual(width);
        expect(line.startsWith(' ')).toBe(false);
        expect(line.endsWith(' ')).toBe(false);
      }
      if (width >= 25) {
        // The 25-character value fits on a line: it is never split.
        expect(lines.join(' ')).toBe(text);
        expect(lines.some((l) => l.includes('qve6k1vVU0KDlKV3E/sPkZg=='))).toBe(true);
      }
    }
  });

  it('keeps an indent on every continuation line', () => {
    const lines = wrapText('    Try: move the UPN to the initial domain first, then sync again.', 30);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/^ {4}\S/);
  });

  it('breaks a token longer than a line after a separator it contains', () => {
    const dn = 'CN=John Doe,OU=Sales,OU=Staff,DC=contoso,DC=com';
    const lines = wrapText('CN=John-Doe,OU=Sales,OU=Staff,DC=contoso,DC=com', 20);
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(20);
      if (line !== lines.at(-1)) expect(line).toMatch(/[,;/=&|.@\-_:]$/);
    }
    expect(wrapText(dn, 200)).toEqual([dn]);
  });

  it('breaks a URI between its parts rather than inside the GUID it ends with', () => {
    const guid = 'f7703a62-3a09-4478-8c11-7b7de5feb5ed';
    expect(wrapText(`'https://graph.microsoft.com/v1.0/directory/deletedItems/${guid}'`, 70)).toEqual([
      "'https://graph.microsoft.com/v1.0/directory/deletedItems/",
      `${guid}'`,
    ]);
  });

  it('counts wide characters as two columns', () => {
    for (const line of wrapText('東京 東京 東京 東京 東京', 10)) expect(line).not.toMatch(/^ /);
    expect(wrapText('東京 東京 東京', 10)).toEqual(['東京 東京', '東京']);
  });
});

describe('wrapWithin', () => {
  it('says how many lines were left out instead of cutting silently', () => {
    const words = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen';
    const lines = wrapWithin(`${words} ${words}`, 30, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/… \(\+\d+ more\)$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(30);
  });
});

describe('scrollWindow', () => {
  it('keeps the focus visible and counts what is above and below', () => {
    for (let focus = 0; focus < 30; focus++) {
      const w = scrollWindow(30, focus, 8);
      expect(focus).toBeGreaterThanOrEqual(w.start);
      expect(focus).toBeLessThan(w.end);
      const marks = (w.above > 0 ? 1 : 0) + (w.below > 0 ? 1 : 0);
      expect(w.end - w.start + marks).toBeLessThanOrEqual(8);
      expect(w.above).toBe(w.start);
      expect(w.below).toBe(30 - w.end);
    }
    expect(scrollWindow(5, 4, 8)).toEqual({ start: 0, end: 5, above: 0, below: 0 });
  });
});

describe('fitKeys', () => {
  const keys = [
    ['↑↓/jk', 'move'],
    ['Enter', 'read this user'],
    ['Ctrl-U', 'clear'],
    ['Esc', 'quit'],
    ['?', 'help'],
  ] as const;

  it('keeps everything when it fits, then shortens descriptions, then drops keys but keeps ?', () => {
    expect(fitKeys(keys, 80)).toEqual({ keys: keys.map((k) => [...k]), more: false });
    const short = fitKeys(keys, 56);
    expect(short.more).toBe(false);
    expect(short.keys).toContainEqual(['Enter', 'read']);
    const tiny = fitKeys(keys, 25);
    expect(tiny.more).toBe(true);
    expect(tiny.keys.at(-1)).toEqual(['?', 'help']);
  });
});

describe('the size floor', () => {
  it('is 50×15 and says what it needs and what it has', () => {
    expect(FLOOR).toEqual({ columns: 50, rows: 15 });
    expect(tooSmallText(40, 12)).toContain('at least 50×15');
    expect(tooSmallText(40, 12)).toContain('40×12');
  });
});
