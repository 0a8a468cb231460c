// Every screen of a lab walk in a real terminal (tmux) at 60×20, 80×24 and 200×50: the picker, the
// identity prompt, reading, findings, raw values, plan, confirm, sync, summary, and back to the
// picker through "Another scenario" (one session, several scenarios). On every capture: no value
// broken mid-token across lines, no sentence continued on a line that starts with a stray space,
// and the keys line always there.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTmux, tmuxSkipReason, type TmuxSession } from './tmux.js';

const ROOT = join(import.meta.dirname, '..', '..');
const skip = tmuxSkipReason();
if (skip) console.warn(`[skip] ${skip}`);

let session: TmuxSession | undefined;
afterEach(() => session?.kill());

// Values of the stale-immutable-id scenario a screen may show: each must stay whole on one line.
const TOKENS = [
  'STALE_IMMUTABLE_ID',
  'SET_IMMUTABLE_ID',
  'TRIGGER_DELTA_SYNC',
  'VERIFY_MATCH',
  'jdoe@contoso.com',
  'qve6k1vVU0KDlKV3EsPkZg==',
  'zT2oO+oNSU20SnSu3InusA==',
];

function checkScreen(pane: string, name: string, columns: number): void {
  const lines = pane.split('\n');
  // The screen's own left margin (the picker and the scan are padded by one column).
  const margin = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  const stray = new RegExp(`^ {${margin + 1}}[a-z(]`);
  for (const [i, line] of lines.entries()) {
    expect(line.length, `${name}: line ${i} too wide`).toBeLessThanOrEqual(columns);
    // A sentence continued by the terminal's or Ink's wrap starts with one stray space.
    expect(line, `${name}: stray space at line ${i}:\n${pane}`).not.toMatch(stray);
    const next = lines[i + 1] ?? '';
    for (const token of TOKENS) {
      for (let cut = 4; cut < token.length - 1; cut++) {
        const head = token.slice(0, cut);
        if (line.endsWith(head) && next.trimStart().startsWith(token.slice(cut)))
          throw new Error(`${name}: ${token} broken across lines ${i}/${i + 1}:\n${pane}`);
      }
    }
  }
}

describe.skipIf(skip !== null)('the lab walk at any size', { timeout: 180_000 }, () => {
  for (const [columns, rows] of [
    [60, 20],
    [80, 24],
    [200, 50],
  ] as const) {
    it(`${columns}×${rows}: every screen fits, wraps at words, and the session walks on`, async () => {
      session = startTmux({
        command: 'node dist/cli.js lab',
        cwd: ROOT,
        columns,
        rows,
        env: {
          NO_COLOR: '1',
          SYNCMATCH_LAB_JOURNAL: `/tmp/syncmatch-layout-${process.pid}-${columns}.jsonl`,
        },
      });
      const s = session;
      const screens: [string, string][] = [];
      const at = async (name: string, pattern: string | RegExp) => {
        const pane = await s.waitFor(pattern, { timeoutMs: 30_000 });
        screens.push([name, pane]);
        return pane;
      };
      await at('picker', 'choose a scenario');
      s.sendKeys('End', 'Up', 'Enter'); // alphabetical: stale-immutable-id comes before upn-rename
      const identity = await at('identity', 'Identity');
      expect(identity).toContain('stale-immutable-id');
      s.sendKeys('Enter');
      await at('findings', '3/6 Findings');
      s.sendKeys('r');
      await at('raw values', /raw|Raw|attribute/);
      s.sendKeys('r', 'Enter');
      await at('plan', '4/6 Plan');
      s.sendKeys('Enter');
      await at('confirm', 'Confirm a change');
      s.sendKeys('Enter');
      await at('step done', 'Step 1 done');
      s.sendKeys('Enter');
      await at('sync', 'Matched');
      s.sendKeys('Enter');
      const summary = await at('summary', '6/6 Summary');
      expect(summary).toContain('Another scenario');
      s.sendKeys('Down', 'Down', 'Enter');
      await at('picker again', 'choose a scenario');
      s.sendKeys('q');
      expect(await s.waitFor(/\[exit \d+\]/)).toContain('[exit 0]');
      for (const [name, pane] of screens) checkScreen(pane, `${columns}×${rows} ${name}`, columns);
      // The keys line is on every wizard screen (the footer never scrolls away).
      for (const [name, pane] of screens.filter(([n]) => !n.startsWith('picker')))
        expect(pane, name).toMatch(/\?\s+help|Ctrl-C/);
    });
  }

  it('below 50×15 says it needs more room, and Ctrl-C still cancels (exit 130)', async () => {
    session = startTmux({
      command: 'node dist/cli.js lab',
      cwd: ROOT,
      columns: 46,
      rows: 12,
      env: { NO_COLOR: '1' },
    });
    const pane = await session.waitFor('needs at least 50×15', { timeoutMs: 30_000 });
    expect(pane).toContain('46×12');
    session.sendKeys('C-c');
    expect(await session.waitFor(/\[exit \d+\]/)).toContain('[exit 130]');
  });
});
