import { describe, expect, it } from 'vitest';
import { applyStep } from '../../src/app/apply-step.js';
import { planUndo, undoEntry } from '../../src/app/undo.js';
import { UserFacingError } from '../../src/core/errors.js';
import {
  clearStep,
  deletedStep,
  deps,
  moveUpnStep,
  NEW,
  OLD,
  setStep,
  USER_ID,
  world,
} from './apply-step-fixtures.js';

const user = (w: ReturnType<typeof world>) => w.tenant.users.find((u) => u.id === USER_ID)!;

describe('undo', () => {
  it('sets the immutableId back, journalled as a write of its own that points at the original', async () => {
    const w = world();
    const original = await applyStep(deps(w), setStep());
    const undo = await undoEntry(deps(w), original.journalId!);
    expect(undo.status).toBe('done');
    expect(undo.detail).toBe(
      `The immutableId of jdoe@contoso.com is now "${OLD}" (was "${NEW}"); read back to confirm.`,
    );
    expect(user(w).onPremisesImmutableId).toBe(OLD);
    const lines = w.lines();
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatchObject({
      phase: 'intent',
      undoOf: original.journalId,
      step: 'SET_IMMUTABLE_ID',
      before: NEW,
      after: OLD,
      description: `Undo ${original.journalId}: set the immutableId of jdoe@contoso.com back to "${OLD}".`,
    });
    expect(lines[3]).toMatchObject({ phase: 'result', result: 'done', undoOf: original.journalId });
    // …and the undo can itself be undone.
    const redo = await undoEntry(deps(w), undo.journalId!);
    expect(redo.status).toBe('done');
    expect(user(w).onPremisesImmutableId).toBe(NEW);
  });

  it('puts back a cleared immutableId, and clears one that was empty before a set', async () => {
    const w = world();
    const cleared = await applyStep(deps(w), clearStep());
    expect((await undoEntry(deps(w), cleared.journalId!)).status).toBe('done');
    expect(user(w).onPremisesImmutableId).toBe(OLD);

    const w2 = world();
    user(w2).onPremisesImmutableId = null;
    const set = await applyStep(deps(w2), setStep({ onPremisesImmutableId: null }));
    const plan = planUndo(await w2.journal.read(), set.journalId!, 'contoso.onmicrosoft.com');
    expect(plan).toMatchObject({ ok: true, step: { action: 'CLEAR_IMMUTABLE_ID', change: { after: null } } });
    expect((await undoEntry(deps(w2), set.journalId!)).status).toBe('done');
    expect(user(w2).onPremisesImmutableId).toBeNull();
    expect(w2.tenant.writes.at(-1)).toEqual({ method: 'setImmutableId', id: USER_ID, value: null });
  });

  it('moves a UPN back', async () => {
    const w = world();
    const moved = await applyStep(deps(w), moveUpnStep());
    const undo = await undoEntry(deps(w), moved.journalId!);
    expect(undo.status).toBe('done');
    expect(user(w).userPrincipalName).toBe('jdoe@contoso.com');
    expect(w.lines()[2]!.target.userPrincipalName).toBe('jdoe@contoso.onmicrosoft.com');
  });

  it('refuses, writing nothing, when the object no longer holds what the write set', async () => {
    const w = world();
    const original = await applyStep(deps(w), setStep());
    user(w).onPremisesImmutableId = 'bmV3ZXItdmFsdWU=';
    const writes = w.tenant.writes.length;
    const undo = await undoEntry(deps(w), original.journalId!);
    expect(undo).toMatchObject({ status: 'failed', stale: true });
    expect(undo.detail).toMatch(/onPremisesImmutableId was ".*" when planned and is "bmV3ZXItdmFsdWU=" now/);
    expect(w.tenant.writes).toHaveLength(writes);
    expect(w.lines()).toHaveLength(2);
  });

  it('refuses a second undo of the same entry', async () => {
    const w = world();
    const original = await applyStep(deps(w), setStep());
    const undo = await undoEntry(deps(w), original.journalId!);
    const again = await undoEntry(deps(w), original.journalId!);
    expect(again.status).toBe('failed');
    expect(again.detail).toBe(
      `Entry ${original.journalId} (SET_IMMUTABLE_ID on jdoe@contoso.com) was already reverted by entry ${undo.journalId}. ` +
        `To put the change back, undo ${undo.journalId} instead.`,
    );
  });

  it('refuses purge and restore: Graph cannot take them back', async () => {
    const w = world();
    const purged = await applyStep(deps(w), deletedStep('PURGE_DELETED_USER'));
    const plan = planUndo(await w.journal.read(), purged.journalId!, 'contoso.onmicrosoft.com');
    expect(plan).toMatchObject({
      ok: false,
      code: 'IRREVERSIBLE',
      hint: expect.stringMatching(/exported into the journal/),
    });

    const w2 = world();
    const restored = await applyStep(deps(w2), deletedStep('RESTORE_DELETED_USER'));
    expect(planUndo(await w2.journal.read(), restored.journalId!, 'contoso.onmicrosoft.com')).toMatchObject({
      ok: false,
      code: 'IRREVERSIBLE',
      reason: expect.stringMatching(/only way back is deleting it again/),
    });
  });

  it('refuses failed, cancelled and unfinished writes', async () => {
    const w = world();
    w.tenant.beforeWrite = () => {
      throw new UserFacingError('Graph answered 500.', 'GRAPH_500');
    };
    const failed = await applyStep(deps(w), setStep());
    expect(planUndo(await w.journal.read(), failed.journalId!, 'contoso.onmicrosoft.com')).toMatchObject({
      ok: false,
      code: 'NOT_DONE',
      reason: expect.stringMatching(/failed, so there is nothing to undo/),
    });
    const intentOnly = { ...w.lines()[0]!, id: 'lost-1' };
    await w.journal.append(intentOnly);
    expect(planUndo(await w.journal.read(), 'lost-1', 'contoso.onmicrosoft.com')).toMatchObject({
      ok: false,
      code: 'UNKNOWN_RESULT',
      hint: 'Diagnose jdoe@contoso.com again to see what the tenant holds now.',
    });
  });

  it('refuses an entry written in another tenant, and an id it does not know', async () => {
    const w = world();
    const original = await applyStep(deps(w), setStep());
    const contents = await w.journal.read();
    expect(planUndo(contents, original.journalId!, 'fabrikam.onmicrosoft.com')).toMatchObject({
      ok: false,
      code: 'OTHER_TENANT',
      reason: expect.stringMatching(
        /written in tenant contoso\.onmicrosoft\.com, but this run is connected to fabrikam/,
      ),
    });
    expect(planUndo(contents, 'nope', 'contoso.onmicrosoft.com')).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    // Ids are matched without regard to case or surrounding spaces (they are typed by hand).
    expect(planUndo(contents, ` ${original.journalId!.toUpperCase()} `, 'contoso.onmicrosoft.com').ok).toBe(
      true,
    );
  });
});
