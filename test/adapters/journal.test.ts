import { appendFileSync, chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { entryLine } from '../../src/adapters/journal/journal-lines.js';
import { openJsonlJournal } from '../../src/adapters/journal/jsonl-journal.js';
import { UserFacingError } from '../../src/core/errors.js';
import type { JournalEntry } from '../../src/ports.js';

const posix = process.platform !== 'win32';

function entry(id: string, phase: JournalEntry['phase'], fields: Partial<JournalEntry> = {}): JournalEntry {
  // In the order the app builds an entry (apply-step.ts: the write's fields, then at and phase):
  // the writer must still put the phase where a torn line keeps it.
  return {
    id,
    operator: 'ann',
    tenant: 'contoso.onmicrosoft.com',
    target: { id: 'u1', userPrincipalName: 'jdoe@contoso.com' },
    step: 'SET_IMMUTABLE_ID',
    description: 'Set the immutableId',
    property: 'onPremisesImmutableId',
    before: 'old=',
    after: 'new=',
    reversible: true,
    at: '2026-01-14T09:30:12.000Z',
    phase,
    ...(phase === 'result' ? { result: 'done' as const } : {}),
    ...fields,
  };
}

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sm-journal-'));
  path = join(dir, 'data', 'journal.jsonl');
});
afterEach(() => vi.restoreAllMocks());

