// Runs one program with an argv array and no shell: every value is one argument, never code.
import { spawn } from 'node:child_process';
import type { RawOutput } from './classify-output.js';

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  /** Made when the timeout passes (the process is killed first). */
  onTimeout: () => Error;
  /** Made when the program cannot be started at all (ENOENT, EACCES, …). */
  onSpawnError: (error: NodeJS.ErrnoException) => Error;
}

const MAX_OUTPUT = 1024 * 1024;
const KILL_GRACE_MS = 2000;

export function runProcess(argv: readonly string[], options: RunOptions): Promise<RawOutput> {
  const [file, ...args] = argv;
  if (!file) return Promise.reject(new Error('runProcess: empty argv'));
  options.signal?.throwIfAborted();
  return new Promise<RawOutput>((resolve, reject) => {
    let child;
    try {
      child = spawn(file, args, {
        shell: false,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: options.env ?? process.env,
        windowsHide: true,
      });
    } catch (error) {
      // Node refuses some files synchronously (e.g. .bat/.cmd without a shell: EINVAL).
      reject(options.onSpawnError(error as NodeJS.ErrnoException));
      return;
    }
    const out = { stdout: '', stderr: '' };
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;

    const stop = (): void => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = (): void => {
      stop();
      finish(() => reject(options.signal?.reason));
    };
    const timer = setTimeout(() => {
      stop();
      finish(() => reject(options.onTimeout()));
    }, options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      if (out.stdout.length < MAX_OUTPUT) out.stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (out.stderr.length < MAX_OUTPUT) out.stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => finish(() => reject(options.onSpawnError(error))));
    child.on('close', (code) => {
      clearTimeout(killTimer);
      finish(() => resolve({ exitCode: code, stdout: out.stdout, stderr: out.stderr }));
    });
  });
}
