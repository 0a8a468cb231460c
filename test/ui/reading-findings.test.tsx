import { afterEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/core/errors.js';
import { staleImmutableId } from '../core/wizard-fixtures.js';
import { fakeServices } from './fake-services.js';
import { KEY, renderWizardApp, unmountAll } from './harness.js';

afterEach(unmountAll);

describe('reading', () => {
  it('shows each step as it arrives: results, a spinner for the running one, waiting for the rest', async () => {
    const fake = fakeServices({
      diagnoses: [staleImmutableId],
      hold: { diagnose: true },
      progress: [
        { step: 'adUser', status: 'done', detail: 'CN=John Doe,OU=Staff,DC=corp,DC=contoso,DC=com' },
        { step: 'anchor', status: 'done', detail: 'objectGUID → yYuRNW0Z6kCXeYidebdT8A==' },
        { step: 'cloudTarget', status: 'running', detail: 'searching by UPN, mail and proxy addresses' },
      ],
    });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    const frame = ui.frame();
    expect(frame).toContain('2/6 Reading');
    expect(frame).toMatch(/✓ AD user +CN=John Doe/);
    expect(frame).toMatch(/✓ Anchor → immutableId +objectGUID → yYuRNW0Z6kCXeYidebdT8A==/);
    expect(frame).toMatch(/Cloud target +searching by UPN/);
    expect(frame).toMatch(/· Recycle bin +waiting/);
    await ui.press('?');
    expect(ui.frame()).toContain('Help: 2/6 Reading');
  });

  it('keeps a failed check on screen with what to check, then shows the findings on Enter', async () => {
    const fake = fakeServices({
      diagnoses: [staleImmutableId],
      progress: [
        { step: 'adUser', status: 'done', detail: 'CN=John Doe' },
        {
          step: 'tenantSwitches',
          status: 'failed',
          detail: 'Graph answered 403: grant OnPremDirectorySynchronization.Read.All (delegated).',
        },
      ],
    });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    expect(ui.frame()).toMatch(/✗ Tenant switches +Graph answered 403/);
    expect(ui.frame()).toContain('! Some checks failed (✗)');
    expect(ui.frame()).toMatch(/· Recycle bin +not checked/);
    await ui.press(KEY.enter);
    expect(ui.frame()).toContain('3/6 Findings');
  });

  it('backs out to the identity prompt on Escape and abandons the reading', async () => {
    const fake = fakeServices({ diagnoses: [staleImmutableId], hold: { diagnose: true } });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    await ui.press(KEY.escape);
    await ui.settle();
    expect(ui.frame()).toContain('1/6 Identity');
    expect(fake.aborted).toBe(1);
    fake.release();
    await ui.settle();
    expect(ui.frame()).toContain('1/6 Identity');
  });

  it('shows a failed reading with its hint, retries on Enter, and exits 1 on Quit', async () => {
    const fake = fakeServices({
      diagnoses: [staleImmutableId],
      diagnoseError: new UserFacingError(
        'The LDAP server refused the TLS handshake.',
        'LDAP_TLS',
        'Check the CA.',
      ),
    });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    expect(ui.frame()).toContain('✗ The reading failed');
    expect(ui.frame()).toContain('The LDAP server refused the TLS handshake.');
    expect(ui.frame()).toContain('Try: Check the CA.');
    await ui.press(KEY.enter);
    expect(fake.diagnosed).toEqual(['jdoe', 'jdoe']);
    await ui.press(KEY.down, KEY.down, KEY.enter);
    await ui.settle();
    expect(ui.exitCode()).toBe(1);
  });

  it('calls an unexpected error a bug', async () => {
    const fake = fakeServices({
      diagnoses: [staleImmutableId],
      diagnoseError: new TypeError('x is undefined'),
    });
    const ui = await renderWizardApp(fake, { identity: 'jdoe' });
    expect(ui.frame()).toContain('Unexpected error (this is a bug): x is undefined');
  });
});

describe('findings', () => {
  it('lists findings most serious first and explains the one under the cursor', async () => {
    const ui = await renderWizardApp(fakeServices({ diagnoses: [staleImmutableId] }), { identity: 'jdoe' });
    const frame = ui.frame();
    expect(frame.indexOf('✗ error   STALE_IMMUTABLE_ID')).toBeLessThan(
      frame.indexOf('i info    READY_FOR_HARD_MATCH'),
    );
    expect(frame).toContain('› ✗ error   STALE_IMMUTABLE_ID');
    expect(frame).toContain('cloudImmutableId: 1wfM9xV8fUSHbcAbDlqeOA==');
    await ui.press('j');
    expect(ui.frame()).toContain('› i info    READY_FOR_HARD_MATCH');
    expect(ui.frame()).toContain('Once the immutableId equals the AD anchor');
  });

  it('shows the raw values on r, AD beside the cloud, differences marked ≠', async () => {
    const ui = await renderWizardApp(fakeServices({ diagnoses: [staleImmutableId] }), { identity: 'jdoe' });
    await ui.press('r');
    const frame = ui.frame();
    expect(frame).toMatch(/AD \(on-premises\) +cloud target/);
    expect(frame).toMatch(/≠ immutableId +yYuRNW0Z6kCXeYidebdT8A== +1wfM9xV8fUSHbcAbDlqeOA==/);
    expect(frame).toMatch(/= userPrincipalName +jdoe@contoso.com +jdoe@contoso.com/);
    expect(frame).toContain('(from objectGUID)');
    await ui.press('r');
    expect(ui.frame()).toContain('› ✗ error   STALE_IMMUTABLE_ID');
  });
});
