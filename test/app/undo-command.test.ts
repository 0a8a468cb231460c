// The journal commands end to end: the real JSONL journal and command code, with the tenant, the
// terminal and the prompt replaced at the edges (JournalCommandIo).
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openJsonlJournal } from '../../src/adapters/journal/jsonl-journal.js';
import { applyStep } from '../../src/app/apply-step.js';
import { journalListCommand, journalUndoCommand } from '../../src/commands/journal.js';
import type { JournalCommandIo } from '../../src/commands/journal.js';
import type { Output } from '../../src/commands/output.js';
import { run } from '../../src/commands/run.js';
import { EXIT, UsageError, UserFacingError } from '../../src/core/errors.js';
import { memoryTenant } from '../helpers/memory-tenant.js';
import { deletedStep, NEW, OLD, setStep, USER_ID, world } from './apply-step-fixtures.js';

function capture(json = false): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    color: false,
    json,
    data: (t) => void stdout.push(t),
    json_: (v) => void stdout.push(JSON.stringify(v)),
    status: (t) => void stderr.push(t),
    verbose: () => undefined,
    paint: (_s, t) => t,
  };
}

async function journalled() {
  const w = world();
  const done = await applyStep(
    { tenant: w.tenant, journal: w.journal, operator: 'ann', clock: w.clock },
    setStep(),
  );
  return { w, id: done.journalId! };
}

function io(w: ReturnType<typeof world>, out: Output, extra: Partial<JournalCommandIo> = {}) {
  const opened = { count: 0, closed: 0 };
  const edges: Partial<JournalCommandIo> = {
    out,
    journalPath: () => w.path,
    openEnvironment: async () => {
      opened.count += 1;
      return { tenant: w.tenant, close: async () => void (opened.closed += 1) };
    },
    operator: () => 'bob',
    interactive: () => false,
    confirm: async () => false,
    ...extra,
  };
  return { edges, opened };
}

afterEach(() => vi.restoreAllMocks());

describe('syncmatch journal', () => {
  it('lists writes as a table and flags the ones without a result', async () => {
    const { w, id } = await journalled();
    await w.journal.append({ ...w.lines()[0]!, id: 'lost-0001' });
    const out = capture();
    expect(await journalListCommand({}, io(w, out).edges)).toBe(EXIT.ok);
    const [header, first, second] = out.stdout[0]!.split('\n');
    expect(header).toMatch(/^ID\s+TIME \(UTC\)\s+USER\s+STEP\s+RESULT$/);
    expect(first).toMatch(
      new RegExp(
        `^${id}\\s+2026-01-14 09:30\\s+jdoe@contoso\\.com\\s+SET_IMMUTABLE_ID\\s+done \\(reversible\\)$`,
      ),
    );
    expect(second).toMatch(/^lost-0001 .* ! no result$/);
    expect(out.stderr[0]).toBe(`Journal: ${w.path} (tenant contoso.onmicrosoft.com)`);
    expect(out.stderr.join('\n')).toMatch(/One write has no known result/);

    // With writes in two tenants, the table says which is which.
    await w.journal.append({ ...w.lines()[0]!, id: 'other-0001', tenant: 'fabrikam.onmicrosoft.com' });
    const out2 = capture();
    await journalListCommand({}, io(w, out2).edges);
    expect(out2.stdout[0]!.split('\n')[0]).toMatch(/^ID\s+TIME \(UTC\)\s+TENANT\s+USER/);
    expect(out2.stdout[0]).toMatch(/other-0001 .* fabrikam\.onmicrosoft\.com /);
  });

  it('prints the entries with --json', async () => {
    const { w, id } = await journalled();
    const out = capture(true);
    await journalListCommand({ json: true }, io(w, out).edges);
    const printed = JSON.parse(out.stdout[0]!);
    expect(printed.path).toBe(w.path);
    expect(printed.entries.map((e: { id: string; phase: string }) => `${e.id}:${e.phase}`)).toEqual([
      `${id}:intent`,
      `${id}:result`,
    ]);
    expect(printed.unfinished).toEqual([]);
  });

  it('says so when nothing was journalled, and warns about a torn line without failing', async () => {
    const w = world();
    const out = capture();
    expect(await journalListCommand({}, io(w, out).edges)).toBe(EXIT.ok);
    expect(out.stderr).toEqual([`No writes journalled yet (${w.path}).`]);

    appendFileSync(w.path, '{"id":"half","at":"2026');
    const out2 = capture();
    expect(await journalListCommand({}, io(w, out2).edges)).toBe(EXIT.ok);
    expect(out2.stderr[0]).toMatch(/^warning: The last line of journal\.jsonl \(line 1\) is incomplete/);
  });
});

