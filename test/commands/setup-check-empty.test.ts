// `setup --check` with nothing configured is not green (issue 13, point 10): it says nothing is
// configured and exits non-zero, as the built CLI's source runs for a technician.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/commands/check.js';
import { runCli } from './setup-world.js';

const dir = mkdtempSync(join(tmpdir(), 'syncmatch-empty-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = {
  PATH: process.env.PATH ?? '',
  HOME: dir,
  SYNCMATCH_CONFIG_DIR: join(dir, 'config'),
  SYNCMATCH_DATA_DIR: join(dir, 'data'),
  NO_COLOR: '1',
};

describe('setup --check with nothing configured', () => {
  it('says nothing is configured and exits 1', async () => {
    const run = await runCli(['setup', '--check'], env);
    expect(run.stdout).toMatch(/– skipped AD +Settings +Not configured/);
    expect(run.stderr).toMatch(
      /Nothing is configured: no connection was checked\. Run (?:syncmatch|node \S+|npx syncmatch|npm start --) setup first\./,
    );
    expect(run.stderr).not.toContain('Every configured connection works.');
    expect(run.code).toBe(1);
  });

  it('reports ok: false in JSON', async () => {
    const run = await runCli(['setup', '--check', '--json'], env);
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(report.ok).toBe(false);
    expect(report.rows.every((r) => r.status === 'skipped')).toBe(true);
    expect(run.code).toBe(1);
  });
});
