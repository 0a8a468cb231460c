import type { Key as InkKey } from 'ink';
import { describe, expect, it } from 'vitest';
import { keysFromInk } from '../../src/ui/keys.js';

const none: InkKey = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

describe('keysFromInk', () => {
  it('splits a run of characters read together into one key each', () => {
    expect(keysFromInk('jj\r', none)).toEqual([
      { kind: 'char', char: 'j' },
      { kind: 'char', char: 'j' },
      { kind: 'enter' },
    ]);
  });

  it('keeps a pasted UPN whole, character by character, and drops stray control characters', () => {
    const keys = keysFromInk('a@b.c\u0007', none);
    expect(keys.map((k) => (k.kind === 'char' ? k.char : k.kind)).join('')).toBe('a@b.c');
  });

  it('maps arrows, escape, backspace and Ctrl-C from Ink flags', () => {
    expect(keysFromInk('', { ...none, downArrow: true })).toEqual([{ kind: 'down' }]);
    expect(keysFromInk('', { ...none, escape: true, meta: true })).toEqual([{ kind: 'escape' }]);
    expect(keysFromInk('', { ...none, delete: true })).toEqual([{ kind: 'backspace' }]);
    expect(keysFromInk('c', { ...none, ctrl: true })).toEqual([{ kind: 'ctrlC' }]);
    expect(keysFromInk('\u0003', none)).toEqual([{ kind: 'ctrlC' }]);
  });

  it('maps Shift+↑↓ to a line of scrolling, PgUp/PgDn to a page', () => {
    expect(keysFromInk('', { ...none, upArrow: true, shift: true })).toEqual([{ kind: 'lineUp' }]);
    expect(keysFromInk('', { ...none, downArrow: true, shift: true })).toEqual([{ kind: 'lineDown' }]);
    expect(keysFromInk('', { ...none, pageDown: true })).toEqual([{ kind: 'pageDown' }]);
  });
});