describe('JSON Lines journal', () => {
  it('appends one line per entry and reads them back paired by id', async () => {
    const journal = openJsonlJournal(path);
    await journal.append(entry('a', 'intent'));
    await journal.append(entry('a', 'result'));
    await journal.append(entry('b', 'intent'));
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')).toHaveLength(4);
    expect(text.endsWith('\n')).toBe(true);
    const contents = await journal.read();
    expect(contents.entries.map((e) => `${e.id}:${e.phase}`)).toEqual(['a:intent', 'a:result', 'b:intent']);
    expect(contents.writes.map((w) => [w.id, w.intent?.phase, w.result?.result ?? null])).toEqual([
      ['a', 'intent', 'done'],
      ['b', 'intent', null],
    ]);
    expect(contents.problems).toEqual([]);
  });

  it('reads a journal that does not exist yet as empty', async () => {
    const contents = await openJsonlJournal(path).read();
    expect(contents).toEqual({ entries: [], writes: [], problems: [] });
  });

  it('resolves append only after the line was flushed with fsync', async () => {
    const journal = openJsonlJournal(path);
    await journal.append(entry('warm', 'intent')); // creates the file
    const probe = await open(path, 'r');
    const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    const events: string[] = [];
    const real = proto.sync;
    vi.spyOn(proto, 'sync').mockImplementation(async function (this: unknown) {
      events.push(`sync with ${readFileSync(path, 'utf8').split('\n').length - 1} lines`);
      return real.call(this);
    });
    await journal.append(entry('x', 'intent'));
    events.push('append resolved');
    expect(events).toEqual(['sync with 2 lines', 'append resolved']);
  });

  it.runIf(posix)('creates the file 0600 in a 0700 folder', async () => {
    await openJsonlJournal(path).append(entry('a', 'intent'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
  });

  it.runIf(posix)('tightens an existing journal that others could read to 0600', async () => {
    const journal = openJsonlJournal(join(dir, 'journal.jsonl'));
    writeFileSync(join(dir, 'journal.jsonl'), '');
    chmodSync(join(dir, 'journal.jsonl'), 0o644);
    await journal.append(entry('a', 'intent'));
    expect(statSync(join(dir, 'journal.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('reports a torn last line instead of failing, and keeps the next entry readable', async () => {
    const journal = openJsonlJournal(path);
    await journal.append(entry('a', 'intent'));
    // The crash: the start of a result line as the writer lays it out, no newline.
    const full = entryLine(entry('a', 'result'));
    appendFileSync(path, full.slice(0, 40));
    const torn = await journal.read();
    expect(torn.entries).toHaveLength(1);
    expect(torn.problems).toHaveLength(1);
    expect(torn.problems[0]).toMatch(/last line of journal\.jsonl \(line 2\) is incomplete/);
    expect(torn.problems[0]).toMatch(/listed as unfinished/);
    expect(await journal.unfinishedWrites()).toEqual([
      torn.problems[0],
      expect.stringMatching(/^Write a \(SET_IMMUTABLE_ID on jdoe@contoso\.com .* has no recorded result/),
    ]);

    await journal.append(entry('b', 'intent'));
    const after = await journal.read();
    expect(after.entries.map((e) => e.id)).toEqual(['a', 'b']);
    expect(after.problems).toEqual([
      expect.stringMatching(/^Line 2 of journal\.jsonl is not a readable journal entry/),
    ]);
  });

  it('says a torn intent line announced a write that was never sent', async () => {
    const journal = openJsonlJournal(path);
    await journal.append(entry('a', 'intent'));
    appendFileSync(path, entryLine(entry('b', 'intent')).slice(0, 40));
    const { problems } = await journal.read();
    expect(problems[0]).toMatch(/\(entry b\); the write it announced was never sent/);
  });

  it('keeps hostile values on one line each and returns them unchanged', async () => {
    const journal = openJsonlJournal(path);
    const odd = [
      'line\nbreak',
      'sep\u2028arator',
      '\u202Eevil\u202C',
      'e\u0301',
      "o'brien",
      'x'.repeat(10_000),
      '\r\n',
    ];
    for (const [i, value] of odd.entries()) {
      await journal.append(entry(`v${i}`, 'intent', { description: value, before: value }));
    }
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(odd.length + 1);
    const { entries, problems } = await journal.read();
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.description)).toEqual(odd);
  });

  it('never interleaves lines when many appends race', async () => {
    const journal = openJsonlJournal(path);
    await Promise.all(Array.from({ length: 50 }, (_, i) => journal.append(entry(`r${i}`, 'intent'))));
    const { entries, problems } = await journal.read();
    expect(problems).toEqual([]);
    expect(new Set(entries.map((e) => e.id)).size).toBe(50);
  });

  it('fails with a sentence and a hint when the journal cannot be written', async () => {
    writeFileSync(join(dir, 'not-a-folder'), '');
    const journal = openJsonlJournal(join(dir, 'not-a-folder', 'journal.jsonl'));
    const error = await journal.append(entry('a', 'intent')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe('JOURNAL_UNWRITABLE');
    expect((error as UserFacingError).message).toMatch(/could not be written \((EEXIST|ENOTDIR)\)/);
    expect((error as UserFacingError).hint).toMatch(/SYNCMATCH_DATA_DIR/);
  });
});

describe('unfinished writes', () => {
  it('lists an intent without a result and a result that could not tell', async () => {
    const journal = openJsonlJournal(path);
    await journal.append(entry('done1', 'intent'));
    await journal.append(entry('done1', 'result'));
    await journal.append(
      entry('lost', 'intent', { target: { id: 'u2', userPrincipalName: 'ann@contoso.com' } }),
    );
    await journal.append(
      entry('cut', 'intent', { target: { id: 'u3', userPrincipalName: 'bob@contoso.com' } }),
    );
    await journal.append(
      entry('cut', 'result', {
        target: { id: 'u3', userPrincipalName: 'bob@contoso.com' },
        result: 'unknown',
        error: 'the connection dropped',
      }),
    );
    const sentences = await journal.unfinishedWrites();
    expect(sentences).toHaveLength(2);
    expect(sentences[0]).toBe(
      'Write lost (SET_IMMUTABLE_ID on ann@contoso.com in contoso.onmicrosoft.com, 2026-01-14 09:30 UTC, by ann) ' +
        'has no recorded result: the program stopped after announcing it, so it may or may not have reached the tenant. ' +
        'Diagnose ann@contoso.com again to see what the tenant holds now.',
    );
    expect(sentences[1]).toMatch(/^Write cut .* could not tell whether it landed \(the connection dropped\)/);
  });

  it('stops reporting one once a later write on the same user has a known result', async () => {
    const journal = openJsonlJournal(path);
    await journal.append(entry('lost', 'intent'));
    await journal.append(entry('other-tenant', 'intent', { tenant: 'fabrikam.onmicrosoft.com' }));
    await journal.append(entry('other-tenant', 'result', { tenant: 'fabrikam.onmicrosoft.com' }));
    expect(await journal.unfinishedWrites()).toHaveLength(1);
    await journal.append(entry('later', 'intent'));
    await journal.append(entry('later', 'result', { result: 'failed', error: 'refused' }));
    expect(await journal.unfinishedWrites()).toEqual([]);
  });
});
