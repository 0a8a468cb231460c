// Leaving mid-procedure (issue 13, point 4): "Finish here" after a write says plainly that the user
// is left half-done, what each write left in place and how to undo it.
import { afterEach, describe, expect, it } from 'vitest';
import { staleImmutableId } from '../core/wizard-fixtures.js';
import { fakeServices } from './fake-services.js';
import { KEY, renderWizardApp, unmountAll } from './harness.js';

afterEach(unmountAll);

describe('finishing with the plan half-applied', () => {
  it('the summary says what is in place, the state it leaves, and the undo command', async () => {
    const fake = fakeServices({ diagnoses: [staleImmutableId] });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    await ui.press(KEY.enter, KEY.enter, KEY.enter); // findings → plan → confirm → apply
    expect(ui.text()).toContain('Step 1 done');
    await ui.press(KEY.down, KEY.down, KEY.enter); // Finish here
    const text = ui.text();
    expect(text).toContain('Left half-done: 1 write of the plan is in place and the match is not verified.');
    expect(text).toContain('SET_IMMUTABLE_ID (journal entry j1): the cloud user carries the anchor');
    expect(text).toContain('Undo: syncmatch journal undo j1');
    expect(text).toContain('To finish instead, run syncmatch fix jdoe again.');
  });

  it('says nothing of the kind when nothing was written', async () => {
    const ui = await renderWizardApp(fakeServices({ diagnoses: [staleImmutableId] }), { identity: 'jdoe' });
    await ui.press(KEY.enter, KEY.down, KEY.down, KEY.enter);
    expect(ui.text()).toContain('Nothing was changed.');
    expect(ui.text()).not.toContain('Left half-done');
  });
});

describe('no stale screens', () => {
  it('labels the findings and raw values "as read before step 1" after a write, and offers a re-read', async () => {
    const fake = fakeServices({ diagnoses: [staleImmutableId, staleImmutableId] });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    await ui.press(KEY.enter);
    expect(ui.text()).not.toContain('As read before');
    await ui.press(KEY.enter, KEY.enter); // confirm → apply step 1
    expect(ui.text()).toContain('Read the user again and re-plan');
    await ui.press(KEY.escape); // back to the findings
    expect(ui.text()).toContain('As read before step 1: the writes since are not shown');
    await ui.press('r');
    expect(ui.text()).toContain('As read before step 1');
  });
});
