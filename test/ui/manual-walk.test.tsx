import { afterEach, describe, expect, it } from 'vitest';
import { adminRole, adminRoleRemoved, matched } from '../core/wizard-fixtures.js';
import { fakeServices } from './fake-services.js';
import { KEY, renderWizardApp, unmountAll } from './harness.js';

afterEach(unmountAll);

describe('admin role: a manual step with "check again"', () => {
  it('shows what to do and how it is verified, and reports when it is not done yet', async () => {
    const fake = fakeServices({ diagnoses: [adminRole] });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    await ui.press(KEY.enter, KEY.enter);
    const frame = ui.text();
    expect(frame).toContain('4/6 A step for you');
    expect(frame).toContain('1. In the Entra admin center, open Roles and administrators.');
    expect(frame).toContain('2. Remove Global Administrator (active and eligible)');
    expect(frame).toContain('Then: syncmatch re-reads the role assignments');
    expect(frame).toContain('› Check again');
    await ui.press(KEY.enter);
    expect(fake.diagnosed).toEqual(['jdoe', 'jdoe']);
    expect(ui.text()).toContain('✗ Not done yet. Still found: ADMIN_ROLE_BLOCKS_MATCH');
    expect(fake.applied).toEqual([]);
  });

  it('cannot be skipped: back on the plan, the next step is still the manual one', async () => {
    const ui = await renderWizardApp(fakeServices({ diagnoses: [adminRole] }), { identity: 'jdoe' });
    await ui.press(KEY.enter, KEY.enter, KEY.escape);
    expect(ui.text()).toContain('› Go to step 1: Remove the Global Administrator role');
    expect(ui.frame()).toMatch(/2\. +· Run a delta sync/);
  });

  it('once the check passes, re-plans from the new reading and walks to a matched summary', async () => {
    const fake = fakeServices({
      diagnoses: [adminRole, adminRoleRemoved],
      verdict: { verdict: 'matched', detail: 'Soft-matched on the UPN.', syncReport: [], after: matched },
    });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    await ui.press(KEY.enter, KEY.enter, KEY.enter);
    expect(ui.text()).toContain(
      'Checked again: ADMIN_ROLE_BLOCKS_MATCH no longer found. The plan was rebuilt',
    );
    expect(ui.text()).toContain('› Go to step 1: Run a delta sync');
    await ui.press(KEY.enter, KEY.enter);
    const summary = ui.text();
    expect(summary).toContain('✓ MANUAL: Checked again');
    expect(summary).toContain('✓ Matched');
    expect(fake.applied).toEqual([]);
    await ui.press('q');
    await ui.settle();
    expect(ui.exitCode()).toBe(0);
  });
});
