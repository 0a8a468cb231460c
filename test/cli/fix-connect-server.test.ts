// `fix --yes` (the built CLI) against lab Connect servers that must not be waited on: the writes are
// made, then the sync step stops before any wait with the server's sentence.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function labScenario(
  server: Record<string, unknown>,
  base = 'stale-immutable-id',
): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'syncmatch-15-'));
  const scenario = JSON.parse(readFileSync(join(ROOT, 'assets', 'scenarios', `${base}.json`), 'utf8'));
  scenario.sync = { ...scenario.sync, server };
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  return { dir, file };
}

function fix(file: string, dir: string) {
  const r = spawnSync(process.execPath, [CLI, 'fix', '--lab', file, 'jdoe', '--yes'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SYNCMATCH_DATA_DIR: dir },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('fix --yes and the Connect server state', () => {
  it('a staging-mode server: the write is made, then the sync step stops with the sentence, no wait', () => {
    const { dir, file } = labScenario({ stagingMode: true });
    const r = fix(file, dir);
    expect(r.out).toContain('✓ SET_IMMUTABLE_ID');
    expect(r.out).toContain(
      '✗ TRIGGER_DELTA_SYNC: The Connect server (the lab) is in staging mode: it imports and synchronizes but never exports, so a cycle there would never reach Entra ID. No cycle was started.',
    );
    expect(r.out + r.err).not.toMatch(/Waiting|may still be exporting|^\s+at .+:\d+/m);
    expect(r.code).toBe(1);
  });

  it('a suspended scheduler: stops with what to close', () => {
    const { dir, file } = labScenario({ schedulerSuspended: true });
    const r = fix(file, dir);
    expect(r.out).toMatch(
      /✗ TRIGGER_DELTA_SYNC: The sync scheduler on the Connect server \(the lab\) is suspended/,
    );
    expect(r.code).toBe(1);
  });

  it("sync --wait shows the server's own run results: export errors and a disabled scheduler", () => {
    const { dir, file } = labScenario(
      { exportErrors: ['ExportError: the 15 lab says no.'], syncCycleEnabled: false },
      'ready-for-soft-match',
    );
    const r = spawnSync(process.execPath, [CLI, 'sync', '--lab', file, '--wait', 'jdoe'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', SYNCMATCH_DATA_DIR: dir },
      timeout: 60_000,
    });
    expect(r.stdout).toContain(
      '  sync: Connect server: the cycle ended; 6 runs: 5 success, 1 completed-export-errors.',
    );
    expect(r.stdout).toContain('  sync: Export (contoso.onmicrosoft.com - AAD): completed-export-errors');
    expect(r.stdout).toContain('  sync: ExportError: the 15 lab says no.');
    expect(r.stdout).toMatch(/ sync: The scheduler is disabled on the Connect server/);
    expect(r.status).toBe(0);
  });
});
