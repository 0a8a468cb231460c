// Leaving mid-procedure (issue 13, point 4) through the real lab adapters (in-memory AD, Graph client
// → HTTPS simulator, the JSONL lab journal): in the federated scenario the UPN is moved first; Finish
// after that step says where the user stands and offers the undo, which is previewed, confirmed,
// journalled (undoOf) and puts the cloud user back as it was.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { KEY, renderWizardApp } from './harness.js';
import { instant, labWizardFile, until } from './lab-wizard.js';

const labFile = labWizardFile('syncmatch-leave-');

describe('Finish with the plan half-applied, in the lab', () => {
  it('federated-domain: Finish after the UPN move, undo it, and the cloud user is back as before', async () => {
    const env = await labFile.open('federated-domain', {});
    const services = createWizardServices({ ...env, clock: instant, operator: 'test', undoCommand: null });
    const john = () => env.state.tenant.users.find((u) => u.displayName === 'John Doe')!;
    const before = { ...john() };
    expect(before.userPrincipalName).toBe('john.doe@contoso.com');

    const ui = await renderWizardApp(services, { identity: 'jdoe' });
    await until(ui, /Findings/);
    await ui.press(KEY.enter);
    await until(ui, 'Review step 1');
    await ui.press(KEY.enter);
    await until(ui, 'Apply this change');
    await ui.press(KEY.enter);
    await until(ui, 'Step 1 done');
    expect(john().userPrincipalName).toBe('john.doe@contoso.onmicrosoft.com');

    await ui.press(KEY.down, KEY.down, KEY.enter); // Finish here
    await until(ui, 'You are leaving with the plan half-applied');
    expect(ui.text()).toContain(
      'the user now signs in as john.doe@contoso.onmicrosoft.com, no longer as john.doe@contoso.com',
    );
    expect(ui.text()).toContain('the hard match was never made');
    expect(john().userPrincipalName).toBe('john.doe@contoso.onmicrosoft.com'); // nothing undone unasked

    await ui.press(KEY.enter); // Undo the write
    await until(ui, 'Undo this write');
    expect(ui.text()).toMatch(
      /userPrincipalName of \S+ goes from "john\.doe@contoso\.onmicrosoft\.com" back to "john\.doe@contoso\.com"/,
    );
    expect(john().userPrincipalName).toBe('john.doe@contoso.onmicrosoft.com'); // not before the confirmation
    await ui.press(KEY.enter);
    await until(ui, /Summary/);
    await until(ui, 'Every write of this run was undone');
    expect(ui.text()).toMatch(/Undone: MOVE_UPN_TO_INITIAL_DOMAIN \(journal entry \S+\) by entry \S+\./);
    // The undo list: the write says it was undone, the undo says what it reverted.
    expect(ui.text()).toMatch(/MOVE_UPN_TO_INITIAL_DOMAIN, journal (\S+): undone by entry (\S+)/);
    expect(ui.text()).toMatch(/MOVE_UPN_TO_INITIAL_DOMAIN, journal \S+: the undo of entry \S+;/);

    const after = john();
    expect(after.userPrincipalName).toBe(before.userPrincipalName);
    expect(after.onPremisesImmutableId).toBe(before.onPremisesImmutableId);
    const lines = readFileSync(join(labFile.dir(), 'lab.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { phase: string; step: string; undoOf?: string; result?: string });
    expect(lines.filter((l) => l.undoOf).map((l) => `${l.phase}:${l.step}:${l.result ?? ''}`)).toEqual([
      'intent:MOVE_UPN_TO_INITIAL_DOMAIN:',
      'result:MOVE_UPN_TO_INITIAL_DOMAIN:done',
    ]);
    expect(env.state.syncRuns).toBe(0);
    await ui.press(KEY.escape);
    expect(ui.exitCode()).toBe(3);
  });
});
