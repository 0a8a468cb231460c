import { afterEach, describe, expect, it } from 'vitest';
import { matched, setIdStep, staleImmutableId } from '../core/wizard-fixtures.js';
import { fakeServices } from './fake-services.js';
import { KEY, renderWizardApp, unmountAll } from './harness.js';

afterEach(unmountAll);

describe('stale immutableId, from the identity to the summary', () => {
  it('walks every screen and writes only what was confirmed', async () => {
    const fake = fakeServices({
      diagnoses: [staleImmutableId],
      verdict: {
        verdict: 'matched',
        detail: 'jdoe is matched to jdoe@contoso.com.',
        syncReport: [],
        after: matched,
      },
    });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    expect(ui.frame()).toContain('3/6 Findings');
    expect(ui.frame()).toContain('STALE_IMMUTABLE_ID');
    await ui.press(KEY.enter);
    expect(ui.frame()).toContain('4/6 Plan');
    expect(ui.frame()).toContain('› Review step 1: Set the immutableId');
    await ui.press(KEY.enter);
    expect(ui.frame()).toContain('Confirm a change');
    expect(ui.frame()).toMatch(/before +1wfM9xV8fUSHbcAbDlqeOA==/);
    expect(ui.frame()).toMatch(/after +yYuRNW0Z6kCXeYidebdT8A==/);
    expect(fake.applied).toEqual([]);
    await ui.press(KEY.enter);
    expect(fake.applied).toEqual([setIdStep]);
    expect(ui.frame()).toContain('Step 1 done');
    await ui.press(KEY.enter);
    expect(ui.frame()).toContain('✓ Matched');
    expect(fake.syncs).toBe(1);
    await ui.press(KEY.enter);
    expect(ui.frame()).toContain('6/6 Summary');
    expect(ui.frame()).toContain('syncmatch journal undo j1');
    expect(ui.frame()).toContain('/home/tech/.local/share/syncmatch/journal.jsonl');
    await ui.press('q');
    expect(ui.exitCode()).toBe(0);
  });
});
