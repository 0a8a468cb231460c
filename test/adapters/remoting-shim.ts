// Installs scripts/test-services/powershell-shim.sh (the same stand-in the test sshd uses) as a
// fake powershell.exe in a temporary directory, for the local, winrm and command transports.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SHIM = join(import.meta.dirname, '..', '..', 'scripts', 'test-services', 'powershell-shim.sh');

export interface ShimState {
  stateDir: string;
  setMode(mode: string): void;
  reset(): void;
  /** The script the stand-in decoded on its last call. */
  lastScript(): string;
  /** Its argv on the last call. */
  lastArgv(): string[];
  calls(): number;
}

export function shimState(stateDir: string): ShimState {
  const file = (name: string) => join(stateDir, name);
  return {
    stateDir,
    setMode: (mode) => writeFileSync(file('mode'), `${mode}\n`, { mode: 0o666 }),
    reset: () => {
      for (const name of ['mode', 'count', 'polls', 'calls.log', 'last-argv', 'last-script.txt'])
        rmSync(file(name), { force: true });
    },
    lastScript: () => readFileSync(file('last-script.txt'), 'utf8'),
    lastArgv: () => readFileSync(file('last-argv'), 'utf8').split('\0').slice(0, -1),
    calls: () =>
      existsSync(file('calls.log'))
        ? readFileSync(file('calls.log'), 'utf8').split('\n').filter(Boolean).length
        : 0,
  };
}

/** A directory holding the stand-in under `names` (e.g. powershell.exe), and its state. */
export function installShim(names: string[]): ShimState & { binDir: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'syncmatch-shim-'));
  const binDir = join(root, 'bin');
  const stateDir = join(root, 'state');
  mkdirSync(binDir);
  mkdirSync(stateDir);
  const text = readFileSync(SHIM, 'utf8').replace('__STATE_DIR__', stateDir);
  for (const name of names) {
    writeFileSync(join(binDir, name), text);
    chmodSync(join(binDir, name), 0o755);
  }
  return { ...shimState(stateDir), binDir, root };
}
