import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJsonlJournal } from '../../src/adapters/journal/jsonl-journal.js';
import { UserFacingError } from '../../src/core/errors.js';
import { applyStep } from '../../src/app/apply-step.js';
import type { JournalEntry } from '../../src/ports.js';
import {
  clearStep,
  DELETED_ID,
  deletedStep,
  deps,
  moveUpnStep,
  NEW,
  OLD,
  setStep,
  USER_ID,
  world,
} from './apply-step-fixtures.js';

describe('applyStep: the write-ahead journal', () => {
  it('has the intent on disk before the tenant write is called, and the result after', async () => {
    const w = world();
    const seenDuringWrite: JournalEntry[][] = [];
    w.tenant.beforeWrite = () => void seenDuringWrite.push(w.lines());
    const outcome = await applyStep(deps(w), setStep());

    expect(seenDuringWrite).toHaveLength(1);
    expect(seenDuringWrite[0]!.map((e) => e.phase)).toEqual(['intent']);
    const [intent, result] = w.lines();
    expect(intent).toMatchObject({
      phase: 'intent',
      operator: 'ann',
      tenant: 'contoso.onmicrosoft.com',
      target: { id: USER_ID, userPrincipalName: 'jdoe@contoso.com' },
      step: 'SET_IMMUTABLE_ID',
      property: 'onPremisesImmutableId',
      before: OLD,
      after: NEW,
      reversible: true,
    });
    expect(intent!.id).toMatch(/^260114-0930\d\d-[0-9a-z]{4}$/);
    expect(result).toMatchObject({ id: intent!.id, phase: 'result', result: 'done' });
    expect(result!.state?.onPremisesImmutableId).toBe(NEW);
    expect(outcome).toEqual({
      action: 'SET_IMMUTABLE_ID',
      status: 'done',
      detail: `The immutableId of jdoe@contoso.com is now "${NEW}" (was "${OLD}"); read back to confirm.`,
      journalId: intent!.id,
      undoCommand: `syncmatch journal undo ${intent!.id}`,
    });
    expect(w.tenant.users[0]!.onPremisesImmutableId).toBe(NEW);
  });

  it('names the undo command as the caller spells it, or none where no later command can undo', async () => {
    const w = world();
    const profiled = await applyStep(
      { ...deps(w), undoCommand: (id) => `syncmatch --profile acme journal undo ${id}` },
      clearStep(),
    );
    expect(profiled.undoCommand).toBe(`syncmatch --profile acme journal undo ${profiled.journalId}`);
    const w2 = world();
    const lab = await applyStep({ ...deps(w2), undoCommand: null }, clearStep());
    expect(lab.status).toBe('done');
    expect(lab.undoCommand).toBeUndefined();
  });

  it('clears the immutableId with null, never an empty string', async () => {
    const w = world();
    const outcome = await applyStep(deps(w), clearStep());
    expect(outcome.status).toBe('done');
    expect(w.tenant.writes).toEqual([{ method: 'setImmutableId', id: USER_ID, value: null }]);
    expect(w.lines().map((e) => [e.phase, e.before, e.after])).toEqual([
      ['intent', OLD, null],
      ['result', OLD, null],
    ]);
  });

  it('moves the UPN and records the old one for undo', async () => {
    const w = world();
    const outcome = await applyStep(deps(w), moveUpnStep());
    expect(outcome.status).toBe('done');
    expect(outcome.detail).toBe(
      'The user principal name "jdoe@contoso.com" is now "jdoe@contoso.onmicrosoft.com"; read back to confirm.',
    );
    expect(w.lines()[0]).toMatchObject({ before: 'jdoe@contoso.com', after: 'jdoe@contoso.onmicrosoft.com' });
  });

  it('exports the whole deleted object into the intent before purging it, and marks it irreversible', async () => {
    const w = world();
    const original = structuredClone(w.tenant.deletedUsers[0]);
    w.tenant.beforeWrite = () => {
      expect(w.lines()[0]!.exported).toEqual(original);
    };
    const outcome = await applyStep(deps(w), deletedStep('PURGE_DELETED_USER'));
    expect(outcome.status).toBe('done');
    expect(outcome.undoCommand).toBeUndefined();
    expect(w.tenant.deletedUsers).toEqual([]);
    const [intent, result] = w.lines();
    expect(intent).toMatchObject({ step: 'PURGE_DELETED_USER', reversible: false, exported: original });
    expect(result).toMatchObject({ result: 'done', state: null, after: 'permanently deleted' });
    expect(result!.exported).toBeUndefined();
  });

  it('restores a recycle-bin user and confirms it is active', async () => {
    const w = world();
    const outcome = await applyStep(deps(w), deletedStep('RESTORE_DELETED_USER'));
    expect(outcome).toMatchObject({
      status: 'done',
      detail: expect.stringMatching(/restored .* active user again/),
    });
    expect(w.tenant.users.map((u) => u.id)).toContain(DELETED_ID);
    expect(w.lines()[1]).toMatchObject({ result: 'done', reversible: false });
  });
});

