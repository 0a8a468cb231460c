// The mS-DS-ConsistencyGuid write (issue 21) against the real second forest (Samba, NEW.EXAMPLE):
// the LDAP modify itself, then the guarded, journalled SET_CONSISTENCY_GUID step through applyStep
// (stale-plan guard, intent before the write, read back, result) and `journal undo` putting the
// previous value back — each followed by a fresh read from the DC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForestDirectory, type ForestDirectory } from '../../src/adapters/ldap/forest-directory.js';
import { applyStep } from '../../src/app/apply-step.js';
import { combineForests } from '../../src/app/forests.js';
import { undoEntry } from '../../src/app/undo.js';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { journalUndoCommand } from '../../src/commands/journal.js';
import { EXIT } from '../../src/core/errors.js';
import type { PlanStep } from '../../src/core/plan-types.js';
import type { OnPremDirectory, OnPremWriter } from '../../src/ports.js';
import { FOREST2_SEED } from '../contract/multi-forest.contract.js';
import { SEED } from '../contract/on-prem-directory.contract.js';
import { world, type World } from '../app/apply-step-fixtures.js';
import { forest2, labForest, newForest } from './forest2-service.js';
import { samba } from './ldap-service.js';

const TARGET = FOREST2_SEED.writeTarget.guid;
const OLD_ANCHOR = SEED.john.guid; // the old forest's objectGUID, as a migration stamps it

function stampStep(before: string | null, after: string | null): PlanStep {
  return {
    action: 'SET_CONSISTENCY_GUID',
    description: `Stamp the new account with the old account's anchor ${after}.`,
    because: ['TEST'],
    reversible: true,
    writes: true,
    precondition: {
      kind: 'adObject',
      objectId: TARGET,
      expect: { consistencyGuid: before },
      description: `The new account's mS-DS-ConsistencyGuid is still ${before ?? 'empty'}.`,
    },
    objectId: TARGET,
    objectUpn: 'guid.target@new.example',
    change: { property: 'mS-DS-ConsistencyGuid', before, after },
  };
}

