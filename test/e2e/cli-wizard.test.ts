// The built CLI in a real terminal (tmux, 80×24): `syncmatch --lab <scenario> jdoe` walked to its
// summary with keys sent the way a person's terminal sends them, several at once.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startTmux, tmuxSkipReason, type TmuxSession } from './tmux.js';

const ROOT = join(import.meta.dirname, '..', '..');
const skip = tmuxSkipReason();
if (skip) console.warn(`[skip] ${skip}`);
const dir = mkdtempSync(join(tmpdir(), 'syncmatch-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let session: TmuxSession | undefined;
afterEach(() => session?.kill());

function cli(scenario: string): { s: TmuxSession; journal: string } {
  const journal = join(dir, `${scenario}.jsonl`);
  session = startTmux({
    command: `node dist/cli.js --lab ${scenario} jdoe`,
    cwd: ROOT,
    env: { SYNCMATCH_LAB_JOURNAL: journal, NO_COLOR: '1' },
  });
  return { s: session, journal };
}

const journalSteps = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { phase: string; step: string; result?: string })
    .map((e) => `${e.phase}:${e.step}${e.result ? `:${e.result}` : ''}`);

describe.skipIf(skip !== null)('syncmatch --lab <scenario> jdoe in a real terminal', () => {
  it('walks stale-immutable-id to a matched summary', async () => {
    const { s, journal } = cli('stale-immutable-id');
    await s.waitFor('3/6 Findings', { timeoutMs: 30_000 });
    expect(s.capture()).toContain('STALE_IMMUTABLE_ID');
    s.sendKeys('Enter', 'Enter', 'Enter'); // plan, review step 1, apply
    await s.waitFor('Step 1 done');
    s.sendKeys('Enter'); // go to the sync
    await s.waitFor('✓ Matched');
    s.sendKeys('Enter');
    const summary = await s.waitFor('6/6 Summary');
    expect(summary).toMatch(/SET_IMMUTABLE_ID|immutableId/);
    // Lab writes die with the run: no undo command that could not work.
    expect(summary).not.toContain('journal undo');
    s.sendKeys('Enter');
    expect(await s.waitFor(/\[exit \d+\]/)).toContain('[exit 0]');
    expect(journalSteps(journal)).toEqual(['intent:SET_IMMUTABLE_ID', 'result:SET_IMMUTABLE_ID:done']);
  });

  it('walks recycle-bin-leftover with the typed id confirmation', async () => {
    const { s, journal } = cli('recycle-bin-leftover');
    await s.waitFor('3/6 Findings', { timeoutMs: 30_000 });
    s.sendKeys('Enter', 'Enter');
    await s.waitFor('Type f7703a62-3a09-4478-8c11-7b7de5feb5ed');
    s.sendKeys('-l', 'f7703a6'); // one character short of the 8 that will do: refused
    s.sendKeys('Enter');
    await s.waitFor('That is not f7703a62-3a09-4478-8c11-7b7de5feb5ed. Nothing was written.');
    expect(() => readFileSync(journal)).toThrow(); // refused: no journal entry, no write
    s.sendKeys('-l', '2');
    s.sendKeys('Enter');
    await s.waitFor('Step 1 done');
    s.sendKeys('Enter', 'Enter'); // review step 2, apply
    await s.waitFor('Step 2 done');
    s.sendKeys('Enter');
    await s.waitFor('✓ Matched');
    s.sendKeys('Enter');
    await s.waitFor('6/6 Summary');
    s.sendKeys('Enter');
    expect(await s.waitFor(/\[exit \d+\]/)).toContain('[exit 0]');
    expect(journalSteps(journal)).toEqual([
      'intent:PURGE_DELETED_USER',
      'result:PURGE_DELETED_USER:done',
      'intent:SET_IMMUTABLE_ID',
      'result:SET_IMMUTABLE_ID:done',
    ]);
  });

  it('walks admin-role: the manual step, check again, and a not-matched summary', async () => {
    const { s, journal } = cli('admin-role');
    await s.waitFor('3/6 Findings', { timeoutMs: 30_000 });
    expect(s.capture()).toContain('ADMIN_ROLE_BLOCKS_MATCH');
    s.sendKeys('Enter', 'Enter'); // plan, open the manual step
    await s.waitFor(/Assigned roles|Remove the directory roles/);
    s.sendKeys('Enter'); // check again: the role is still there
    await s.waitFor('Still found: ADMIN_ROLE_BLOCKS_MATCH');
    s.sendKeys('Escape'); // back to the plan
    await s.waitFor('4/6 Plan');
    s.sendKeys('Down', 'Down', 'Enter'); // "Finish here: show the summary", keys sent together
    const summary = await s.waitFor('6/6 Summary');
    expect(summary).toContain('Nothing was changed.');
    expect(summary).toContain('✗ Still wrong: ADMIN_ROLE_BLOCKS_MATCH');
    s.sendKeys('Enter');
    const end = await s.waitFor(/\[exit \d+\]/);
    expect(end).toContain('[exit 3]');
    expect(() => readFileSync(journal)).toThrow(); // nothing was written, so no journal
  });
});
