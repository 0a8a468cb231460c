// The hostile invocations (./cli-corpus.ts) through the built CLI (issue 14): each entry in a
// workspace of its own (config, data and lab journal folders, no SYNCMATCH_* from the caller),
// its exit code, its stderr and stdout, and — for entries that carry one — a secret that must
// appear nowhere: not in the output, not in any file the run left behind.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_CORPUS, type CliCase, type CliRun, type Workspace } from './cli-corpus.js';
import { CORPUS } from './corpus.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

/** The caller's environment without anything that would change what syncmatch reads. */
function cleanEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('SYNCMATCH_') || k === 'FORCE_COLOR' || k === 'CI') continue;
    out[k] = v;
  }
  return out;
}

function workspace(base: string, index: number): Workspace {
  const dir = join(base, `case-${index}`);
  mkdirSync(dir, { recursive: true });
  return { dir, config: join(dir, 'config'), data: join(dir, 'data'), labJournal: join(dir, 'lab.jsonl') };
}

/** The files the case's setup made (its input), so only what the run wrote is searched for secrets. */
const inputs = new Map<string, Map<string, string>>();

function run(entry: CliCase, w: Workspace): Promise<CliRun> {
  entry.setup?.(w);
  inputs.set(w.dir, new Map(filesUnder(w.dir).map((f) => [f.path, f.text])));
  const args = typeof entry.args === 'function' ? entry.args(w) : entry.args;
  const extra = typeof entry.env === 'function' ? entry.env(w) : (entry.env ?? {});
  const env: Record<string, string> = {
    ...cleanEnv(),
    NO_COLOR: '1',
    SYNCMATCH_CONFIG_DIR: w.config,
    SYNCMATCH_DATA_DIR: w.data,
    SYNCMATCH_LAB_JOURNAL: w.labJournal,
    ...extra,
  };
  if (env.NO_COLOR === '') delete env.NO_COLOR;
  const started = Date.now();
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, timeout: 60_000, maxBuffer: 32 * 1024 * 1024, env },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr, ms: Date.now() - started });
      },
    );
    child.stdin?.end();
  });
}

/** Every regular file under `dir` (the run's leftovers), as text. */
function filesUnder(dir: string): { path: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

it('the hostile corpus has at least 100 entries (identities + invocations)', () => {
  expect(CORPUS.length + CLI_CORPUS.length).toBeGreaterThanOrEqual(100);
  expect(new Set(CLI_CORPUS.map((e) => e.name)).size).toBe(CLI_CORPUS.length);
});

describe.skipIf(!existsSync(CLI))('inputs: built CLI invocations (flags, variables, files, config)', () => {
  const results = new Map<string, { r: CliRun; w: Workspace }>();
  let base: string;
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'syncmatch-i14-cli-'));
    const queue = CLI_CORPUS.map((e, i) => [e, i] as const);
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [e, i] = next;
        const w = workspace(base, i);
        results.set(e.name, { r: await run(e, w), w });
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  }, 600_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it.each(CLI_CORPUS.map((e) => [`${e.kind}: ${e.name}`, e] as const))('%s', (_name, entry) => {
    const { r, w } = results.get(entry.name)!;
    const shown = `exit ${r.code}\n--- stdout\n${r.stdout.slice(0, 2000)}\n--- stderr\n${r.stderr.slice(0, 2000)}`;
    // Never a stack trace, never "this is a bug".
    expect(r.stderr, shown).not.toMatch(/^\s+at .+:\d+/m);
    expect(r.stderr, shown).not.toContain('this is a bug');
    expect(r.code, shown).toBe(entry.code);
    for (const p of entry.stderr ?? []) expect(r.stderr, shown).toMatch(p);
    for (const p of entry.stdout ?? []) expect(r.stdout, shown).toMatch(p);
    if (entry.secret) {
      expect(`${r.stdout}\n${r.stderr}`).not.toContain(entry.secret);
      const before = inputs.get(w.dir)!;
      const written = filesUnder(w.dir).filter((f) => before.get(f.path) !== f.text);
      for (const f of written) expect(f.text, f.path).not.toContain(entry.secret);
    }
    entry.check?.(r, w);
  });
});