describe.skipIf(!samba || !forest2)('mS-DS-ConsistencyGuid write against the second Samba forest', () => {
  let writerForest: ForestDirectory;
  let readerForest: ForestDirectory;
  let ad: OnPremDirectory & OnPremWriter;
  let w: World;
  const reread = async () => (await readerForest.readByGuid(TARGET))?.consistencyGuid ?? null;

  beforeAll(async () => {
    const writer = { bindDn: forest2!.writerUpn, password: forest2!.writerPassword };
    writerForest = await createForestDirectory(newForest(forest2!, writer));
    readerForest = await createForestDirectory(newForest(forest2!));
    ad = combineForests([await createForestDirectory(labForest(samba!)), writerForest]);
    await writerForest.setConsistencyGuid(TARGET, null); // a clean start after an interrupted run
    w = world();
  });
  afterAll(async () => {
    await writerForest?.setConsistencyGuid(TARGET, null).catch(() => undefined);
    await ad?.close();
    await readerForest?.close();
  });

  it('the adapter writes the 16 bytes, replaces them, clears them, and clearing twice is no error', async () => {
    await writerForest.setConsistencyGuid(TARGET, OLD_ANCHOR.toUpperCase());
    expect(await reread()).toBe(OLD_ANCHOR);
    await writerForest.setConsistencyGuid(TARGET, FOREST2_SEED.nina.guid);
    expect(await reread()).toBe(FOREST2_SEED.nina.guid);
    await writerForest.setConsistencyGuid(TARGET, null);
    expect(await reread()).toBeNull();
    await writerForest.setConsistencyGuid(TARGET, null);
    expect(await reread()).toBeNull();
  });

  it('a group or contact is never written, whatever the account may do', async () => {
    await expect(ad.setConsistencyGuid(SEED.group.guid, OLD_ANCHOR)).rejects.toMatchObject({
      code: 'AD_NOT_A_USER',
    });
  });

  it('an account without the right is refused with a sentence naming it, and nothing changes', async () => {
    await expect(readerForest.setConsistencyGuid(TARGET, OLD_ANCHOR)).rejects.toMatchObject({
      code: 'LDAP_WRITE_DENIED',
      message: expect.stringContaining(forest2!.bindUpn),
    });
    expect(await reread()).toBeNull();
  });

  it('a plan step writes guarded and journalled, and journal undo restores the previous value', async () => {
    const deps = {
      tenant: w.tenant,
      journal: w.journal,
      operator: 'tester',
      clock: w.clock,
      onPrem: { directory: ad, writer: ad },
    };
    const done = await applyStep(deps, stampStep(null, OLD_ANCHOR));
    expect(done).toMatchObject({ status: 'done', action: 'SET_CONSISTENCY_GUID' });
    expect(done.detail).toContain('new.example');
    expect(await reread()).toBe(OLD_ANCHOR);
    const [intent, result] = w.lines();
    expect(intent).toMatchObject({
      phase: 'intent',
      id: done.journalId,
      step: 'SET_CONSISTENCY_GUID',
      target: { id: TARGET, userPrincipalName: 'guid.target@new.example' },
      property: 'mS-DS-ConsistencyGuid',
      before: null,
      after: OLD_ANCHOR,
      reversible: true,
    });
    expect(result).toMatchObject({
      phase: 'result',
      result: 'done',
      adState: { consistencyGuid: OLD_ANCHOR, forest: 'new.example' },
    });

    // The same plan again is stale now: nothing is written.
    const stale = await applyStep(deps, stampStep(null, FOREST2_SEED.nina.guid));
    expect(stale).toMatchObject({ status: 'failed', stale: true });
    expect(stale.detail).toContain('consistencyGuid was empty when planned');
    expect(await reread()).toBe(OLD_ANCHOR);
    expect(w.lines()).toHaveLength(2);

    const undone = await undoEntry(deps, done.journalId!);
    expect(undone).toMatchObject({ status: 'done' });
    expect(await reread()).toBeNull();
    const undoIntent = w.lines()[2]!;
    expect(undoIntent).toMatchObject({ undoOf: done.journalId, before: OLD_ANCHOR, after: null });

    // Undone once: a second undo is refused.
    const again = await undoEntry(deps, done.journalId!);
    expect(again.status).toBe('failed');
    expect(again.detail).toContain('already reverted');
  });

  it("`syncmatch journal undo <id>` reverts the AD write through the environment's writer", async () => {
    const deps = {
      tenant: w.tenant,
      journal: w.journal,
      operator: 'tester',
      clock: w.clock,
      onPrem: { directory: ad, writer: ad },
    };
    const done = await applyStep(deps, stampStep(null, OLD_ANCHOR));
    expect(await reread()).toBe(OLD_ANCHOR);
    const status: string[] = [];
    const code = await journalUndoCommand(
      done.journalId!,
      { yes: true },
      {
        out: {
          color: false,
          json: false,
          data: () => {},
          json_: () => {},
          status: (t) => void status.push(t),
          verbose: () => {},
          paint: (_s, t) => t,
        },
        journalPath: () => w.path,
        openEnvironment: async () => ({
          tenant: w.tenant,
          journal: w.journal,
          directory: ad,
          onPremWriter: ad,
          close: async () => {},
        }),
        operator: () => 'tester',
        interactive: () => false,
      },
    );
    expect(code).toBe(EXIT.ok);
    expect(status.join('\n')).toContain(
      `mS-DS-ConsistencyGuid of guid.target@new.example goes from "${OLD_ANCHOR}" back to empty`,
    );
    expect(await reread()).toBeNull();
  });

  it('read-only services skip the step and AD keeps its value', async () => {
    const services = createWizardServices({
      label: 'test',
      directory: ad,
      onPremWriter: ad,
      tenant: w.tenant,
      trigger: { name: 'none', startDeltaSync: () => Promise.reject(new Error('no sync')) },
      sync: { sourceAnchor: 'mS-DS-ConsistencyGuid', scope: [] },
      journal: w.journal,
      clock: w.clock,
      operator: 'tester',
      readOnly: true,
    });
    const before = w.lines().length;
    const outcome = await services.applyStep(stampStep(null, OLD_ANCHOR), undefined as never);
    expect(outcome.status).toBe('skipped');
    expect(await reread()).toBeNull();
    expect(w.lines()).toHaveLength(before);
  });

  it('without an AD writer the step fails before anything is journalled', async () => {
    const before = w.lines().length;
    const outcome = await applyStep(
      { tenant: w.tenant, journal: w.journal, operator: 'tester' },
      stampStep(null, OLD_ANCHOR),
    );
    expect(outcome.status).toBe('failed');
    expect(w.lines()).toHaveLength(before);
    expect(await reread()).toBeNull();
  });
});
