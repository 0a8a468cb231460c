// Every screen of a lab session in a real terminal (tmux) at 60×20, 80×24 and 200×50, through the
// built CLI: the picker, the identity prompt, reading (the lab slowed down so it can be seen),
// findings, raw values, plan, confirm with its PowerShell and its help, the step done, sync,
// summary, the ticket view, back to the picker through "Another scenario" (one session, several
// scenarios), then a MANUAL step with its PowerShell, and Ctrl-C there (exit 130); where the confirm
// and the MANUAL step are clipped, PgDn brings up lines they left out; setup's first
// question and its help; the scan's summary and list. Every capture must hold test/ui/layout-checks.ts: no line wider than the
// terminal, no stray space, no long value broken mid-token; and never cut silently: each screen is
// also captured after making the window taller (SIGWINCH, as a person would), and every line the
// tall screen shows is on the small one or the small one shows a "more" mark.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { layoutProblems, longValues, missingLines, silentCuts } from '../ui/layout-checks.js';
import { startTmux, tmuxSkipReason, type TmuxSession } from './tmux.js';

const ROOT = join(import.meta.dirname, '..', '..');
const skip = tmuxSkipReason();
if (skip) console.warn(`[skip] ${skip}`);

/** How tall the window gets for the comparison capture. */
const TALL = 60;

let dir = '';
let session: TmuxSession | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncmatch-layout-'));
});
afterEach(() => session?.kill());
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The long values the two scenarios' screens may show (ids, anchors, UPNs, DNs): each stays whole.
const scenarioValues = (name: string): string[] =>
  longValues(JSON.parse(readFileSync(join(ROOT, 'assets', 'scenarios', `${name}.json`), 'utf8')));
const TOKENS = [
  ...scenarioValues('stale-immutable-id'),
  ...scenarioValues('anchor-collision'),
  'qve6k1vVU0KDlKV3EsPkZg==',
  'zT2oO+oNSU20SnSu3InusA==',
  'STALE_IMMUTABLE_ID',
  'SET_IMMUTABLE_ID',
  'TRIGGER_DELTA_SYNC',
  'AD_DUPLICATE_ANCHOR',
];

const lastLine = (pane: string) => pane.replace(/\s+$/, '').split('\n').length - 1;

