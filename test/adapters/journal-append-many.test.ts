import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJsonlJournal } from '../../src/adapters/journal/jsonl-journal.js';
import type { JournalEntry } from '../../src/ports.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entry = (id: string, phase: 'intent' | 'result'): JournalEntry => ({
  id,
  at: '2026-12-03T10:00:00.000Z',
  phase,
  operator: 't',
  tenant: 'lab',
  target: { id: 'c1', userPrincipalName: 'a@b.c' },
  step: 'SET_IMMUTABLE_ID',
  description: 'd',
  property: 'onPremisesImmutableId',
  before: null,
  after: 'x',
  reversible: true,
  batch: 'b1',
  batchUser: 'g1',
  ...(phase === 'result' ? { result: 'done' as const } : {}),
});

describe('appendMany (a batch group in one flush)', () => {
  it('writes every line in order, after a torn line, and they read back paired with their batch fields', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sm-journal-'));
    const journal = openJsonlJournal(join(dir, 'j.jsonl'));
    await journal.append(entry('a', 'intent'));
    await journal.appendMany!([entry('b', 'intent'), entry('c', 'intent')]);
    await journal.appendMany!([]);
    await journal.appendMany!([entry('a', 'result'), entry('b', 'result'), entry('c', 'result')]);
    expect(readFileSync(journal.path, 'utf8').trim().split('\n')).toHaveLength(6);
    const contents = await journal.read();
    expect(contents.problems).toEqual([]);
    expect(contents.writes.map((w) => [w.id, w.intent?.batch, w.result?.batchUser])).toEqual([
      ['a', 'b1', 'g1'],
      ['b', 'b1', 'g1'],
      ['c', 'b1', 'g1'],
    ]);
  });
});
