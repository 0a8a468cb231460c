// Ctrl-C at every point of the fix flow, in a real terminal (issue 8): the built CLI walks
// recycle-bin-leftover (a purge, then an immutableId) in tmux, and a C-c arrives on each screen,
// including while a write is in flight (the lab's latency widens that window). Afterwards the
// journal must be consistent: every line parses, every intent has a result or is listed as
// unfinished by `syncmatch journal --json`, and the next run reports any write whose result is
// unknown.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTmux, tmuxSkipReason, type TmuxSession } from '../e2e/tmux.js';
import { recordFaultRun } from './figures.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const skip = tmuxSkipReason() ?? (existsSync(CLI) ? null : 'dist/cli.js is missing (npm run build)');
if (skip) console.warn(`[skip] ${skip}`);
const dir = mkdtempSync(join(tmpdir(), 'syncmatch-ctrl-c-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Line {
  id: string;
  phase: 'intent' | 'result';
  step: string;
  result?: string;
}

/** Every line of the journal (they must parse). */
function journalLines(file: string): Line[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line);
}

/** How many intent lines are on disk: the write they announce is about to be sent. */
const intents = (file: string) => journalLines(file).filter((l) => l.phase === 'intent').length;

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function cli(args: string[], journal: string) {
  const r = spawnSync(process.execPath, [CLI, '--lab', 'recycle-bin-leftover', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', SYNCMATCH_LAB_JOURNAL: journal },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Stop {
  name: string;
  /** --lab-latency: long where the C-c must land inside a request. */
  latency: number;
  /** Walks the wizard to the point where C-c is sent. */
  walk(s: TmuxSession, journal: string): Promise<void>;
  /** Writes the tenant has been sent by then (intent lines). */
  writes: number;
}

const toFindings = (s: TmuxSession) => s.waitFor('3/6 Findings', { timeoutMs: 40_000 });
async function toConfirm1(s: TmuxSession) {
  await toFindings(s);
  s.sendKeys('Enter');
  await s.waitFor('4/6 Plan');
  s.sendKeys('Enter');
  await s.waitFor('Type f7703a62-3a09-4478-8c11-7b7de5feb5ed');
}
async function toStep1Done(s: TmuxSession) {
  await toConfirm1(s);
  s.sendKeys('-l', 'f7703a62');
  s.sendKeys('Enter');
  await s.waitFor('Step 1 done', { timeoutMs: 30_000 });
}
async function toReview2(s: TmuxSession) {
  await toStep1Done(s);
  s.sendKeys('Enter');
  await s.waitFor('Apply this change');
}
async function toStep2Done(s: TmuxSession) {
  await toReview2(s);
  s.sendKeys('Enter');
  await s.waitFor('Step 2 done', { timeoutMs: 30_000 });
}

const STOPS: Stop[] = [
  { name: 'reading', latency: 1000, writes: 0, walk: (s) => s.waitFor('2/6 Reading').then(() => undefined) },
  { name: 'findings', latency: 0, writes: 0, walk: (s) => toFindings(s).then(() => undefined) },
  {
    name: 'raw values',
    latency: 0,
    writes: 0,
    walk: async (s) => {
      await toFindings(s);
      s.sendKeys('r');
      await s.waitFor('AD (on-premises)');
    },
  },
  {
    name: 'plan',
    latency: 0,
    writes: 0,
    walk: async (s) => {
      await toFindings(s);
      s.sendKeys('Enter');
      await s.waitFor('4/6 Plan');
    },
  },
  { name: 'typed confirmation, empty', latency: 0, writes: 0, walk: toConfirm1 },
  {
    name: 'typed confirmation, half typed',
    latency: 0,
    writes: 0,
    walk: async (s) => {
      await toConfirm1(s);
      s.sendKeys('-l', 'f7703');
      await s.waitFor('> f7703');
    },
  },
  {
    name: 'purge in flight',
    latency: 1500,
    writes: 1,
    walk: async (s, journal) => {
      await toConfirm1(s);
      s.sendKeys('-l', 'f7703a62');
      s.sendKeys('Enter');
      await until(() => intents(journal) === 1, 'the purge intent');
    },
  },
  { name: 'after the purge', latency: 0, writes: 1, walk: toStep1Done },
  { name: 'reviewing step 2', latency: 0, writes: 1, walk: toReview2 },
  {
    name: 'immutableId write in flight',
    latency: 1500,
    writes: 2,
    walk: async (s, journal) => {
      await toReview2(s);
      s.sendKeys('Enter');
      await until(() => intents(journal) === 2, 'the immutableId intent');
    },
  },
  { name: 'after both writes', latency: 0, writes: 2, walk: toStep2Done },
  {
    name: 'waiting for the sync',
    latency: 500,
    writes: 2,
    walk: async (s) => {
      await toStep2Done(s);
      s.sendKeys('Enter');
      await s.waitFor('5/6 Sync');
    },
  },
  {
    name: 'summary',
    latency: 0,
    writes: 2,
    walk: async (s) => {
      await toStep2Done(s);
      s.sendKeys('Enter');
      await s.waitFor('✓ Matched', { timeoutMs: 30_000 });
      s.sendKeys('Enter');
      await s.waitFor('6/6 Summary');
    },
  },
];

describe.skipIf(skip !== null)('Ctrl-C at every point of the fix flow (tmux, built CLI)', () => {
  it.concurrent.each(STOPS.map((stop) => [stop.name, stop] as const))(
    'C-c on %s: exit 130, the journal consistent, unknown writes reported by the next run',
    async (name, stop) => {
      const journal = join(dir, `${name.replace(/\W+/g, '-')}.jsonl`);
      const s = startTmux({
        command: `node dist/cli.js --lab recycle-bin-leftover --lab-latency ${stop.latency} jdoe`,
        cwd: ROOT,
        env: { SYNCMATCH_LAB_JOURNAL: journal, NO_COLOR: '1' },
        maxSeconds: 90,
      });
      try {
        await stop.walk(s, journal);
        s.sendKeys('C-c');
        expect(await s.waitFor(/\[exit \d+\]/, { timeoutMs: 20_000 })).toContain('[exit 130]');
      } finally {
        s.kill();
      }

      // The journal's consistency, as sentences (recorded for the published figures, then asserted).
      const problems: string[] = [];
      const raw = existsSync(journal)
        ? readFileSync(journal, 'utf8')
            .split('\n')
            .filter((l) => l.trim())
        : [];
      const lines: Line[] = [];
      for (const [i, text] of raw.entries()) {
        try {
          lines.push(JSON.parse(text) as Line);
        } catch {
          problems.push(`line ${i + 1} of the journal does not parse`);
        }
      }
      const listed = cli(['journal', '--json'], journal);
      const contents = JSON.parse(listed.stdout) as { problems: string[]; unfinished: string[] };
      problems.push(...contents.problems);
      const ids = [...new Set(lines.map((l) => l.id))];
      const open = ids.filter((id) => {
        const result = lines.find((l) => l.id === id && l.phase === 'result');
        return !result || result.result === 'unknown';
      });
      // Every intent has a result, or the journal lists it as unfinished.
      for (const id of open)
        if (!contents.unfinished.includes(id)) problems.push(`write ${id} has no result and is not listed`);
      // The next run reports each write whose result is unknown before it does anything.
      let next: ReturnType<typeof cli> | null = null;
      if (open.length > 0) {
        next = cli(['fix', 'jdoe', '--yes', '--json'], journal);
        for (const id of open)
          if (!next.stderr.includes(`Write ${id}`)) problems.push(`the next run did not report write ${id}`);
      }
      recordFaultRun({
        run: `ctrl-c ${name}`,
        faults: 1,
        writesSent: 0,
        writesWithoutJournal: 0,
        dataProblems: problems,
      });

      expect(problems).toEqual([]);
      expect(listed.code).toBe(0);
      expect(lines.filter((l) => l.phase === 'intent')).toHaveLength(stop.writes);
      if (name.endsWith('in flight')) {
        // The C-c came while the request was out: its outcome was not known when the run stopped.
        expect(open).toHaveLength(1);
        expect(next?.stderr).toMatch(/stopped \(Ctrl-C\)|no recorded result/);
        expect(next?.stderr).not.toMatch(/^\s+at .+:\d+/m);
      } else {
        expect(open).toEqual([]);
      }
    },
    120_000,
  );
});
