// `journal undo` finds entries of the other journal (issue 13 point 7): a lab entry asked for
// without --lab, or a real one asked for with --lab, is named with the journal it is in and how to
// list it, never just "no such entry"; nothing is connected or written.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyStep } from '../../src/app/apply-step.js';
import { journalListCommand, journalUndoCommand } from '../../src/commands/journal.js';
import type { JournalCommandIo } from '../../src/commands/journal.js';
import type { Output } from '../../src/commands/output.js';
import { setStep, world } from './apply-step-fixtures.js';

function capture(): Output & { stderr: string[] } {
  const stderr: string[] = [];
  return {
    stderr,
    color: false,
    json: false,
    data: () => undefined,
    json_: () => undefined,
    status: (t) => void stderr.push(t),
    verbose: () => undefined,
    paint: (_s, t) => t,
  };
}

async function twoJournals() {
  const lab = world();
  const labEntry = await applyStep(
    { tenant: lab.tenant, journal: lab.journal, operator: 'ann', clock: lab.clock },
    setStep(),
  );
  const realPath = join(mkdtempSync(join(tmpdir(), 'sm-real-')), 'journal.jsonl');
  let opened = 0;
  const edges = (out: Output): Partial<JournalCommandIo> => ({
    out,
    journalPath: (o) => (o.lab ? lab.path : realPath),
    openEnvironment: async () => {
      opened += 1;
      throw new Error('must not connect');
    },
    operator: () => 'bob',
    interactive: () => false,
  });
  return { labId: labEntry.journalId!, labPath: lab.path, realPath, edges, opened: () => opened };
}

describe('journal undo across the lab and real journals', () => {
  it('a lab entry asked for without --lab: says it is in the lab journal and how to list it', async () => {
    const j = await twoJournals();
    const run = journalUndoCommand(j.labId, { yes: true }, j.edges(capture()));
    await expect(run).rejects.toThrow(
      `Entry ${j.labId} was written in a lab run: it is in the lab journal, ${j.labPath}.`,
    );
    await expect(journalUndoCommand(j.labId, { yes: true }, j.edges(capture()))).rejects.toMatchObject({
      hint: "List the lab's entries with 'syncmatch journal --lab'.",
    });
    expect(j.opened()).toBe(0);
  });

  it('with --lab, the lab entry is found and refused with the reason', async () => {
    const j = await twoJournals();
    await expect(journalUndoCommand(j.labId, { yes: true, lab: true }, j.edges(capture()))).rejects.toThrow(
      /was written in a lab run, and every lab run starts again from its scenario/,
    );
  });

  it('an id in neither journal is still "no such entry"', async () => {
    const j = await twoJournals();
    await expect(journalUndoCommand('260101-000000-zzzz', { yes: true }, j.edges(capture()))).rejects.toThrow(
      'There is no journal entry "260101-000000-zzzz".',
    );
  });

  it('the real journal list points at the lab one', async () => {
    const j = await twoJournals();
    const out = capture();
    await journalListCommand({}, j.edges(out));
    expect(out.stderr).toContain("Lab runs keep their own journal: 'syncmatch journal --lab' lists them.");
  });
});
