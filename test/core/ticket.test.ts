// Undo that tells the truth (issue 13 point 7): each write's summary line gives its journal id and
// the undo command, or why there is none.
import { describe, expect, it } from 'vitest';
import type { StepOutcome } from '../../src/app/services.js';
import { ticketMarkdown, ticketText } from '../../src/core/ticket/render.js';
import { buildTicket, undoNote } from '../../src/core/ticket/ticket.js';
import { matched, purgeStep, setIdStep, staleImmutableId } from './wizard-fixtures.js';

const done: StepOutcome = {
  action: 'SET_IMMUTABLE_ID',
  status: 'done',
  detail: 'Set.',
  journalId: '260114-093000-abcd',
  undoCommand: 'syncmatch journal undo 260114-093000-abcd',
};
const real = { lab: false, matched: false, journalPath: '/j' };

describe('undoNote', () => {
  it('before the sync: the command, and until when it works', () => {
    expect(undoNote(done, setIdStep, real)).toEqual({
      command: 'syncmatch journal undo 260114-093000-abcd',
      note: 'undo possible until the next sync joins the user: after that Graph refuses edits of a synced user',
    });
  });
  it('after the sync joined the user: no command, and why', () => {
    const u = undoNote(done, setIdStep, { ...real, matched: true });
    expect(u.command).toBeNull();
    expect(u.note).toMatch(/^no undo any more: the sync has joined the user and Graph refuses edits/);
  });
  it('a purge is permanent', () => {
    const u = undoNote({ ...done, action: 'PURGE_DELETED_USER', undoCommand: undefined }, purgeStep, real);
    expect(u).toEqual({
      command: null,
      note: 'no undo: a purge is permanent; the object was exported into the journal entry first',
    });
  });
  it('a lab write says where its entry is', () => {
    const u = undoNote({ ...done, undoCommand: undefined }, setIdStep, { ...real, lab: true });
    expect(u.note).toContain('syncmatch journal --lab');
  });
  it('a failed write has nothing to undo but names its entry', () => {
    const u = undoNote({ ...done, status: 'failed', undoCommand: undefined }, setIdStep, real);
    expect(u.note).toBe(
      'no undo: the write did not complete; entry 260114-093000-abcd records what is known',
    );
  });
});

describe('the ticket', () => {
  it('pairs each write with its plan step: before → after, journal id and undo', () => {
    const t = buildTicket({
      environment: 'profile: contoso',
      lab: false,
      journalPath: '/j',
      before: staleImmutableId,
      after: staleImmutableId,
      outcomes: [done],
      at: '2026-01-14T09:31:00.000Z',
    });
    expect(t.writes).toEqual([
      expect.objectContaining({
        action: 'SET_IMMUTABLE_ID',
        before: setIdStep.change!.before,
        after: setIdStep.change!.after,
        journalId: '260114-093000-abcd',
        undoCommand: 'syncmatch journal undo 260114-093000-abcd',
      }),
    ]);
    expect(t.matched).toBe(false);
    expect(ticketText(t)).toContain(
      'journal 260114-093000-abcd; undo: syncmatch journal undo 260114-093000-abcd',
    );
  });

  it('escapes directory values in Markdown: no table break, no HTML, no control character', () => {
    const hostile = {
      ...matched,
      onPrem: { ...matched.onPrem!, dn: 'CN=a|b <img src=x>\u001b[2J`x`,DC=c' },
    };
    const md = ticketMarkdown(
      buildTicket({
        environment: 'lab: x',
        lab: true,
        journalPath: '/j',
        before: hostile,
        after: hostile,
        outcomes: [],
        at: 'now',
      }),
    );
    const row = md.split('\n').find((l) => l.startsWith('| name |'))!;
    expect(row).toContain('``CN=a\\|b <img src=x>\\u001b[2J`x`,DC=c``');
    expect(row.split(/(?<!\\)\|/)).toHaveLength(5);
    expect(md).not.toContain('\u001b');
  });
});

describe('a read-only diagnosis for the hand-off', () => {
  it('lists the write steps as still to do, with their PowerShell, for the second line', () => {
    const t = buildTicket({
      environment: 'profile: contoso',
      lab: false,
      journalPath: '/j',
      before: staleImmutableId,
      after: staleImmutableId,
      outcomes: [],
      readOnly: true,
      at: 'now',
    });
    expect(t.writes).toEqual([]);
    const write = t.pending.find((p) => p.action === 'SET_IMMUTABLE_ID')!;
    expect(write.description).toMatch(
      /\(a write: for someone with write rights, or by hand with its PowerShell\)$/,
    );
    expect(ticketMarkdown(t)).toContain('Nothing was written.');
  });
});
