// The writing paths that need a terminal (issue 14), through the built CLI in tmux: the wizard
// under each of the three read-only sources shows read-only, hides every write step and writes
// nothing; and Ctrl-C in the lab picker is a cancel (exit 130), not a quiet exit 0.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startTmux, tmuxSkipReason, type TmuxSession } from '../e2e/tmux.js';

const ROOT = join(import.meta.dirname, '..', '..');
const skip =
  tmuxSkipReason() ?? (existsSync(join(ROOT, 'dist', 'cli.js')) ? null : 'dist/cli.js is not built');
if (skip) console.warn(`[skip] ${skip}`);

const dir = mkdtempSync(join(tmpdir(), 'syncmatch-i14-tty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let session: TmuxSession | undefined;
afterEach(() => session?.kill());

const SOURCES: [string, (d: string) => Record<string, string>][] = [
  ['the --read-only flag', () => ({})],
  ['SYNCMATCH_READ_ONLY=1', () => ({ SYNCMATCH_READ_ONLY: '1' })],
  [
    'the profile’s "readOnly": true',
    (d) => {
      mkdirSync(join(d, 'config'), { recursive: true });
      writeFileSync(
        join(d, 'config', 'config.json'),
        JSON.stringify({ version: 1, defaultProfile: 'audit', profiles: { audit: { readOnly: true } } }),
      );
      return {};
    },
  ],
];

describe.skipIf(skip !== null)('inputs: built CLI in a terminal (read-only wizard, lab picker)', () => {
  it.each(SOURCES.map(([name, env], i) => [name, env, i] as const))(
    'the wizard under %s: read-only shown, write steps hidden, nothing written',
    async (name, makeEnv, i) => {
      const d = join(dir, `source-${i}`);
      mkdirSync(d, { recursive: true });
      const journal = join(d, 'lab.jsonl');
      session = startTmux({
        command: `node dist/cli.js --lab stale-immutable-id jdoe${name.includes('flag') ? ' --read-only' : ''}`,
        cwd: ROOT,
        env: {
          ...makeEnv(d),
          SYNCMATCH_CONFIG_DIR: join(d, 'config'),
          SYNCMATCH_LAB_JOURNAL: journal,
          NO_COLOR: '1',
        },
      });
      const findings = await session.waitFor('3/6 Findings', { timeoutMs: 30_000 });
      expect(findings).toContain('[read-only: nothing is written]');
      session.sendKeys('Enter');
      const plan = await session.waitFor(/write step\(s\) hidden/);
      expect(plan).not.toContain('SET_IMMUTABLE_ID');
      session.sendKeys('C-c');
      expect(await session.waitFor(/\[exit \d+\]/)).toContain('[exit 130]');
      expect(existsSync(journal) ? readFileSync(journal, 'utf8').trim() : '').toBe('');
    },
  );

  it('Ctrl-C in the lab picker exits 130', async () => {
    session = startTmux({
      command: 'node dist/cli.js lab',
      cwd: ROOT,
      env: { SYNCMATCH_CONFIG_DIR: join(dir, 'none'), NO_COLOR: '1' },
    });
    await session.waitFor('choose a scenario', { timeoutMs: 30_000 });
    session.sendKeys('C-c');
    expect(await session.waitFor(/\[exit \d+\]/)).toContain('[exit 130]');
  });
});
