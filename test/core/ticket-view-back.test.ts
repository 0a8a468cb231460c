// Esc goes back one screen everywhere: on the summary's ticket view it closes the ticket (back to
// the summary), it does not quit; Esc on the summary itself still leaves.
import { describe, expect, it } from 'vitest';
import { footerKeys } from '../../src/core/wizard/keymap.js';
import { staleImmutableId } from './wizard-fixtures.js';
import { atFindings, keys, run } from './wizard-driver.js';

describe('the ticket view', () => {
  it('closes on Esc or q, back to the summary; Esc there leaves', () => {
    let s = run(atFindings(staleImmutableId), keys('enter', 'down', 'down', 'enter'));
    expect(s.screen.kind).toBe('summary');
    s = run(s, keys('t', 'pageDown'));
    expect(s.showTicket).toBe(true);
    expect(footerKeys(s)).toContainEqual(['t/Esc', 'back to the summary']);
    for (const back of ['escape', 'q']) {
      const closed = run(s, keys(back));
      expect(closed.showTicket).toBe(false);
      expect(closed.screen.kind).toBe('summary');
      expect(closed.exit).toBeNull();
    }
    expect(run(s, keys('escape', 'escape')).exit).not.toBeNull();
  });
});
