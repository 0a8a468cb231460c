// Marking users on the scan screen for a batch fix: one by one in the list (Ctrl+X), or a whole
// class from the summary (m on an outcome or a finding code), then b starts the batch.
import { describe, expect, it } from 'vitest';
import {
  initialScanScreen,
  scanScreenReducer,
  type ScanScreenContext,
  type ScanScreenState,
} from '../../src/core/scan/screen.js';
import { char, key, type Key } from '../../src/core/wizard/keys.js';

// Six users: 0, 2, 4 have STALE_IMMUTABLE_ID; 1, 3 are hard-match; 5 matches nothing.
const classes: Record<string, number[]> = {
  STALE_IMMUTABLE_ID: [0, 2, 4],
  'hard-match': [1, 3],
  '': [0, 1, 2, 3, 4, 5],
};
const context: ScanScreenContext = {
  summaryFilters: ['hard-match', 'STALE_IMMUTABLE_ID'],
  matchesFor: (scope, f) => classes[scope ?? f] ?? [],
  page: 10,
};
const press = (state: ScanScreenState, ...keys: Key[]) =>
  keys.reduce((s, k) => scanScreenReducer(s, { key: k, context }), state);

describe('marking users on the scan screen', () => {
  it('marks a whole class from the summary, unmarks it with m again, and b starts the batch', () => {
    let s = press(initialScanScreen(), key('down'), char('m'));
    expect([...s.marked]).toEqual([0, 2, 4]);
    s = press(s, key('up'), char('m'));
    expect([...s.marked].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(press(s, char('m')).marked).toEqual(new Set([0, 2, 4]));
    expect(press(s, char('b')).choice).toEqual({ kind: 'batch', indexes: [0, 1, 2, 3, 4] });
  });

  it('marks users one by one in the list with Ctrl+X (moving down), and Ctrl+X again unmarks', () => {
    const mark = key('mark');
    let s = press(initialScanScreen(), key('tab'), mark, mark, key('down'), mark);
    expect(s.filter).toBe('');
    expect([...s.marked]).toEqual([0, 1, 3]);
    s = press(s, key('up'), key('up'), key('up'), mark);
    expect([...s.marked]).toEqual([0, 3]);
    s = press(s, key('tab'), char('b'));
    expect(s.choice).toEqual({ kind: 'batch', indexes: [0, 3] });
  });

  it('does nothing on b while nothing is marked', () => {
    expect(press(initialScanScreen(), char('b')).choice).toBeNull();
  });
});
