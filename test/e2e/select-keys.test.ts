import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTmux, tmuxSkipReason, type TmuxSession } from './tmux.js';

const ROOT = join(import.meta.dirname, '..', '..');
const skip = tmuxSkipReason();
if (skip) console.warn(`[skip] ${skip}`);

let session: TmuxSession | undefined;
afterEach(() => session?.kill());

async function chooseWith(...keys: string[]): Promise<string> {
  session = startTmux({
    command: 'npx tsx test/e2e/fixtures/select-demo.tsx',
    cwd: ROOT,
    columns: 80,
    rows: 24,
  });
  await session.waitFor('(ready)', { timeoutMs: 30_000 });
  session.sendKeys(...keys);
  return session.waitFor(/chosen: .*\n[\s\S]*\[exit \d+\]/);
}

describe.skipIf(skip !== null)('the select in a real terminal (tmux)', { timeout: 90_000 }, () => {
  it('picks the third item from Down Down Enter sent in one send-keys', async () => {
    const pane = await chooseWith('Down', 'Down', 'Enter');
    expect(pane).toMatch(/chosen: charlie \(keys in 1 read\)/);
    expect(pane).toContain('[exit 0]');
  });

  it('picks the third item from j j Enter sent in one send-keys', async () => {
    const pane = await chooseWith('j', 'j', 'Enter');
    expect(pane).toMatch(/chosen: charlie \(keys in 1 read\)/);
  });
});
