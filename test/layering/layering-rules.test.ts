// `npm run layering` must fail on the imports the design forbids, not only pass on today's code.
// Each case builds a small source tree in a temporary folder (beside the real configuration file,
// copied, and the project's node_modules, linked, so ldapts and ssh2 resolve as they do in src/),
// runs the same depcruise command line as the npm script there, and expects a non-zero exit that
// names the rule. The real src/ is checked the same way and must pass.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

/** The npm script's arguments (`depcruise src --config .dependency-cruiser.cjs`), read from package.json. */
function layeringArgs(): string[] {
  const scripts = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const [bin, ...args] = scripts.layering!.split(/\s+/);
  expect(bin).toBe('depcruise');
  return args;
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncmatch-layering-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fixture tree with these files (paths under it), the real config and tsconfig, and node_modules. */
function fixture(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  mkdirSync(root, { recursive: true });
  copyFileSync(join(ROOT, '.dependency-cruiser.cjs'), join(root, '.dependency-cruiser.cjs'));
  copyFileSync(join(ROOT, 'tsconfig.json'), join(root, 'tsconfig.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function runLayering(cwd: string): { status: number | null; output: string } {
  const r = spawnSync(DEPCRUISE, layeringArgs(), {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

// A harmless core and app file every fixture has, so a violation is the only thing wrong.
const BASE = {
  'src/core/ids.ts': 'export const id = (s: string): string => s.trim();\n',
  'src/app/services.ts':
    "import { id } from '../core/ids.js';\nexport interface Services { run(): string }\nexport const x = id(' a ');\n",
};

describe('npm run layering', { timeout: 120_000 }, () => {
  const commandCases: [string, string, string][] = [
    ['ldapts', "import { Client } from 'ldapts';\nexport const c = Client;\n", 'ldapts'],
    ['ssh2', "import { Client } from 'ssh2';\nexport const c = Client;\n", 'ssh2'],
    ['node:tls', "import { connect } from 'node:tls';\nexport const c = connect;\n", 'tls'],
  ];
  for (const [label, source, target] of commandCases) {
    it(`fails on a command file that imports ${label} (commands-no-protocols)`, () => {
      const root = fixture(`command-${label.replace(/\W/g, '-')}`, {
        ...BASE,
        'src/commands/check-bad.ts': source,
      });
      const r = runLayering(root);
      expect(r.status, r.output).not.toBe(0);
      expect(r.output).toMatch(/error commands-no-protocols: src\/commands\/check-bad\.ts → \S*/);
      const line = r.output.split('\n').find((l) => l.includes('commands-no-protocols'))!;
      expect(line).toContain(target);
    });
  }

  it('fails on a core file that imports from app/, a type-only import included (core-not-above)', () => {
    const root = fixture('core-from-app', {
      ...BASE,
      'src/core/wizard/state.ts':
        "import type { Services } from '../../app/services.js';\nexport type S = Services | null;\n",
    });
    const r = runLayering(root);
    expect(r.status, r.output).not.toBe(0);
    expect(r.output).toMatch(/error core-not-above: src\/core\/wizard\/state\.ts → src\/app\/services\.ts/);
  });

  it('passes on a tree that keeps the rules (the fixture itself is not the failure)', () => {
    const r = runLayering(fixture('clean', BASE));
    expect(r.status, r.output).toBe(0);
  });

  it('passes on the real src/', () => {
    const out = execFileSync(DEPCRUISE, layeringArgs(), { cwd: ROOT, encoding: 'utf8' });
    expect(out).toMatch(/no dependency violations found/);
  });
});
