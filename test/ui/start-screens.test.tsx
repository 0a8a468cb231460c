import { afterEach, describe, expect, it } from 'vitest';
import { staleImmutableId } from '../core/wizard-fixtures.js';
import { fakeServices } from './fake-services.js';
import { KEY, renderWizardApp, unmountAll } from './harness.js';

afterEach(unmountAll);

describe('start: unfinished writes', () => {
  it('shows writes an earlier run left unfinished, then continues on Enter', async () => {
    const fake = fakeServices({
      diagnoses: [staleImmutableId],
      unfinished: ['2026-05-01 10:02 SET_IMMUTABLE_ID on jdoe@contoso.com: result unknown'],
    });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    expect(ui.frame()).toContain('! An earlier run left writes whose result is unknown');
    expect(ui.frame()).toContain('SET_IMMUTABLE_ID on jdoe@contoso.com: result unknown');
    expect(fake.diagnosed).toEqual([]);
    await ui.press(KEY.enter);
    expect(fake.diagnosed).toEqual(['jdoe']);
    expect(ui.frame()).toContain('3/6 Findings');
  });

  it('first draws a "checking the journal" frame', async () => {
    const fake = fakeServices({ diagnoses: [staleImmutableId] });
    const ui = await renderWizardApp(fake);
    expect(ui.frames[0]).toContain('Checking the journal for unfinished writes');
  });
});

describe('identity prompt', () => {
  it('is prefilled from the suggested identity and edits with backspace', async () => {
    const fake = fakeServices({ diagnoses: [staleImmutableId], suggestedIdentity: 'jdoe' });
    const ui = await renderWizardApp(fake);
    expect(ui.frame()).toContain('1/6 Identity');
    expect(ui.frame()).toContain('> jdoe');
    await ui.press('\u007f', 'x');
    expect(ui.frame()).toContain('> jdox');
  });

  it('refuses an identity it cannot read, with the reason, and reads nothing', async () => {
    const fake = fakeServices({ diagnoses: [staleImmutableId] });
    const ui = await renderWizardApp(fake);
    await ui.type('john doe');
    await ui.press(KEY.enter);
    expect(ui.frame()).toContain('✗ "john doe" is not a sAMAccountName');
    expect(ui.frame()).toContain('Try: Give a UPN');
    expect(fake.diagnosed).toEqual([]);
  });

  it('reads the typed identity on Enter (typed fast: one chunk)', async () => {
    const fake = fakeServices({ diagnoses: [staleImmutableId] });
    const ui = await renderWizardApp(fake);
    await ui.press('jdoe@contoso.com\r');
    expect(fake.diagnosed).toEqual(['jdoe@contoso.com']);
  });

  it('quits with 130 on Escape', async () => {
    const ui = await renderWizardApp(fakeServices({ diagnoses: [staleImmutableId] }));
    await ui.press(KEY.escape);
    await ui.settle();
    expect(ui.exitCode()).toBe(130);
  });
});
