// Ctrl-C is the same on every screen: cancelled, exit 130. The wizard's screens, the picker and
// the floor are covered elsewhere (test/reliability/ctrl-c.test.ts, layout-sizes.test.ts); these
// are the other programs with screens: setup (a question, its help) and the scan (its summary).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startTmux, tmuxSkipReason, type TmuxSession } from './tmux.js';

const ROOT = join(import.meta.dirname, '..', '..');
const skip = tmuxSkipReason();
if (skip) console.warn(`[skip] ${skip}`);

const dir = mkdtempSync(join(tmpdir(), 'syncmatch-ctrlc-'));
let session: TmuxSession | undefined;
afterEach(() => session?.kill());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string): TmuxSession {
  session = startTmux({
    command,
    cwd: ROOT,
    env: {
      NO_COLOR: '1',
      SYNCMATCH_CONFIG_DIR: join(dir, 'config'),
      SYNCMATCH_LAB_JOURNAL: join(dir, 'j.jsonl'),
    },
  });
  return session;
}

describe.skipIf(skip !== null)('Ctrl-C on every screen (tmux)', { timeout: 120_000 }, () => {
  it('setup: on a question and on its help, nothing saved, exit 130', async () => {
    for (const help of [false, true]) {
      const s = run('node dist/cli.js setup');
      await s.waitFor('syncmatch setup', { timeoutMs: 30_000 });
      if (help) {
        s.sendKeys('?');
        await s.waitFor(/Esc\/\? close help/);
      }
      s.sendKeys('C-c');
      const pane = await s.waitFor(/\[exit \d+\]/);
      expect(pane).toContain('[exit 130]');
      expect(pane).toContain('nothing was saved');
      s.kill();
    }
  });

  it('scan: on its summary, exit 130', async () => {
    const s = run('node dist/cli.js scan --lab stale-immutable-id');
    await s.waitFor('users forecast', { timeoutMs: 30_000 });
    s.sendKeys('C-c');
    expect(await s.waitFor(/\[exit \d+\]/)).toContain('[exit 130]');
  });
});
