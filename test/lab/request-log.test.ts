// The simulator's request log (issue 18): unlimited by default; with a limit it keeps the latest
// requests (between the limit and twice it), in order, so a long lab session does not hold them all.
import { describe, expect, it } from 'vitest';
import { RequestLog, type LoggedRequest } from '../../src/lab/graph-simulator/faults.js';

function entry(log: RequestLog): LoggedRequest {
  return {
    seq: log.nextSeq(),
    method: 'GET',
    url: '/users',
    status: 200,
    inner: false,
    startedAt: 0,
    endedAt: 0,
  };
}

describe('request log', () => {
  it('keeps every request without a limit', () => {
    const log = new RequestLog();
    for (let i = 0; i < 5000; i++) log.add(entry(log));
    expect(log.entries).toHaveLength(5000);
  });

  it('keeps the latest requests, in order, within a limit', () => {
    const log = new RequestLog(100);
    for (let i = 0; i < 1001; i++) log.add(entry(log));
    expect(log.entries.length).toBeGreaterThanOrEqual(100);
    expect(log.entries.length).toBeLessThanOrEqual(200);
    const seqs = log.entries.map((e) => e.seq);
    expect(seqs.at(-1)).toBe(1001);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs.at(-1)! - seqs[0]! + 1).toBe(seqs.length);
  });
});