/** Waits until two captures in a row are the same and the frame reaches the window's bottom. */
async function settled(s: TmuxSession, rows: number): Promise<string> {
  let before = '';
  for (let i = 0; i < 100; i++) {
    const pane = s.capture();
    if (pane === before && lastLine(pane) >= rows - 3) return pane;
    before = pane;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return before;
}

interface Capture {
  name: string;
  pane: string;
  tall: string | null;
}

function walker(s: TmuxSession, columns: number, rows: number) {
  const captures: Capture[] = [];
  const self = {
    captures,
    /** Waits for the screen, captures it, and (unless it is moving) captures it taller too. */
    at: async (name: string, pattern: string | RegExp, options: { compare?: boolean } = {}) => {
      await s.waitFor(pattern, { timeoutMs: 40_000 });
      const pane = options.compare === false ? s.capture() : await settled(s, rows);
      let tall: string | null = null;
      if (options.compare !== false) {
        s.resize(columns, TALL);
        tall = await settled(s, TALL);
        s.resize(columns, rows);
        await settled(s, rows);
      }
      captures.push({ name, pane, tall });
      return pane;
    },
    /**
     * On a screen the window clips (its last capture marks "↓ N more lines (PgDn)"): PgDn brings
     * lines it left out, under an "↑ N above (PgUp)" mark. False when nothing was clipped.
     */
    scrolls: async (name: string): Promise<boolean> => {
      const before = captures.at(-1)!;
      if (!/↓ \d+ more lines? \(PgDn\)/.test(before.pane)) return false;
      const hidden = missingLines(before.pane, before.tall!);
      expect(hidden.length, before.pane).toBeGreaterThan(0);
      s.sendKeys('NPage');
      const pane = await self.at(`${name} scrolled`, /↑ \d+ above \(PgUp\)/);
      expect(hidden.filter((line) => pane.includes(line)).length, pane).toBeGreaterThan(0);
      return true;
    },
  };
  return self;
}

/** Moves the picker's cursor to a scenario (the list is long; it scrolls). */
async function pick(s: TmuxSession, scenario: string): Promise<void> {
  s.sendKeys('Home');
  for (let i = 0; i < 30; i++) {
    if (s.capture().includes(`› ${scenario}`)) {
      s.sendKeys('Enter');
      return;
    }
    s.sendKeys('Down');
    await new Promise((resolve) => setTimeout(resolve, 120));
  }
  throw new Error(`${scenario} not found in the picker:\n${s.capture()}`);
}

function expectLayout(captures: Capture[], columns: number, rows: number): void {
  const problems: string[] = [];
  for (const { name, pane, tall } of captures) {
    const where = `${columns}×${rows} ${name}`;
    const found = layoutProblems(pane, { columns, tokens: TOKENS });
    if (tall) {
      const cut = silentCuts(pane, tall);
      if (cut.length > 0) found.push(`cut without a "more" mark: ${JSON.stringify(cut.slice(0, 3))}`);
    }
    if (found.length > 0) problems.push(`${where}:\n  ${found.join('\n  ')}\n${pane}`);
  }
  expect(problems).toEqual([]);
}

describe.skipIf(skip !== null)(
  'every screen of a lab session at any size (tmux)',
  { timeout: 300_000 },
  () => {
    for (const [columns, rows] of [
      [60, 20],
      [80, 24],
      [200, 50],
    ] as const) {
      it(`${columns}×${rows}: every screen fits, wraps at words, keeps values whole, marks what it leaves out`, async () => {
        session = startTmux({
          // 300 ms per request: the reading screen stays long enough to be seen.
          command: 'node dist/cli.js lab --lab-latency 300',
          cwd: ROOT,
          columns,
          rows,
          maxSeconds: 280,
          env: {
            NO_COLOR: '1',
            SYNCMATCH_LAB_JOURNAL: join(dir, `journal-${columns}.jsonl`),
            SYNCMATCH_CONFIG_DIR: join(dir, `config-${columns}`),
          },
        });
        const s = session;
        const w = walker(s, columns, rows);
        await w.at('picker', 'choose a scenario');
        await pick(s, 'stale-immutable-id');
        expect(await w.at('identity', '1/6 Identity')).toContain('stale-immutable-id');
        s.sendKeys('Enter');
        await w.at('reading', '2/6 Reading', { compare: false });
        await w.at('findings', '3/6 Findings');
        s.sendKeys('r');
        await w.at('raw values', 'attribute');
        s.sendKeys('r', 'Enter');
        await w.at('plan', '4/6 Plan');
        s.sendKeys('Enter');
        await w.at('confirm', 'Confirm a change');
        s.sendKeys('p');
        await w.at('confirm + PowerShell', /p hide/);
        // At 60×20 the block is below the fold: PgDn shows it (and the tall capture resets it).
        const confirmScrolled = await w.scrolls('confirm + PowerShell');
        if (rows === 20) expect(confirmScrolled).toBe(true);
        s.sendKeys('p', '?');
        await w.at('help', 'Help: 4/6 Confirm');
        s.sendKeys('?', 'Enter');
        await w.at('step done', 'Step 1 done');
        s.sendKeys('Enter');
        await w.at('sync', /✓ Matched|✗ /);
        s.sendKeys('Enter');
        const summary = await w.at('summary', '6/6 Summary');
        expect(summary).toContain('Another scenario');
        s.sendKeys('t');
        await w.at('ticket', /Lines 1–\d+ of/);
        s.sendKeys('t', 'Down', 'Down', 'Enter');
        await w.at('picker again', 'choose a scenario');
        await pick(s, 'anchor-collision');
        await s.waitFor('1/6 Identity', { timeoutMs: 40_000 });
        s.sendKeys('Enter');
        await s.waitFor('3/6 Findings', { timeoutMs: 40_000 });
        s.sendKeys('Enter');
        await s.waitFor('4/6 Plan');
        s.sendKeys('Enter');
        await w.at('manual', '4/6 A step for you');
        s.sendKeys('p');
        await w.at('manual + PowerShell', /p hide/);
        const manualScrolled = await w.scrolls('manual + PowerShell');
        if (rows === 20) expect(manualScrolled).toBe(true);
        // Ctrl-C on this screen as on every other: cancelled, exit 130.
        s.sendKeys('C-c');
        expect(await s.waitFor(/\[exit \d+\]/)).toContain('[exit 130]');
        s.kill();

        // setup's first question and its help.
        session = startTmux({
          command: 'node dist/cli.js setup',
          cwd: ROOT,
          columns,
          rows,
          env: { NO_COLOR: '1', SYNCMATCH_CONFIG_DIR: join(dir, `setup-${columns}`) },
        });
        const setup = walker(session, columns, rows);
        await setup.at('setup', 'syncmatch setup');
        session.sendKeys('?');
        await setup.at('setup help', /Esc\/\? close help/);
        // Esc closes the help, Esc on the first question leaves without saving (one key per read:
        // two escapes in one read are Alt+Escape).
        session.sendKeys('Escape');
        await session.waitFor(/\?\s+help/);
        session.sendKeys('Escape');
        expect(await session.waitFor(/\[exit \d+\]/)).toContain('Cancelled: nothing was saved.');

        session.kill();

        // The scan's summary (counts per outcome and per code) and its list.
        session = startTmux({
          command: 'node dist/cli.js scan --lab on-prem-duplicates',
          cwd: ROOT,
          columns,
          rows,
          env: { NO_COLOR: '1', SYNCMATCH_CONFIG_DIR: join(dir, `scan-${columns}`) },
        });
        const scan = walker(session, columns, rows);
        const scanSummary = await scan.at('scan summary', 'users forecast');
        expect(scanSummary).toContain('AD_DUPLICATE_VALUE');
        session.sendKeys('Down', 'Enter');
        await scan.at('scan list', 'Showing:');
        session.sendKeys('C-c');
        // The exit line may follow the scan's last frame on its line and wrap.
        expect((await session.waitFor(/\[exit[\s\d]+\]/)).replace(/\s+/g, '')).toContain('[exit130]');

        const captures = [...w.captures, ...setup.captures, ...scan.captures];
        expectLayout(captures, columns, rows);
        // The comparison is live: at 60×20 some screens do leave lines out (and mark them).
        if (rows === 20)
          expect(
            captures.filter((c) => c.tall && missingLines(c.pane, c.tall).length > 0).length,
          ).toBeGreaterThan(0);
        // The keys line is on every screen (the footer never scrolls away).
        for (const { name, pane } of captures)
          expect(pane, name).toMatch(name.startsWith('scan') ? /↑↓ move/ : /\?\s+help|Esc\/\? close|Ctrl-C/);
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
  },
);
