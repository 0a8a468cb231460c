// Hints print a command that works as typed: how the built CLI was started decides the prefix.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandPrefix } from '../../src/commands/invocation.js';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'syncmatch-hints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the command prefix', () => {
  it('is "syncmatch" when that name on PATH is this program', () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const script = join(dir, 'cli.js');
    writeFileSync(script, '');
    symlinkSync(script, join(bin, 'syncmatch'));
    expect(commandPrefix({ PATH: bin }, script)).toBe('syncmatch');
  });

  it('is "npx syncmatch" for an installed package not on PATH, "npm start --" under npm start', () => {
    const installed = join(dir, 'node_modules', 'syncmatch', 'dist');
    mkdirSync(installed, { recursive: true });
    writeFileSync(join(installed, 'cli.js'), '');
    expect(commandPrefix({ PATH: '' }, join(installed, 'cli.js'))).toBe('npx syncmatch');
    expect(commandPrefix({ PATH: '', npm_lifecycle_event: 'start' }, join(installed, 'cli.js'))).toBe(
      'npm start --',
    );
  });

  it('the built CLI run from a checkout says "npm start -- …" and keeps --lab', () => {
    const out = join(dir, 'g.json');
    const env = { ...process.env };
    delete env.npm_lifecycle_event;
    const run = spawnSync(
      process.execPath,
      ['dist/cli.js', 'lab', 'generate', '--users', '5', '--seed', '1', '--out', out],
      { cwd: ROOT, encoding: 'utf8', env },
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`Forecast it: npm start -- scan --lab ${out}`);
    expect(run.stderr).toMatch(new RegExp(`Walk one user: npm start -- --lab ${out} \\w+`));
    expect(run.stderr).not.toMatch(/(^|\s)syncmatch (scan|--lab)/m);
  });
});
