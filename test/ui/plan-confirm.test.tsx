import { afterEach, describe, expect, it } from 'vitest';
import { setIdStep, staleImmutableId } from '../core/wizard-fixtures.js';
import { fakeServices } from './fake-services.js';
import { KEY, renderWizardApp, unmountAll } from './harness.js';

afterEach(unmountAll);

async function atPlan(options: { readOnly?: boolean } = {}) {
  const fake = fakeServices({ diagnoses: [staleImmutableId], ...options });
  const ui = await renderWizardApp(fake, { identity: 'jdoe' });
  await ui.press(KEY.enter);
  return { fake, ui };
}

describe('plan', () => {
  it('lists the ordered steps, says which write and whether they can be undone', async () => {
    const { ui } = await atPlan();
    const frame = ui.frame();
    expect(frame).toContain('4/6 Plan');
    expect(frame).toMatch(
      // The step's kind is kept whole: on the description's last line when it fits, else under it.
      /1\. +› Set the immutableId of jdoe@contoso.com to the AD anchor\n {6}\(write, can be undone\)/,
    );
    expect(frame).toMatch(/2\. +· Run a delta sync on the Entra Connect server \(no write\)/);
    expect(frame).toContain('› Review step 1: Set the immutableId');
  });

  it('takes Down Down Enter arriving in one chunk as three keys: the third choice (summary)', async () => {
    const { ui, fake } = await atPlan();
    await ui.press(`${KEY.down}${KEY.down}${KEY.enter}`);
    expect(ui.frame()).toContain('6/6 Summary');
    expect(ui.frame()).toContain('Nothing was changed.');
    expect(fake.applied).toEqual([]);
  });

  it('goes back to the findings on Escape', async () => {
    const { ui } = await atPlan();
    await ui.press(KEY.escape);
    expect(ui.frame()).toContain('3/6 Findings');
  });

  it('hides write steps in read-only mode and says so', async () => {
    const { ui } = await atPlan({ readOnly: true });
    const frame = ui.frame();
    expect(frame).toContain('[read-only: nothing is written]');
    expect(frame).not.toContain('Set the immutableId');
    expect(frame).toContain('! 1 write step(s) hidden: read-only mode writes nothing.');
    expect(frame).toContain('› Go to step 1: Run a delta sync');
  });
});

describe('confirmation of a reversible write', () => {
  it('shows before → after, why, the re-check and that it can be undone', async () => {
    const { ui } = await atPlan();
    await ui.press(KEY.enter);
    const frame = ui.frame();
    expect(frame).toContain('Step 1 of 3: Set the immutableId');
    expect(frame).toMatch(/Changes: +onPremisesImmutableId/);
    expect(frame).toMatch(/after +yYuRNW0Z6kCXeYidebdT8A== +≠ changed/);
    expect(frame).toMatch(/Why: +STALE_IMMUTABLE_ID: The cloud user carries/);
    expect(frame).toMatch(/Check: +The cloud user still has immutableId/);
    expect(frame).toMatch(/Undo: +✓ Can be undone/);
    expect(frame).toContain('› Apply this change');
  });

  it('writes nothing when backed out with Escape, q, or the Back choice', async () => {
    const { ui, fake } = await atPlan();
    for (const way of [[KEY.escape], ['q'], [`${KEY.down}${KEY.enter}`], ['jj\r']]) {
      await ui.press(KEY.enter);
      expect(ui.frame()).toContain('Confirm a change');
      await ui.press(...way);
      expect(ui.frame()).toContain('Nothing was written.');
      expect(ui.frame()).toContain('4/6 Plan');
    }
    expect(fake.applied).toEqual([]);
  });

  it('opens help with ? and closes it with Escape without leaving the confirmation', async () => {
    const { ui, fake } = await atPlan();
    await ui.press(KEY.enter, '?');
    expect(ui.frame()).toContain('Help: 4/6 Confirm a change');
    expect(ui.text()).toContain('and whether it can be undone. Esc goes back without');
    await ui.press(KEY.escape);
    expect(ui.frame()).toContain('› Apply this change');
    expect(fake.applied).toEqual([]);
  });

  it('writes exactly the confirmed step on Enter', async () => {
    const { ui, fake } = await atPlan();
    await ui.press(KEY.enter, KEY.enter);
    expect(fake.applied).toEqual([setIdStep]);
    expect(ui.frame()).toContain('Step 1 done: SET_IMMUTABLE_ID done.');
    expect(ui.frame()).toMatch(/1\. +✓ Set the immutableId/);
  });
});
