import { afterEach, describe, expect, it } from 'vitest';
import { DELETED_UPN, matched, purgeStep, recycleBinLeftover } from '../core/wizard-fixtures.js';

const ID = purgeStep.objectId!;
import { fakeServices } from './fake-services.js';
import { KEY, renderWizardApp, unmountAll } from './harness.js';

afterEach(unmountAll);

describe('recycle-bin leftover: an irreversible purge', () => {
  async function atConfirm() {
    const fake = fakeServices({
      diagnoses: [recycleBinLeftover],
      verdict: { verdict: 'matched', detail: 'jdoe is matched.', syncReport: [], after: matched },
    });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    await ui.press(KEY.enter, KEY.enter);
    return { fake, ui };
  }

  it('says it cannot be undone, what is lost, and asks for the deleted object’s id to be typed', async () => {
    const { ui } = await atConfirm();
    const frame = ui.frame();
    expect(frame).toMatch(/Undo: +✗ CANNOT be undone/);
    expect(ui.text().replace(/\s+/g, ' ')).toContain(
      `Type ${ID} (the deleted object’s id; d0000000 will do)`,
    );
    expect(ui.text().replace(/\s+/g, ' ')).toMatch(
      /Lost: +Object d0000000-0000-4000-8000-00000000dead and what it still holds/,
    );
    expect(frame).not.toContain('Apply this change');
    expect(frame).toContain('Step 1 of 3: Permanently delete the recycle-bin user');
  });

  it('refuses the UPN (a live user may carry it), a short id, and writes nothing; j, k and q are typed', async () => {
    const { ui, fake } = await atConfirm();
    await ui.press(KEY.enter);
    expect(ui.text()).toContain(`✗ That is not ${ID}. Nothing was written.`);
    await ui.type(DELETED_UPN);
    await ui.press(KEY.enter);
    expect(fake.applied).toEqual([]);
    await ui.press('\u0015', ID.slice(0, 7), KEY.enter);
    expect(fake.applied).toEqual([]);
    await ui.press('\u0015');
    await ui.press('jkq', KEY.enter);
    expect(ui.frame()).toContain('> jkq');
    expect(fake.applied).toEqual([]);
    await ui.press('\u0015', ID.slice(0, -1) + 'x', KEY.enter);
    expect(fake.applied).toEqual([]);
    await ui.press(KEY.escape);
    expect(ui.frame()).toContain('Nothing was written.');
    expect(fake.applied).toEqual([]);
  });

  it('purges once the first 8 characters of the id are typed, then walks to a matched summary without an undo', async () => {
    const { ui, fake } = await atConfirm();
    await ui.type(ID.slice(0, 8));
    await ui.press(KEY.enter);
    expect(fake.applied).toEqual([purgeStep]);
    await ui.press(KEY.enter);
    expect(ui.frame()).toContain('✓ Matched');
    await ui.press(KEY.enter);
    const summary = ui.frame();
    expect(summary).toContain('✓ PURGE_DELETED_USER: PURGE_DELETED_USER done.');
    expect(summary).not.toContain('To undo');
    await ui.press(KEY.enter);
    await ui.settle();
    expect(ui.exitCode()).toBe(0);
  });
});
