// The purge confirmation and "restore instead" (issue 13, point 5), through the real lab adapters
// (in-memory AD, Graph client → HTTPS simulator, the lab's sync engine): the confirm screen shows
// what goes for good as Graph showed it (id, created and deleted dates, licences, mailbox addresses)
// and why restoring is not offered; where the deleted user is this AD user's own account and Graph
// would accept it, the plan offers to restore it instead, and that walk ends matched to it.
import { describe, expect, it } from 'vitest';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { loadScenario } from '../../src/lab/scenario-loader.js';
import type { Scenario } from '../../src/lab/scenario-schema.js';
import { KEY, renderWizardApp } from './harness.js';
import { instant, labWizardFile, until } from './lab-wizard.js';

const DELETED = 'f7703a62-3a09-4478-8c11-7b7de5feb5ed';
const LIVE = '02f643e0-bf1a-480b-842f-7623947fcbfa';
const labFile = labWizardFile('syncmatch-purge-lab-');

async function lab(scenario: Scenario) {
  const env = await labFile.open(scenario, {});
  const services = createWizardServices({ ...env, clock: instant, operator: 'test', undoCommand: null });
  return { env, services };
}

/** The helpdesk never made a new account: John's own (cloud-only, licensed) user sits in the bin. */
async function ownAccountInTheBin(): Promise<Scenario> {
  const sc = await loadScenario('recycle-bin-leftover');
  sc.tenant.users = sc.tenant.users.filter((u) => u.id !== LIVE);
  const d = sc.tenant.deletedUsers.find((u) => u.id === DELETED)!;
  Object.assign(d, {
    onPremisesImmutableId: null,
    onPremisesSyncEnabled: null,
    onPremisesLastSyncDateTime: null,
  });
  return sc;
}

describe('the purge confirmation says what goes for good', () => {
  it('recycle-bin-leftover: id, dates, licences and mailbox from Graph; restore not offered, and why', async () => {
    const { services } = await lab(await loadScenario('recycle-bin-leftover'));
    const ui = await renderWizardApp(services, { identity: 'jdoe' });
    await until(ui, /Findings/);
    await ui.press(KEY.enter);
    await until(ui, 'Review step 1');
    expect(ui.text()).not.toContain('from the recycle bin instead');
    await ui.press(KEY.enter);
    await until(ui, 'CANNOT be undone');
    const text = ui.text();
    expect(text).toContain(`Object: john.doe@contoso.com (${DELETED})`);
    expect(text).toContain('Created 2023-04-03; deleted 2026-11-01, kept until about 2026-12-01.');
    expect(text).toContain('Licences: 1 (skuId 05e9a617-0261-4cee-bb44-138d3ef5d965), released.');
    expect(text).toContain('Mailbox: had a mailbox address (mail, 2 SMTP); UNVERIFIED, inferred.');
    expect(text).toContain(
      'Restore instead? Not offered: the active user john.doe@contoso.com holds its UPN (Graph would refuse it)',
    );
    expect(text).toContain(`Type ${DELETED}`);
  });
});

describe('restore instead, where the deleted user is this AD user’s own account', () => {
  it('the plan offers it; chosen, the restore is confirmed by typing, and the walk ends matched to the restored user', async () => {
    const { env, services } = await lab(await ownAccountInTheBin());
    const ui = await renderWizardApp(services, { identity: 'jdoe' });
    await until(ui, /Findings/);
    await ui.press(KEY.enter);
    await until(ui, 'Restore john.doe@contoso.com from the recycle bin instead (its UPN');
    await ui.press(KEY.down, KEY.enter);
    await until(ui, 'The plan now restores instead.');
    expect(env.state.tenant.deletedUsers.some((u) => u.id === DELETED)).toBe(true); // nothing written yet
    await ui.press(KEY.enter);
    await until(ui, 'CANNOT be undone');
    expect(ui.text()).toContain('Restore john.doe@contoso.com from the recycle bin');
    expect(ui.text()).toContain('CANNOT be undone here: only deleting the user again reverts it.');
    expect(ui.text()).toContain('Type john.doe@contoso.com and press Enter to make this change');
    expect(ui.text()).not.toContain('delete it for good');
    await ui.type('john.doe@contoso.com');
    await ui.press(KEY.enter);
    await until(ui, 'Step 1 done');
    expect(env.state.tenant.users.some((u) => u.id === DELETED)).toBe(true);
    await ui.press(KEY.enter); // step 2: the anchor on the restored user
    await until(ui, 'Apply this change');
    await ui.press(KEY.enter);
    await until(ui, 'Step 2 done');
    await ui.press(KEY.enter); // step 3: sync and verify
    await until(ui, '✓ Matched');
    const john = env.state.tenant.users.find((u) => u.id === DELETED)!;
    expect(john.onPremisesSyncEnabled).toBe(true);
    expect(john.onPremisesImmutableId).toBe('qve6k1vVU0KDlKV3EsPkZg==');
    expect(env.state.tenant.users.filter((u) => u.userPrincipalName === 'john.doe@contoso.com')).toHaveLength(
      1,
    );
  });

  it('is not offered once a write of the current plan has landed', async () => {
    const { offeredAlternative } = await import('../../src/core/wizard/alternative.js');
    const { services } = await lab(await ownAccountInTheBin());
    const d = await services.diagnose('jdoe', () => {});
    expect(d.alternatives).toHaveLength(1);
    const base = {
      diagnosis: d,
      walk: {
        next: 1,
        results: [{ action: 'SET_IMMUTABLE_ID' as const, status: 'done' as const, detail: '' }],
        halted: null,
      },
    };
    expect(offeredAlternative(base as never)).toBeNull();
    expect(
      offeredAlternative({ ...base, walk: { next: 0, results: [], halted: null } } as never),
    ).not.toBeNull();
  });
});
