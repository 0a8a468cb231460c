import { describe, expect, it } from 'vitest';
import { visibleDeep, visibleTerminalText, visibleText } from '../../src/core/display-text.js';

describe('visibleText', () => {
  it('shows ESC, CR, tab, NUL, C1, direction and zero-width characters as \\uXXXX, keeps line feeds', () => {
    expect(visibleText('a\u001b[2Jb\rc\td\u0000e\u009bf\u202eg\u200bh\ni')).toBe(
      'a\\u001b[2Jb\\u000dc\\u0009d\\u0000e\\u009bf\\u202eg\\u200bh\ni',
    );
  });

  it('leaves letters, combining marks and emoji alone', () => {
    const s = 'Zoe\u0308 \u00c5ngstr\u00f6m \u{1F600} O\u2019Brien';
    expect(visibleText(s)).toBe(s);
  });
});

describe('visibleTerminalText', () => {
  const OWN = new Set(['\u001b[31m', '\u001b[39m']);

  it("keeps tabs and only the colour codes it is told are the program's own; escapes every other sequence", () => {
    expect(visibleTerminalText('\u001b[31mred\u001b[39m\tx \u001b]52;c;Zm9v\u0007 \u001b[2J', OWN)).toBe(
      '\u001b[31mred\u001b[39m\tx \\u001b]52;c;Zm9v\\u0007 \\u001b[2J',
    );
  });

  it("escapes SGR that is not the program's own (conceal, blink), and every SGR when colour is off", () => {
    expect(visibleTerminalText('a\u001b[8mhidden\u001b[28m b\u001b[5m', OWN)).toBe(
      'a\\u001b[8mhidden\\u001b[28m b\\u001b[5m',
    );
    expect(visibleTerminalText('\u001b[31mred\u001b[39m')).toBe('\\u001b[31mred\\u001b[39m');
  });

  it.each([
    ['OSC title ended by ST', '\u001b]0;pwned\u001b\\', '\\u001b]0;pwned\\u001b\\'],
    ['OSC 8 hyperlink', '\u001b]8;;http://x\u0007y', '\\u001b]8;;http://x\\u0007y'],
    ['DCS', '\u001bP1$r\u001b\\', '\\u001bP1$r\\u001b\\'],
    ['C1 CSI', '\u009b2J', '\\u009b2J'],
    ['C1 OSC', '\u009d0;t\u009c', '\\u009d0;t\\u009c'],
    ['bidi isolate and mark', 'a\u2067b\u061cc', 'a\\u2067b\\u061cc'],
    ['zero-width and invisible', 'a\u200db\u00adc\u2062d', 'a\\u200db\\u00adc\\u2062d'],
    ['line separator', 'a\u2028b', 'a\\u2028b'],
    ['carriage return', 'ok\rEVIL', 'ok\\u000dEVIL'],
  ])('%s', (_name, input, shown) => {
    expect(visibleTerminalText(input)).toBe(shown);
  });
});

describe('visibleDeep', () => {
  it('returns the very same object when nothing needs escaping', () => {
    const value = { a: ['x', { b: 'y', n: 1, z: null }], d: new Date(0) };
    expect(visibleDeep(value)).toBe(value);
  });

  it('copies only the branches that change, and never changes the original', () => {
    const kept = { b: 'plain' };
    const value = { kept, changed: { name: 'evil\u202e' }, list: ['ok', 'a\u001bb'] };
    const out = visibleDeep(value);
    expect(out).toEqual({ kept, changed: { name: 'evil\\u202e' }, list: ['ok', 'a\\u001bb'] });
    expect(out.kept).toBe(kept);
    expect(value.changed.name).toBe('evil\u202e');
  });

  it('survives shared and circular references', () => {
    const shared = { s: '\u001b' };
    const value: Record<string, unknown> = { one: shared, two: shared };
    value.self = value;
    const out = visibleDeep(value);
    expect(out.one).toBe(out.two);
    expect((out.one as { s: string }).s).toBe('\\u001b');
  });
});
