// Leaving mid-procedure (issue 13, point 4) in a real terminal (tmux, 80×24), through the built
// CLI: federated-domain, Finish after the UPN move, the leaving screen says where the user stands,
// the undo is previewed and confirmed, and the journal holds the undo (undoOf) after the write.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startTmux, tmuxSkipReason, type TmuxSession } from './tmux.js';

const ROOT = join(import.meta.dirname, '..', '..');
const skip = tmuxSkipReason();
if (skip) console.warn(`[skip] ${skip}`);
const dir = mkdtempSync(join(tmpdir(), 'syncmatch-e2e-leave-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let session: TmuxSession | undefined;
afterEach(() => session?.kill());

describe.skipIf(skip !== null)('leaving half-done in a real terminal', () => {
  it('federated-domain: Finish after step 1 offers the undo; undone, the summary says so (exit 3)', async () => {
    const journal = join(dir, 'federated.jsonl');
    const s = (session = startTmux({
      command: 'node dist/cli.js --lab federated-domain jdoe',
      cwd: ROOT,
      env: { SYNCMATCH_LAB_JOURNAL: journal, NO_COLOR: '1' },
    }));
    await s.waitFor('3/6 Findings', { timeoutMs: 30_000 });
    s.sendKeys('Enter', 'Enter', 'Enter'); // plan, review step 1, apply
    await s.waitFor('Step 1 done');
    s.sendKeys('Down', 'Down', 'Enter'); // Finish here
    const leaving = await s.waitFor('6/6 Leaving half-done');
    expect(leaving).toContain('the user now signs in as');
    expect(leaving).toContain('john.doe@contoso.onmicrosoft.com');
    expect(leaving).toContain('the hard match was never made');
    s.sendKeys('Enter'); // Undo the write
    const preview = await s.waitFor('Undo this write');
    expect(preview).toContain('6/6 Undo a write');
    s.sendKeys('Enter');
    const summary = await s.waitFor('6/6 Summary');
    expect(summary).toContain('Every write of this run was undone');
    s.sendKeys('Enter');
    expect(await s.waitFor(/\[exit \d+\]/)).toContain('[exit 3]');
    const lines = readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { id: string; phase: string; step: string; undoOf?: string; result?: string },
      );
    expect(lines.map((l) => `${l.phase}:${l.step}:${l.result ?? ''}:${l.undoOf ? 'undo' : ''}`)).toEqual([
      'intent:MOVE_UPN_TO_INITIAL_DOMAIN::',
      'result:MOVE_UPN_TO_INITIAL_DOMAIN:done:',
      'intent:MOVE_UPN_TO_INITIAL_DOMAIN::undo',
      'result:MOVE_UPN_TO_INITIAL_DOMAIN:done:undo',
    ]);
    expect(lines[2]!.undoOf).toBe(lines[0]!.id);
  });
});
