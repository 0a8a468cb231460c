// `syncmatch scan --lab <scenario>` built, in a real terminal (tmux, 80×24): the summary, a name
// typed fast with Enter in one burst opens the one-user wizard, leaving it comes back to the scan,
// and q ends with exit 3 (a user is forecast to fail).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTmux, tmuxSkipReason, type TmuxSession } from './tmux.js';

const ROOT = join(import.meta.dirname, '..', '..');
const skip = tmuxSkipReason();
if (skip) console.warn(`[skip] ${skip}`);

let session: TmuxSession | undefined;
afterEach(() => session?.kill());

describe.skipIf(skip !== null)('syncmatch scan in a real terminal', () => {
  it('summary → type a name and Enter → the wizard for that user → back → q exits 3', async () => {
    session = startTmux({
      command: 'node dist/cli.js scan --lab stale-immutable-id',
      cwd: ROOT,
      env: { NO_COLOR: '1' },
    });
    const s = session;
    const summary = await s.waitFor('Next sync', { timeoutMs: 30_000 });
    expect(summary).toMatch(/export error\s+1/);
    expect(summary).toMatch(/already matched\s+\d+/);
    s.sendKeys('/jdoe', 'Enter'); // one burst: the filter and the Enter arrive together
    const wizard = await s.waitFor('3/6 Findings', { timeoutMs: 30_000 });
    expect(wizard).toContain('STALE_IMMUTABLE_ID');
    expect(wizard).toContain('CN=John Doe');
    s.sendKeys('Escape');
    await s.waitFor('Identity');
    s.sendKeys('Escape');
    const back = await s.waitFor('Back from the wizard (jdoe)');
    expect(back).toContain('Next sync');
    s.sendKeys('q');
    await s.waitFor('[exit 3]');
  });
});