describe('syncmatch journal undo', () => {
  it('refuses without --yes when it cannot ask, before connecting to anything', async () => {
    const { w, id } = await journalled();
    const { edges, opened } = io(w, capture());
    const error = await journalUndoCommand(id, {}, edges).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('--yes required when not running interactively.');
    expect((error as UsageError).exitCode).toBe(EXIT.usage);
    expect(opened.count).toBe(0);
    expect(w.tenant.users[0]!.onPremisesImmutableId).toBe(NEW);
  });

  it('reverts with --yes, journals the undo and closes the environment', async () => {
    const { w, id } = await journalled();
    const out = capture();
    const { edges, opened } = io(w, out);
    expect(await journalUndoCommand(id, { yes: true }, edges)).toBe(EXIT.ok);
    expect(w.tenant.users.find((u) => u.id === USER_ID)!.onPremisesImmutableId).toBe(OLD);
    expect(out.stderr[0]).toMatch(
      new RegExp(
        `^Undo ${id}: onPremisesImmutableId of jdoe@contoso\\.com goes from "${NEW}" back to "${OLD}"`,
      ),
    );
    expect(w.lines().slice(2)).toEqual([
      expect.objectContaining({ phase: 'intent', undoOf: id, operator: 'bob' }),
      expect.objectContaining({ phase: 'result', result: 'done', undoOf: id }),
    ]);
    expect(opened).toEqual({ count: 1, closed: 1 });
  });

  it('asks first when interactive, and changes nothing on no', async () => {
    const { w, id } = await journalled();
    const questions: string[] = [];
    const ask = (answer: boolean) => async (q: string) => (questions.push(q), answer);
    const no = io(w, capture(), { interactive: () => true, confirm: ask(false) });
    expect(await journalUndoCommand(id, {}, no.edges)).toBe(EXIT.cancelled);
    expect(w.lines()).toHaveLength(2);
    expect(no.opened.closed).toBe(1);

    const yes = io(w, capture(), { interactive: () => true, confirm: ask(true) });
    expect(await journalUndoCommand(id, {}, yes.edges)).toBe(EXIT.ok);
    expect(questions).toEqual(['Revert it? [y/N] ', 'Revert it? [y/N] ']);
  });

  it('fails with exit 1 when the guard finds the value changed since', async () => {
    const { w, id } = await journalled();
    w.tenant.users[0]!.onPremisesImmutableId = 'c29tZW9uZS1lbHNl';
    const out = capture();
    expect(await journalUndoCommand(id, { yes: true }, io(w, out).edges)).toBe(EXIT.failure);
    expect(out.stderr.at(-1)).toMatch(/^Nothing was written: jdoe@contoso\.com changed since/);
  });

  it('says why it cannot revert a purge, and rejects an unknown id as a usage error', async () => {
    const w = world();
    const purged = await applyStep(
      { tenant: w.tenant, journal: w.journal, operator: 'ann' },
      deletedStep('PURGE_DELETED_USER'),
    );
    const error = await journalUndoCommand(purged.journalId!, { yes: true }, io(w, capture()).edges).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe('UNDO_IRREVERSIBLE');
    expect((error as UserFacingError).exitCode).toBe(EXIT.failure);

    const unknown = await journalUndoCommand('zzz', { yes: true }, io(w, capture()).edges).catch(
      (e: unknown) => e,
    );
    expect(unknown).toBeInstanceOf(UsageError);
  });

  it('refuses to revert in another tenant than the entry was written in', async () => {
    const { w, id } = await journalled();
    const other = memoryTenant({ label: 'fabrikam.onmicrosoft.com' });
    const { edges } = io(w, capture(), {
      openEnvironment: async () => ({ tenant: other, close: async () => undefined }),
    });
    const error = await journalUndoCommand(id, { yes: true }, edges).catch((e: unknown) => e);
    expect((error as UserFacingError).code).toBe('UNDO_OTHER_TENANT');
  });
});

describe('through the real command line', () => {
  it('exits 2 with the sentence when not interactive and --yes is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sm-cli-'));
    vi.stubEnv('SYNCMATCH_DATA_DIR', dir);
    const w = world();
    const journal = openJsonlJournal(join(dir, 'journal.jsonl'));
    const done = await applyStep({ tenant: w.tenant, journal, operator: 'ann' }, setStep());
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
    const code = await run(['node', 'syncmatch', 'journal', 'undo', done.journalId!]);
    expect(code).toBe(EXIT.usage);
    expect(stderr.join('')).toMatch(/^syncmatch: --yes required when not running interactively\.\n {2}Try: /);

    const stdout: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
    expect(await run(['node', 'syncmatch', 'journal', '--json'])).toBe(EXIT.ok);
    expect(JSON.parse(stdout.join('')).entries).toHaveLength(2);
    vi.unstubAllEnvs();
  });
});

describe('syncmatch journal undo --lab', () => {
  it('explains that a lab run left nothing to revert, without opening a lab', async () => {
    const { w, id } = await journalled();
    const { edges, opened } = io(w, capture());
    const error = await journalUndoCommand(id, { lab: 'stale-immutable-id', yes: true }, edges).catch(
      (e: unknown) => e,
    );
    expect((error as UserFacingError).code).toBe('UNDO_LAB');
    expect((error as UserFacingError).message).toMatch(/every lab run starts again from its scenario/);
    expect(opened.count).toBe(0);
  });
});
