import { afterEach, describe, expect, it } from 'vitest';
import { staleImmutableId } from '../core/wizard-fixtures.js';
import { fakeServices, type FakeOptions } from './fake-services.js';
import { KEY, renderWizardApp, unmountAll } from './harness.js';

afterEach(unmountAll);

/** At the sync step of the stale-immutableId plan (the write done). */
async function atSync(options: Partial<FakeOptions> = {}) {
  const fake = fakeServices({ diagnoses: [staleImmutableId], ...options });
  const ui = await renderWizardApp(fake, { identity: 'jdoe' });
  await ui.press(KEY.enter, KEY.enter, KEY.enter, KEY.enter);
  return { fake, ui };
}

describe('sync and verify', () => {
  it('shows the phase, its detail and the elapsed time while waiting', async () => {
    const { ui } = await atSync({ hold: { sync: true } });
    expect(ui.text()).toContain('5/6 Sync and verify');
    expect(ui.text()).toContain('Waiting for the sync to reach the tenant (1:05 elapsed)');
    expect(ui.text()).toContain('export to the tenant pending');
  });

  it('stops waiting on Escape and says the sync may still run', async () => {
    const { ui } = await atSync({ hold: { sync: true } });
    await ui.press(KEY.escape);
    expect(ui.text()).toContain('6/6 Summary');
    // The half-done lines come first on the summary (issue 13): at 80×24 they push the sync's
    // outcome below the fold, which the screen marks.
    expect(ui.text()).toContain('Left half-done: 1 write of the plan is in place');
    expect(ui.text()).toMatch(/↓ \d+ more lines/);
    await ui.press(KEY.enter);
    await ui.settle();
    expect(ui.exitCode()).toBe(3);
  });

  it('shows a verdict that did not match, offers to re-read, and exits 3', async () => {
    const { ui, fake } = await atSync({
      verdict: {
        verdict: 'timeout',
        detail: 'The user was not matched within 300 s.',
        syncReport: ['Export: InvalidSoftMatch for jdoe'],
        after: staleImmutableId,
      },
    });
    const text = ui.text();
    expect(text).toContain('✗ Not matched before the wait ended');
    expect(text).toContain('The user was not matched within 300 s.');
    expect(text).toContain('Export: InvalidSoftMatch for jdoe');
    expect(text).toContain('Read the user again and re-plan');
    await ui.press('j', KEY.enter);
    expect(fake.diagnosed).toEqual(['jdoe', 'jdoe']);
    await ui.press('q', KEY.escape);
    await ui.settle();
    expect(ui.exitCode()).toBe(3);
  });
});

describe('failures while writing', () => {
  it('stops at a failed write, offers nothing that writes, and exits 1', async () => {
    const fake = fakeServices({
      diagnoses: [staleImmutableId],
      outcome: (step) => ({ action: step.action, status: 'failed', detail: 'Graph answered 403 Forbidden.' }),
    });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    await ui.press(KEY.enter, KEY.enter, KEY.enter);
    expect(ui.text()).toContain('✗ The write failed Graph answered 403 Forbidden.');
    expect(ui.text()).toContain('Nothing after this step will be written in this plan.');
    await ui.press(KEY.escape);
    expect(ui.text()).toContain('✗ SET_IMMUTABLE_ID: Graph answered 403 Forbidden.');
    expect(ui.text()).toContain('Exit code 1.');
    expect(fake.syncs).toBe(0);
  });

  it('stops when the user changed since the diagnosis (stale plan)', async () => {
    const fake = fakeServices({
      diagnoses: [staleImmutableId],
      outcome: (step) => ({
        action: step.action,
        status: 'skipped',
        stale: true,
        detail: 'onPremisesImmutableId is now abc= (was 1wfM9xV8fUSHbcAbDlqeOA==).',
      }),
    });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    await ui.press(KEY.enter, KEY.enter, KEY.enter);
    expect(ui.text()).toContain('✗ The user changed since the diagnosis');
    expect(ui.text()).toContain('Someone else may be working on this user.');
    await ui.press(KEY.enter);
    expect(fake.diagnosed).toEqual(['jdoe', 'jdoe']);
    expect(ui.text()).toContain('3/6 Findings');
  });
});

describe('summary', () => {
  it('lists what happened, the journal path and the undo command, and quits on Enter', async () => {
    const { ui } = await atSync();
    await ui.press(KEY.enter);
    const text = ui.text();
    expect(text).toContain('✓ SET_IMMUTABLE_ID: SET_IMMUTABLE_ID done.');
    expect(text).toContain('Journal: /home/tech/.local/share/syncmatch/journal.jsonl');
    expect(text).toContain('To undo syncmatch journal undo j1');
    await ui.press(KEY.enter);
    await ui.settle();
    expect(ui.exitCode()).toBe(0);
  });

  it('comes first when leaving after a write, so the undo command is seen', async () => {
    const fake = fakeServices({ diagnoses: [staleImmutableId] });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    await ui.press(KEY.enter, KEY.enter, KEY.enter, KEY.escape, KEY.escape);
    expect(ui.text()).toContain('6/6 Summary');
    expect(ui.text()).toContain('To undo syncmatch journal undo j1');
    expect(ui.exitCode()).toBeNull();
  });
});
