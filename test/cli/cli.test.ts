// The built CLI as a user runs it: exit codes, stdout vs stderr, no stack traces, and --version /
// --help loading nothing but the entry file (no Ink, no React).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const STACK = /^\s+at .+[:(]\d+/m;

describe('syncmatch convert', () => {
  it.each([
    ['35918bc9-196d-40ea-9779-889d79b753f0', 'yYuRNW0Z6kCXeYidebdT8A=='],
    ['f7cc07d7-7c15-447d-876d-c01b0e5a9e38', '1wfM9xV8fUSHbcAbDlqeOA=='],
    ['a15df3dc-4416-414b-8b7d-5fbdcb5743c1', '3PNdoRZES0GLfV+9y1dDwQ=='],
    ['3ab39606-c642-489b-84b6-58c038d3ef39', 'BpazOkLGm0iEtljAONPvOQ=='],
  ])('converts %s both ways', (guid, immutableId) => {
    const a = run(['convert', guid]);
    expect(a.code).toBe(0);
    expect(a.out).toContain(immutableId);
    const b = run(['convert', immutableId]);
    expect(b.code).toBe(0);
    expect(b.out).toContain(guid);
  });

  it('prints JSON with --json and nothing on stderr', () => {
    const r = run(['convert', '--json', '{35918BC9-196D-40EA-9779-889D79B753F0}']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ detected: 'guid', immutableId: 'yYuRNW0Z6kCXeYidebdT8A==' });
    expect(r.err).toBe('');
  });

  it.each([['not-a-guid'], ['AAAAAAAAAAA='], ['yYuRNW0Z6kCXeYid-bdT8A==']])(
    'refuses %s with one sentence and exit 2',
    (bad) => {
      const r = run(['convert', bad]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^syncmatch: .+\./);
      expect(r.err).not.toMatch(STACK);
    },
  );
});

describe('the command line', () => {
  it('documents the exit codes in --help', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    for (const line of ['0 ', '1 ', '2 ', '3 ', '130']) expect(r.out).toContain(`  ${line}`);
    for (const cmd of ['diagnose', 'fix', 'convert', 'sync', 'lab', 'setup', 'journal'])
      expect(r.out).toContain(cmd);
  });

  it('answers a usage error with exit 2', () => {
    expect(run(['diagnose']).code).toBe(2);
    expect(run(['--no-such-flag']).code).toBe(2);
    expect(run(['diagnose', '--lab', 'stale-immutable-id', '   ']).code).toBe(2);
  });

  it('exits 3 when problems are found, 0 when matched, data on stdout only', () => {
    const bad = run(['diagnose', '--json', '--lab', 'stale-immutable-id', 'jdoe']);
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.out).findings[0].code).toBe('STALE_IMMUTABLE_ID');
    const good = run(['diagnose', '--json', '--lab', 'healthy', 'jdoe']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.out).plan).toEqual([]);
  });

  it('refuses fix without --yes when not on a terminal', () => {
    const r = run(['fix', '--lab', 'stale-immutable-id', 'jdoe']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--yes required when not running interactively');
  });

  it('loads only the entry file for --version and --help (no Ink, no React)', () => {
    // A module hook records every file the process loads from dist/ and node_modules/.
    const dir = mkdtempSync(join(tmpdir(), 'syncmatch-hook-'));
    writeFileSync(
      join(dir, 'hooks.mjs'),
      "export async function resolve(s, c, next) { const r = await next(s, c); if (/[/](dist|node_modules)[/]/.test(r.url)) process.stderr.write('LOADED ' + r.url + '\\n'); return r; }\n",
    );
    writeFileSync(
      join(dir, 'register.mjs'),
      `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
    );
    const hook = pathToFileURL(join(dir, 'register.mjs')).href;
    for (const flag of ['--version', '--help']) {
      const r = spawnSync(process.execPath, ['--import', hook, CLI, flag], { encoding: 'utf8', cwd: ROOT });
      expect(r.status).toBe(0);
      const loaded = r.stderr
        .split('\n')
        .filter((l) => l.startsWith('LOADED '))
        .map((l) => fileURLToPath(l.slice('LOADED '.length)));
      expect(loaded[0]).toBe(CLI);
      // Only the entry and small shared chunks of our own code: nothing from node_modules, and no
      // bundled Ink or React (esbuild marks bundled files with a `// node_modules/<pkg>/` comment).
      for (const file of loaded) {
        expect(file).not.toMatch(/node_modules/);
        expect(readFileSync(file, 'utf8')).not.toMatch(/\/\/ node_modules\/(ink|react|@inkjs|yoga-layout)\//);
      }
    }
  });
});