describe('applyStep: the stale-plan guard', () => {
  it('writes nothing and journals nothing when a guarded value changed since the plan', async () => {
    const w = world();
    w.tenant.users[0]!.onPremisesImmutableId = 'c29tZW9uZS1lbHNl';
    const outcome = await applyStep(deps(w), setStep());
    expect(outcome).toEqual({
      action: 'SET_IMMUTABLE_ID',
      status: 'failed',
      stale: true,
      detail:
        `Nothing was written: jdoe@contoso.com changed since the diagnosis (onPremisesImmutableId was "${OLD}" ` +
        'when planned and is "c29tZW9uZS1lbHNl" now). Someone else may be working on this user; re-diagnose before changing anything.',
    });
    expect(w.tenant.writes).toEqual([]);
    expect(() => readFileSync(w.path)).toThrow(/ENOENT/);
  });

  it('names every property that differs, booleans included', async () => {
    const w = world();
    w.tenant.users[0]!.onPremisesSyncEnabled = true;
    w.tenant.users[0]!.onPremisesImmutableId = null;
    const outcome = await applyStep(
      deps(w),
      setStep({ onPremisesImmutableId: OLD, onPremisesSyncEnabled: null }),
    );
    expect(outcome.stale).toBe(true);
    expect(outcome.detail).toMatch(
      /onPremisesImmutableId was ".*" when planned and is empty now; onPremisesSyncEnabled was empty when planned and is true now/,
    );
    expect(w.tenant.writes).toEqual([]);
  });

  it('treats a UPN that differs only in case as unchanged, as Graph does', async () => {
    const w = world();
    const step = moveUpnStep();
    step.precondition.expect = { userPrincipalName: 'JDoe@Contoso.com' };
    expect((await applyStep(deps(w), step)).status).toBe('done');
  });

  it('stops when the object is gone', async () => {
    const w = world();
    w.tenant.deletedUsers = [];
    const outcome = await applyStep(deps(w), deletedStep('PURGE_DELETED_USER'));
    expect(outcome).toMatchObject({ status: 'failed', stale: true });
    expect(outcome.detail).toBe(
      'Nothing was written: jdoe.old@contoso.com is no longer in the recycle bin since the diagnosis. ' +
        'Someone else may be working on this user; re-diagnose before changing anything.',
    );
    expect(w.tenant.writes).toEqual([]);
  });

  it('writes nothing when the re-read itself fails', async () => {
    const w = world();
    w.tenant.readFailure = new UserFacingError(
      'Graph did not answer in 30 s.',
      'GRAPH_TIMEOUT',
      'Check the network.',
    );
    const outcome = await applyStep(deps(w), setStep());
    expect(outcome.status).toBe('failed');
    expect(outcome.detail).toBe(
      'Nothing was written: could not re-read jdoe@contoso.com first. Graph did not answer in 30 s. Try: Check the network.',
    );
    expect(w.tenant.writes).toEqual([]);
  });
});

