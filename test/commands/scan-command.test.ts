// `syncmatch scan` and `syncmatch lab generate` through the command line (run(argv)), on the lab:
// JSON, CSV, the text report, exit codes, and refused flags.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/commands/run.js';
import { CSV_HEADER } from '../../src/core/scan/csv.js';
import { loadScenario } from '../../src/lab/scenario-loader.js';

let dir: string;
let stdout = '';
let stderr = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sm-scan-'));
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => run(['node', 'syncmatch', ...args]);

describe('syncmatch lab generate', () => {
  it('writes a scenario the lab loads, and says how to scan it', async () => {
    const file = join(dir, 'g.json');
    expect(await cli('lab', 'generate', '--users', '80', '--seed', '4', '--out', file)).toBe(0);
    const s = await loadScenario(file);
    expect(s.ad.objects.filter((o) => o.objectClass === 'user')).toHaveLength(80);
    expect(stderr).toContain(`syncmatch scan --lab ${file}`);
  });

  it('writes to stdout without --out, and refuses a missing or bad --users', async () => {
    expect(await cli('lab', 'generate', '--users', '5')).toBe(0);
    expect(JSON.parse(stdout).name).toBe('generated-5-syncmatch');
    expect(await cli('lab', 'generate')).toBe(2);
    expect(await cli('lab', 'generate', '--users', '0')).toBe(2);
    expect(await cli('lab', 'generate', '--users', '900000')).toBe(2);
  });
});

describe('syncmatch scan', () => {
  it('prints the whole forecast as JSON and exits 3 when users will fail or duplicate', async () => {
    const file = join(dir, 'g.json');
    await cli('lab', 'generate', '--users', '120', '--seed', 'cmd', '--out', file);
    stdout = '';
    expect(await cli('scan', '--lab', file, '--json')).toBe(3);
    const out = JSON.parse(stdout) as {
      environment: string;
      summary: { forecast: number; problems: number };
      users: { dn: string; forecast: { outcome: string } }[];
      cloudOnly: unknown[];
    };
    expect(out.environment).toBe('lab: generated-120-cmd');
    expect(out.users.length).toBe(out.summary.forecast);
    expect(out.summary.problems).toBeGreaterThan(0);
    expect(out.cloudOnly.length).toBeGreaterThan(0);
  });

  it('exits 0 when nobody is forecast to fail (healthy), with a text report', async () => {
    expect(await cli('scan', '--lab', 'healthy')).toBe(0);
    expect(stdout).toContain('Scan of lab: healthy');
    expect(stdout).toMatch(/already matched\s+\d+/);
    expect(stdout).toContain('No user is forecast to fail or to become a duplicate.');
  });

  it('writes one CSV row per AD user and the report to stderr', async () => {
    const file = join(dir, 'scan.csv');
    expect(await cli('scan', '--lab', 'stale-immutable-id', '--csv', file)).toBe(3);
    const lines = (await readFile(file, 'utf8')).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines.find((l) => l.includes(',jdoe,'))).toContain('export-error,InvalidSoftMatch');
    expect(stderr).toContain(`Wrote ${lines.length - 1} rows to ${file}.`);
    expect(stdout).toBe('');
  });

  it('limits the forecast to --scope OUs (users outside the sync scope are "not synced")', async () => {
    expect(await cli('scan', '--lab', 'healthy', '--json', '--scope', 'DC=contoso,DC=com')).toBe(0);
    const users = (
      JSON.parse(stdout) as { users: { sAMAccountName: string; forecast: { outcome: string } }[] }
    ).users;
    expect(users.find((u) => u.sAMAccountName === 'svc-backup')?.forecast.outcome).toBe('not-synced');
  });

  it('says so when no AD user lives under the --scope OUs', async () => {
    expect(await cli('scan', '--lab', 'healthy', '--scope', 'OU=Nowhere,DC=contoso,DC=com')).toBe(0);
    expect(stderr).toContain('No AD user was found under OU=Nowhere,DC=contoso,DC=com');
  });

  it('refuses --json with --csv, and a --scope that is not a DN (exit 2)', async () => {
    expect(await cli('scan', '--lab', 'healthy', '--json', '--csv', 'x.csv')).toBe(2);
    expect(stderr).toContain('choose one');
    expect(await cli('scan', '--lab', 'healthy', '--scope', 'Staff')).toBe(2);
    expect(stderr).toContain('is not an OU');
  });
});
