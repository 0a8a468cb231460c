// The PowerShell behind a step (issue 17): hidden by default, p (or Tab on a typed confirmation)
// shows it on the confirm and manual screens, and the footer says which.
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../src/core/diagnosis-types.js';
import { purgeDeleted, setImmutableId } from '../../src/core/powershell/commands.js';
import { adminRole, recycleBinLeftover, staleImmutableId } from '../core/wizard-fixtures.js';
import { fakeServices } from './fake-services.js';
import { KEY, renderWizardApp, unmountAll } from './harness.js';

afterEach(unmountAll);

function withPowerShell(d: Diagnosis): Diagnosis {
  return {
    ...d,
    plan: d.plan.map((s) =>
      s.action === 'SET_IMMUTABLE_ID'
        ? { ...s, powershell: { available: true, commands: [setImmutableId(s.objectId!, s.change!.after!)] } }
        : s.action === 'PURGE_DELETED_USER'
          ? { ...s, powershell: { available: true, commands: [purgeDeleted(s.objectId!)] } }
          : s.action === 'MANUAL'
            ? {
                ...s,
                powershell: {
                  available: false,
                  reason: 'No PowerShell equivalent is known for this manual step.',
                },
              }
            : s,
    ),
  };
}

describe('PowerShell on the confirm screen', () => {
  it('p shows the exact command and hides it again', async () => {
    const d = withPowerShell(staleImmutableId);
    const ui = await renderWizardApp(fakeServices({ diagnoses: [d] }), { identity: 'jdoe' });
    await ui.press(KEY.enter, KEY.enter);
    expect(ui.text()).toContain('Step 1 of 3');
    expect(ui.text()).not.toContain('Update-MgUser');
    expect(ui.text()).toMatch(/p +PowerShell/);
    await ui.press('p');
    const step = d.plan[0]!;
    // Wider than 80 columns: continued with PowerShell's backtick, so a copied block still runs.
    expect(ui.frame()).toContain(`Update-MgUser -UserId '${step.objectId}' \`\n    -OnPremisesImmutableId`);
    expect(ui.text().replace(/ ` /g, ' ')).toContain(
      `Update-MgUser -UserId '${step.objectId}' -OnPremisesImmutableId '${step.change!.after}'`,
    );
    expect(ui.text()).toMatch(/p +hide PowerShell/);
    await ui.press('p');
    expect(ui.text()).not.toContain('Update-MgUser');
  });

  it('Tab toggles it on a typed confirmation, where p is text', async () => {
    const d = withPowerShell(recycleBinLeftover);
    const fake = fakeServices({ diagnoses: [d] });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    await ui.press(KEY.enter, KEY.enter);
    await ui.press('\t');
    // The block's first line; the command under it may sit below the fold of this short screen
    // (the purge's "Lost:" line comes first), marked "↓ N more lines".
    expect(ui.text()).toContain('# Delete it permanently from the recycle bin.');
    await ui.press('p');
    expect(ui.text()).toContain('> p');
    expect(fake.applied).toEqual([]);
  });
});

describe('PowerShell on the manual screen', () => {
  it('says plainly when a step has no PowerShell equivalent', async () => {
    const ui = await renderWizardApp(fakeServices({ diagnoses: [withPowerShell(adminRole)] }), {
      identity: 'jdoe',
    });
    await ui.press(KEY.enter, KEY.enter);
    expect(ui.text()).toContain('4/6 A step for you');
    await ui.press('p');
    expect(ui.text()).toContain('PowerShell: No PowerShell equivalent is known for this manual step.');
  });
});

describe('the ticket-ready summary on the summary screen', () => {
  it('t shows the whole ticket: objects with ids, the write with its journal id and undo, what to tell the user', async () => {
    const fake = fakeServices({ diagnoses: [staleImmutableId] });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    await ui.press(KEY.enter, KEY.enter, KEY.enter, KEY.escape, KEY.escape);
    expect(ui.text()).toContain('6/6 Summary');
    expect(ui.text()).toMatch(/t +ticket summary/);
    await ui.press('t');
    const text = ui.text();
    expect(text).toContain('Ticket summary (lab: test');
    expect(text).toContain(`Cloud object id ${staleImmutableId.target!.id}`);
    await ui.press('\u001B[6~');
    const later = ui.text();
    expect(later).toContain('journal j1; undo: syncmatch journal undo j1 (undo possible until the next sync');
    expect(later).toContain('Tell the user');
    await ui.press('t');
    expect(ui.text()).toContain('What happened');
    expect(ui.exitCode()).toBeNull();
  });
});
