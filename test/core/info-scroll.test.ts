// A screen's clipped information scrolls with PgUp/PgDn (a page) and Shift+↑↓ (a line) within what
// the UI measured; a new screen starts at the top; menus keep ↑↓ and Home/End, so scrolling never
// moves a choice; the help names the keys.
import { describe, expect, it } from 'vitest';
import { helpText } from '../../src/core/wizard/keymap.js';
import type { WizardEvent, WizardState } from '../../src/core/wizard/state.js';
import { recycleBinLeftover, staleImmutableId } from './wizard-fixtures.js';
import { atFindings, keys, run } from './wizard-driver.js';

const measured = (page: number, max: number): WizardEvent[] => [{ type: 'measured', page, max }];
const atConfirm = (): WizardState => run(atFindings(staleImmutableId), keys('enter', 'enter'));

describe('the information scroll', () => {
  it('moves a page with PgDn/PgUp and a line with Shift+↑↓, never past either end', () => {
    let s = run(atConfirm(), measured(6, 20));
    expect(s.screen.kind).toBe('confirm');
    s = run(s, keys('pageDown'));
    expect(s.info?.offset).toBe(6);
    s = run(s, keys('lineDown', 'lineDown'));
    expect(s.info?.offset).toBe(8);
    s = run(s, keys('pageDown', 'pageDown', 'pageDown', 'pageDown'));
    expect(s.info?.offset).toBe(20);
    s = run(s, keys('lineUp', 'pageUp'));
    expect(s.info?.offset).toBe(13);
    s = run(s, keys('pageUp', 'pageUp', 'pageUp'));
    expect(s.info?.offset).toBe(0);
  });

  it('keeps the offset within a new measure, and nothing scrolls when nothing is clipped', () => {
    let s = run(atConfirm(), measured(6, 20), keys('pageDown', 'pageDown', 'pageDown'));
    expect(s.info?.offset).toBe(18);
    s = run(s, measured(8, 10));
    expect(s.info?.offset).toBe(10);
    expect(run(atConfirm(), keys('pageDown')).info?.offset ?? 0).toBe(0);
  });

  it('never moves the menu: PgDn scrolls, ↑↓ and Home/End choose', () => {
    let s = run(atConfirm(), measured(6, 20), keys('pageDown'));
    if (s.screen.kind !== 'confirm') throw new Error(s.screen.kind);
    expect(s.screen.choice).toBe(0);
    s = run(s, keys('end'));
    if (s.screen.kind !== 'confirm') throw new Error(s.screen.kind);
    expect(s.screen.choice).toBe(1);
    s = run(s, keys('home'));
    if (s.screen.kind !== 'confirm') throw new Error(s.screen.kind);
    expect(s.screen.choice).toBe(0);
    expect(s.info?.offset).toBe(6);
  });

  it('starts at the top on the next screen and in the help, and keeps its place for a PowerShell toggle', () => {
    const s = run(atConfirm(), measured(6, 20), keys('pageDown'));
    expect(run(s, keys('p')).info?.offset).toBe(6);
    expect(run(s, keys('escape')).info).toBeUndefined();
    expect(run(s, keys('?')).info).toBeUndefined();
    expect(run(s, keys('?', 'escape')).info).toBeUndefined();
  });

  it('leaves the ticket view to its own scroll: opening it starts the summary text at the top', () => {
    let s = run(atFindings(staleImmutableId), keys('enter', 'down', 'down', 'enter'));
    expect(s.screen.kind).toBe('summary');
    s = run(s, measured(5, 9), keys('pageDown'));
    expect(s.info?.offset).toBe(5);
    s = run(s, keys('t'));
    expect(s.info).toBeUndefined();
    s = run(s, measured(5, 30), keys('pageDown'));
    expect([s.info?.offset, s.ticketScroll]).toEqual([0, 10]);
  });

  it('scrolls the typed confirmation of a purge without typing into it', () => {
    let s = run(atFindings(recycleBinLeftover), keys('enter', 'enter'), measured(6, 20));
    s = run(s, keys('pageDown', 'lineDown'));
    if (s.screen.kind !== 'confirm') throw new Error(s.screen.kind);
    expect(s.screen.typed).toBe('');
    expect(s.info?.offset).toBe(7);
  });

  it('names PgUp/PgDn and Home/End in the help', () => {
    expect(helpText(atConfirm()).join('\n')).toMatch(/PgUp\/PgDn scroll .*Home\/End: first or last choice/);
  });
});
