// Issue 21's scenarios walked in the wizard (ink-testing-library) through the real adapters: the
// migration's AD write confirmed on its screen, the MANUAL step done in the lab, the rebuilt plan
// synced, and the walk ends at a verified match with the same cloud user.
import { describe, expect, it } from 'vitest';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { KEY, renderWizardApp } from './harness.js';
import { instant, labWizardFile, until, type Ui } from './lab-wizard.js';

const labFile = labWizardFile('syncmatch-forests-walk-');

async function walk(name: string, identity: string) {
  const env = await labFile.open(name, {});
  const services = createWizardServices({ ...env, clock: instant, operator: 'test', undoCommand: null });
  const ui = await renderWizardApp(services, { identity });
  await until(ui, /Findings/);
  return { env, ui };
}

/** Enter through the plan: each write confirmed, a MANUAL step done in the lab, until matched. */
async function toMatched(ui: Ui, seen: string[]): Promise<void> {
  for (let i = 0; i < 12 && !ui.text().includes('✓ Matched'); i++) {
    await ui.press(KEY.enter);
    await until(ui, /Apply this change|Do it in the lab|Step \d done|✓ Matched|Matched:|rebuilt/);
    const text = ui.text();
    if (text.includes('Apply this change')) {
      seen.push(text);
      await ui.press(KEY.enter);
      await until(ui, /Step \d done/);
    } else if (text.includes('Do it in the lab')) {
      seen.push(text);
      await ui.press(KEY.down, KEY.enter);
      await until(ui, 'The plan was rebuilt from the new reading');
    }
  }
  await until(ui, '✓ Matched');
}

describe('forests in the wizard', () => {
  it('forest-migration: stamp confirmed, old account out of scope in the lab, synced, matched', async () => {
    const { env, ui } = await walk('forest-migration', 'jdoe');
    expect(ui.text()).toContain('USER_IN_TWO_FORESTS');
    await ui.press(KEY.enter);
    const seen: string[] = [];
    await toMatched(ui, seen);
    // The AD write's confirmation showed the property and the old anchor it writes.
    expect(seen[0]).toContain('mS-DS-ConsistencyGuid');
    expect(seen[0]).toContain('1a5e0001-7b1c-4d2e-9f00-0000000000a1');
    expect(seen.some((t) => t.includes('Take the old account'))).toBe(true);
    const john = env.state.tenant.users.find((u) => u.id === 'c1a50001-0000-4000-8000-00000000c0a1')!;
    expect(john.onPremisesSyncEnabled).toBe(true);
    expect(env.state.joins['2b6f0001-8c2d-4e3f-a011-0000000000b1']).toBe(john.id);
    expect(env.state.tenant.deletedUsers).toEqual([]);
  });

  it('forest-migration: Finish after the stamp says what the AD account carries, and the undo clears it', async () => {
    const { env, ui } = await walk('forest-migration', 'jdoe');
    const newJohn = () =>
      env.state.ad.objects.find((o) => o.objectGUID === '2b6f0001-8c2d-4e3f-a011-0000000000b1')!;
    await ui.press(KEY.enter);
    await until(ui, 'Review step 1');
    await ui.press(KEY.enter);
    await until(ui, 'Apply this change');
    await ui.press(KEY.enter);
    await until(ui, 'Step 1 done');
    expect(newJohn().attributes['mS-DS-ConsistencyGuid']).toBeTruthy();
    await ui.press(KEY.down, KEY.down, KEY.enter); // Finish here
    await until(ui, 'You are leaving with the plan half-applied');
    expect(ui.text()).toContain(
      'carries 1a5e0001-7b1c-4d2e-9f00-0000000000a1 in mS-DS-ConsistencyGuid: the next sync (scheduled or not) joins it to the cloud user of that anchor.',
    );
    await ui.press(KEY.enter); // Undo the write
    await until(ui, 'Undo this write');
    await ui.press(KEY.enter);
    await until(ui, 'Every write of this run was undone');
    expect(newJohn().attributes['mS-DS-ConsistencyGuid'] ?? null).toBeNull();
  });

  it('child-domain-upn: the parent-domain holder cleared in the lab, soft-matched, matched', async () => {
    const { env, ui } = await walk('child-domain-upn', 'cgreen');
    expect(ui.text()).toContain('AD_DUPLICATE_VALUE');
    await ui.press(KEY.enter);
    await toMatched(ui, []);
    const chris = env.state.tenant.users.find((u) => u.id === 'c3c70001-0000-4000-8000-00000000c0c1')!;
    expect(chris.onPremisesSyncEnabled).toBe(true);
  });
});