describe('applyStep: failed and uncertain writes', () => {
  it('journals a refused write as failed, with the error and the re-read state', async () => {
    const w = world();
    w.tenant.users[0]!.onPremisesSyncEnabled = true; // Graph refuses edits to synced users
    const outcome = await applyStep(deps(w), setStep());
    expect(outcome.status).toBe('failed');
    expect(outcome.detail).toBe(
      'Could not change the immutableId of jdoe@contoso.com: Unable to update the specified properties for on-premises ' +
        'mastered Directory Sync objects or objects currently undergoing migration. Try: Check the user in the Entra admin center. ' +
        `Read back after the failure: onPremisesImmutableId = "${OLD}".`,
    );
    const result = w.lines()[1]!;
    expect(result).toMatchObject({
      phase: 'result',
      result: 'failed',
      error: expect.stringMatching(/^Unable to update/),
    });
    expect(result.state).toMatchObject({
      id: USER_ID,
      onPremisesImmutableId: OLD,
      onPremisesSyncEnabled: true,
    });
    expect(outcome.journalId).toBe(result.id);
  });

  it('journals a 500 on the write as failed, and a duplicate value too', async () => {
    const w = world();
    w.tenant.beforeWrite = () => {
      throw new UserFacingError('Graph answered 500 Internal Server Error.', 'GRAPH_500');
    };
    expect((await applyStep(deps(w), setStep())).status).toBe('failed');
    w.tenant.beforeWrite = undefined;
    w.tenant.users[1]!.onPremisesImmutableId = NEW;
    const dup = await applyStep(deps(w), setStep());
    expect(dup.detail).toMatch(
      /Another object with the same value for property onPremisesImmutableId already exists\./,
    );
    expect(
      w
        .lines()
        .filter((e) => e.phase === 'result')
        .map((e) => e.result),
    ).toEqual(['failed', 'failed']);
  });

  it('records done when the reply was lost but the value landed', async () => {
    const w = world();
    w.tenant.afterWrite = () => {
      throw new Error('socket hang up');
    };
    const outcome = await applyStep(deps(w), setStep());
    expect(outcome.status).toBe('done');
    expect(outcome.detail).toMatch(
      /reported "Unexpected error: socket hang up\.", but the value is in place/,
    );
    expect(w.lines()[1]).toMatchObject({ result: 'done', error: 'Unexpected error: socket hang up.' });
  });

  it('records unknown when the request was cut off and nothing can be read back', async () => {
    const w = world();
    w.tenant.beforeWrite = () => {
      w.tenant.readFailure = new Error('ECONNRESET');
      throw new Error('ECONNRESET');
    };
    const outcome = await applyStep(deps(w), setStep());
    expect(outcome.status).toBe('failed');
    expect(outcome.detail).toMatch(/Reading it back failed as well.*Whether the write landed is unknown/);
    expect(w.lines()[1]).toMatchObject({ result: 'unknown' });
    expect(w.lines()[1]!.state).toBeUndefined();
    expect(await w.journal.unfinishedWrites()).toEqual([
      expect.stringMatching(/could not tell whether it landed/),
    ]);
  });

  it('reads back again when Graph lags behind the write', async () => {
    const w = world();
    w.tenant.readLag = 1;
    const outcome = await applyStep(deps(w), setStep());
    expect(outcome.status).toBe('done');
    expect(w.clock.sleeps).toEqual([1000]);
  });

  it('fails, and leaves the result unknown, when the accepted value never shows', async () => {
    const w = world();
    w.tenant.readLag = 10;
    const outcome = await applyStep(deps(w), setStep());
    expect(outcome.status).toBe('failed');
    expect(outcome.detail).toBe(
      `Could not change the immutableId of jdoe@contoso.com: the tenant accepted the write, but reading it back shows ` +
        `onPremisesImmutableId = "${OLD}", not "${NEW}". Diagnose jdoe@contoso.com again before going on.`,
    );
    expect(w.clock.sleeps).toEqual([1000, 3000]);
    expect(w.lines()[1]).toMatchObject({ result: 'unknown' });
  });

  it('writes nothing to the tenant when the journal cannot record the intent', async () => {
    const w = world();
    const blocked = openJsonlJournal(join(w.path, 'under-a-file', 'journal.jsonl'));
    await w.journal.append({ ...({} as JournalEntry), id: 'x', phase: 'intent' }); // makes w.path a file
    const outcome = await applyStep({ ...deps(w), journal: blocked }, setStep());
    expect(outcome.status).toBe('failed');
    expect(outcome.detail).toMatch(
      /^Nothing was written to the tenant: the journal could not record the write first\./,
    );
    expect(w.tenant.writes).toEqual([]);
  });

  it('fails a plan step that has no value to set, without writing', async () => {
    const w = world();
    const step = setStep();
    step.change = { property: 'onPremisesImmutableId', before: OLD, after: null };
    expect(await applyStep(deps(w), step)).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(/bug in the plan/),
    });
    expect(w.tenant.writes).toEqual([]);
  });
});

describe('applyStep: cancelling and steps it does not handle', () => {
  it('writes nothing when cancelled before it starts', async () => {
    const w = world();
    const controller = new AbortController();
    controller.abort();
    const outcome = await applyStep(deps(w), setStep(), controller.signal);
    expect(outcome).toMatchObject({
      status: 'skipped',
      detail: 'Cancelled before writing: nothing was written.',
    });
    expect(w.tenant.writes).toEqual([]);
  });

  it('records "cancelled" when cancelled after the intent but before sending', async () => {
    const w = world();
    const controller = new AbortController();
    const journal = {
      ...w.journal,
      async append(entry: JournalEntry) {
        await w.journal.append(entry);
        if (entry.phase === 'intent') controller.abort();
      },
    };
    const outcome = await applyStep({ ...deps(w), journal }, setStep(), controller.signal);
    expect(outcome.status).toBe('skipped');
    expect(w.tenant.writes).toEqual([]);
    expect(w.lines().map((e) => e.result ?? e.phase)).toEqual(['intent', 'cancelled']);
    expect(await w.journal.unfinishedWrites()).toEqual([]);
  });

  it('records the real result when cancelled while the write is in flight', async () => {
    const w = world();
    const controller = new AbortController();
    w.tenant.beforeWrite = () => controller.abort();
    const outcome = await applyStep(deps(w), setStep(), controller.signal);
    expect(outcome.status).toBe('done');
    expect(w.lines()[1]).toMatchObject({ result: 'done' });
  });

  it.each(['MANUAL', 'TRIGGER_DELTA_SYNC', 'VERIFY_MATCH'] as const)(
    'skips %s: not a write',
    async (action) => {
      const w = world();
      const outcome = await applyStep(deps(w), { ...setStep(), action, writes: false });
      expect(outcome.status).toBe('skipped');
      expect(w.tenant.writes).toEqual([]);
    },
  );
});
