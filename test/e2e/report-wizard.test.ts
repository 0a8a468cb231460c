// Issue 17 in a real terminal (tmux, 80×24): the wizard with --report, the PowerShell toggle on the
// confirm screen, the ticket on the summary screen, and the Markdown file written on quitting.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startTmux, tmuxSkipReason, type TmuxSession } from './tmux.js';

const ROOT = join(import.meta.dirname, '..', '..');
const skip = tmuxSkipReason();
const dir = mkdtempSync(join(tmpdir(), 'syncmatch-e2e-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let session: TmuxSession | undefined;
afterEach(() => session?.kill());

describe.skipIf(skip !== null)('the wizard with --report', () => {
  it('shows the PowerShell on p, the ticket on t, and writes the report when it closes', async () => {
    const report = join(dir, 'ticket.md');
    session = startTmux({
      command: `node dist/cli.js --lab stale-immutable-id jdoe --report ${report}`,
      cwd: ROOT,
      env: { SYNCMATCH_LAB_JOURNAL: join(dir, 'lab.jsonl'), NO_COLOR: '1' },
    });
    const s = session;
    await s.waitFor('3/6 Findings', { timeoutMs: 30_000 });
    s.sendKeys('Enter', 'Enter'); // plan, review step 1
    await s.waitFor('4/6 Confirm a change');
    s.sendKeys('p');
    expect(await s.waitFor('Update-MgUser -UserId')).toContain('-OnPremisesImmutableId');
    s.sendKeys('Enter'); // apply
    await s.waitFor('Step 1 done');
    s.sendKeys('Enter');
    await s.waitFor('✓ Matched');
    s.sendKeys('Enter');
    const summary = await s.waitFor('6/6 Summary');
    expect(summary).toMatch(/SET_IMMUTABLE_ID, journal \d{6}-\d{6}-[0-9a-z]{4}: no undo: a lab run/);
    s.sendKeys('t');
    await s.waitFor('Ticket summary (lab: stale-immutable-id');
    s.sendKeys('Enter');
    expect(await s.waitFor(/\[exit \d+\]/)).toContain('[exit 0]');
    const md = readFileSync(report, 'utf8');
    expect(md).toContain('**Matched: the AD user and the cloud user are joined.**');
    expect(md).toMatch(/\| `SET_IMMUTABLE_ID` \| done \| onPremisesImmutableId \|/);
    expect(md).toContain('## Tell the user');
  });

  it('fix --from on a terminal: says what the case holds and what changed, then opens the wizard', async () => {
    const kase = join(dir, 'case.json');
    const { spawnSync } = await import('node:child_process');
    const l1 = spawnSync(
      process.execPath,
      ['dist/cli.js', 'diagnose', 'jdoe', '--lab', 'stale-immutable-id', '--read-only', '--handoff', kase],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(l1.status, l1.stderr).toBe(3);
    session = startTmux({
      command: `node dist/cli.js fix --from ${kase} --lab stale-immutable-id`,
      cwd: ROOT,
      env: { SYNCMATCH_LAB_JOURNAL: join(dir, 'lab2.jsonl'), NO_COLOR: '1' },
    });
    const before = await session.waitFor('Press Enter to continue in the wizard', { timeoutMs: 30_000 });
    expect(before).toContain('Nothing changed since the case was written: continuing with its plan.');
    expect(before.replace(/\s+/g, ' ')).toMatch(
      /Case: jdoe, diagnosed .* by .+ \(lab: stale-immutable-id, read-only\)\./,
    );
    session.sendKeys('Enter');
    const screen = await session.waitFor('3/6 Findings', { timeoutMs: 30_000 });
    expect(screen).toContain('STALE_IMMUTABLE_ID');
    session.sendKeys('Escape', 'Escape', 'Escape');
    expect(await session.waitFor(/\[exit \d+\]/)).toContain('[exit 3]');
  });
});
