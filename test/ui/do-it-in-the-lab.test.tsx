// "Do it in the lab" (issue 13, point 9), through the real adapters (in-memory AD, Graph client →
// HTTPS simulator, the lab's sync engine): a MANUAL step offers it in the lab, applies the change the
// step describes, checks again, and the walk ends at a verified match with the sign-in name kept.
// Real runs (services without doInLab) never offer it.
import { describe, expect, it } from 'vitest';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { KEY, renderWizardApp } from './harness.js';
import { instant, labWizardFile, until } from './lab-wizard.js';

const labFile = labWizardFile('syncmatch-lab-do-');

async function lab(name: string, real = false) {
  const env = await labFile.open(name, {});
  const { labActions, ...withoutLab } = env;
  const services = createWizardServices({
    ...(real ? withoutLab : { ...env, labActions }),
    clock: instant,
    operator: 'test',
    undoCommand: null,
  });
  return { env, services };
}

describe('do it in the lab', () => {
  it.each([
    ['non-routable-upn', 'john.doe@contoso.com'],
    ['upn-rename', 'john.doe@contoso.com'],
    ['anchor-collision', 'john.doe@contoso.com'],
    ['admin-role', 'john.doe@contoso.com'],
    ['proxy-conflict-with-group', 'john.doe@contoso.com'],
  ])('%s: the MANUAL step done in the lab ends matched, sign-in name %s kept', async (name, upn) => {
    const { env, services } = await lab(name);
    const ui = await renderWizardApp(services, { identity: 'jdoe' });
    await until(ui, /Findings/);
    await ui.press(KEY.enter);
    await until(ui, 'Go to step 1');
    await ui.press(KEY.enter);
    await until(ui, 'Do it in the lab');
    await ui.press(KEY.down, KEY.enter);
    await until(ui, 'The plan was rebuilt from the new reading');
    // Walk the rebuilt plan: each write confirmed, then the sync.
    for (let i = 0; i < 6 && !ui.text().includes('✓ Matched'); i++) {
      await ui.press(KEY.enter);
      await until(ui, /Apply this change|Step \d done|✓ Matched|Matched:/);
      if (ui.text().includes('Apply this change')) {
        await ui.press(KEY.enter);
        await until(ui, /Step \d done/);
      }
    }
    await until(ui, '✓ Matched');
    const target = env.state.tenant.users.find((u) => u.userPrincipalName === upn);
    expect(target?.onPremisesSyncEnabled).toBe(true);
    await ui.press(KEY.enter);
    await until(ui, 'Done in the lab');
  });

  it('is never offered outside the lab', async () => {
    const { services } = await lab('non-routable-upn', true);
    expect(services.doInLab).toBeUndefined();
    const ui = await renderWizardApp(services, { identity: 'jdoe' });
    await until(ui, /Findings/);
    await ui.press(KEY.enter);
    await until(ui, 'Go to step 1');
    await ui.press(KEY.enter);
    await until(ui, 'Check again');
    expect(ui.text()).not.toContain('Do it in the lab');
  });
});
