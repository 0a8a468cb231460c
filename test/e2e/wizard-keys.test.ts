import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { purgeStep } from '../core/wizard-fixtures.js';
import { startTmux, tmuxSkipReason, type TmuxSession } from './tmux.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const skip = tmuxSkipReason();
if (skip) console.warn(`[skip] ${skip}`);

// eslint-disable-next-line no-control-regex
const COLOUR = /\u001B\[(3[0-8]|9[0-7]|4[0-8]|10[0-7])[;m]/;

let session: TmuxSession | undefined;
afterEach(() => session?.kill());

/** The wizard in an 80×24 tmux pane, on the findings screen. */
async function wizard(scenario: string, env: Record<string, string> = {}): Promise<TmuxSession> {
  session = startTmux({ command: `${TSX} test/e2e/fixtures/wizard-demo.tsx ${scenario}`, cwd: ROOT, env });
  await session.waitFor('3/6 Findings', { timeoutMs: 30_000 });
  return session;
}

/** Waits for a screen and checks the whole frame fits: the header is still on the pane. */
async function screen(s: TmuxSession, text: string | RegExp): Promise<string> {
  const pane = await s.waitFor(text);
  expect(pane).toContain('syncmatch · lab: test · jdoe');
  return pane;
}

describe.skipIf(skip !== null)('the wizard in a real 80×24 terminal (tmux)', { timeout: 120_000 }, () => {
  it('walks stale-immutable-id to a matched summary, keys sent together', async () => {
    const s = await wizard('stale');
    s.sendKeys('Enter', 'Enter', 'Enter');
    await screen(s, 'Step 1 done');
    s.sendKeys('Enter');
    await screen(s, '✓ Matched');
    s.sendKeys('Enter');
    const summary = await screen(s, '6/6 Summary');
    expect(summary).toContain('syncmatch journal undo j1');
    s.sendKeys('Enter');
    const end = await s.waitFor(/\[exit \d+\]/);
    expect(end).toContain('wizard exit 0, writes: SET_IMMUTABLE_ID');
    expect(end).toContain('[exit 0]');
  });

  it('walks recycle-bin-leftover with the typed id confirmation', async () => {
    const s = await wizard('purge');
    s.sendKeys('Enter', 'Enter');
    await screen(s, '4/6 Confirm a change');
    s.sendKeys('Enter');
    await screen(s, '✗ That is not');
    s.sendKeys('-l', purgeStep.objectId!.slice(0, 8));
    s.sendKeys('Enter');
    await screen(s, 'Step 1 done');
    s.sendKeys('Enter');
    await screen(s, '✓ Matched');
    s.sendKeys('Enter', 'Enter');
    const end = await s.waitFor(/\[exit \d+\]/);
    expect(end).toContain('wizard exit 0, writes: PURGE_DELETED_USER');
  });

  it('walks admin-role through the manual step and "check again"', async () => {
    const s = await wizard('manual');
    s.sendKeys('Enter', 'Enter');
    await screen(s, '4/6 A step for you');
    s.sendKeys('Enter');
    await screen(s, 'Checked again: ADMIN_ROLE_BLOCKS_MATCH no longer found');
    s.sendKeys('Enter');
    await screen(s, '✓ Matched');
    s.sendKeys('Enter', 'Enter');
    const end = await s.waitFor(/\[exit \d+\]/);
    expect(end).toContain('wizard exit 0, writes: none');
  });

  it('stops with 130 on Ctrl-C and writes nothing', async () => {
    const s = await wizard('stale');
    s.sendKeys('Enter', 'Enter');
    await screen(s, '4/6 Confirm a change');
    s.sendKeys('C-c');
    const end = await s.waitFor(/\[exit \d+\]/);
    expect(end).toContain('wizard exit 130, writes: none');
    expect(end).toContain('[exit 130]');
  });

  it('shows no colour with NO_COLOR, and colour without it', async () => {
    const plain = await wizard('stale', { NO_COLOR: '1' });
    plain.sendKeys('r');
    await screen(plain, '≠ immutableId');
    expect(plain.capture({ escapes: true })).not.toMatch(COLOUR);
    plain.kill();
    const coloured = await wizard('stale');
    coloured.sendKeys('r');
    await screen(coloured, '≠ immutableId');
    expect(coloured.capture({ escapes: true })).toMatch(COLOUR);
  });
});
