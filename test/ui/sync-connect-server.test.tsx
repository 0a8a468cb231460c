// The wizard's sync screen with a real Connect server's answers: the cycle still running on the
// server, then the server's own run results under the verdict.
import { afterEach, describe, expect, it } from 'vitest';
import { staleImmutableId } from '../core/wizard-fixtures.js';
import { fakeServices, type FakeOptions } from './fake-services.js';
import { KEY, renderWizardApp, unmountAll } from './harness.js';

afterEach(unmountAll);

async function atSync(options: Partial<FakeOptions> = {}) {
  const fake = fakeServices({ diagnoses: [staleImmutableId], ...options });
  const ui = await renderWizardApp(fake, { identity: 'jdoe' });
  await ui.press(KEY.enter, KEY.enter, KEY.enter, KEY.enter);
  return { fake, ui };
}

describe('sync screen and the Connect server', () => {
  it('says the cycle is still running on the server, with how often it was asked', async () => {
    const { ui } = await atSync({
      hold: { sync: true },
      syncProgress: [
        {
          phase: 'cycle',
          elapsedMs: 12_000,
          detail: 'The sync cycle is still running on the Connect server (asked 3 times).',
        },
      ],
    });
    expect(ui.text()).toContain('The sync cycle is running on the Connect server (0:12 elapsed)');
    expect(ui.text()).toContain('asked 3 times');
  });

  it("shows the server's run results under the verdict", async () => {
    const { ui } = await atSync({
      verdict: {
        verdict: 'timeout',
        detail:
          'No match after 300 s, though the sync cycle ended on the Connect server: the server reported Export on contoso.onmicrosoft.com - AAD: completed-export-errors.',
        syncReport: [
          'Start-ADSyncSyncCycle: Result Success',
          'Connect server: the cycle ended; 6 runs: 5 success, 1 completed-export-errors.',
          'Export (contoso.onmicrosoft.com - AAD): completed-export-errors',
        ],
        after: staleImmutableId,
      },
    });
    const text = ui.text();
    expect(text).toContain('Connect server: the cycle ended; 6 runs: 5 success, 1 completed-export-errors.');
    expect(text).toContain('Export (contoso.onmicrosoft.com - AAD): completed-export-errors');
  });
});
