// The built CLI in a child process, as a user runs it: its exit code, stdout and stderr; `onStderr`
// sees stderr as it arrives (to send Ctrl-C at a chosen moment).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

export function spawnCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  onStderr: (soFar: string, child: ChildProcess) => void = () => {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr(stderr, child);
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** A JSON-lines file (the journal) as objects, one a line. */
export function readJsonLines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as T);
}
