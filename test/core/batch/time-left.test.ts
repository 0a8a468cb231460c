import { describe, expect, it } from 'vitest';
import { timeLeft } from '../../../src/core/batch/time-left.js';

describe('timeLeft', () => {
  const start = { at: 0, done: 0 };
  it('says nothing until the pace is known, or when the phase is done', () => {
    expect(timeLeft(start, 4_999, 100, 1_000)).toBeNull();
    expect(timeLeft(start, 10_000, 0, 1_000)).toBeNull();
    expect(timeLeft(start, 10_000, 1_000, 1_000)).toBeNull();
  });

  it('projects the pace so far onto what is left', () => {
    // 400 of 10 000 in 18 s (Graph's quota pace): 9 600 more at 45 ms each.
    expect(timeLeft(start, 18_000, 400, 10_000)).toBe('about 7 min left');
    expect(timeLeft(start, 10_000, 500, 1_000)).toBe('about 10 s left');
    expect(timeLeft(start, 6_000, 1, 2_000)).toBe('about 3.3 h left');
    // Counted from where the phase (or a resumed run) started, not from zero.
    expect(timeLeft({ at: 100_000, done: 600 }, 110_000, 700, 1_000)).toBe('about 30 s left');
  });
});
