// Runs one program with an argv array and no shell: every value is one argument, never code.
import { spawn } from 'node:child_process';
import type { RawOutput } from './classify-output.js';
import { OutputBuffer } from './decode-output.js';

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  /** Made when the timeout passes (the process is killed first). */
  onTimeout: () => Error;
  /** Made when the program cannot be started at all (ENOENT, EACCES, …). */
  onSpawnError: (error: NodeJS.ErrnoException) => Error;
  /** The code page the program writes in (decode-output.ts); the default OEM page unless given. */
  codePage?: string;
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
    const out = { stdout: new OutputBuffer(MAX_OUTPUT), stderr: new OutputBuffer(MAX_OUTPUT) };
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

    child.stdout.on('data', (chunk: Buffer) => out.stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => out.stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => finish(() => reject(options.onSpawnError(error))));
    child.on('close', (code) => {
      clearTimeout(killTimer);
      finish(() =>
        resolve({
          exitCode: code,
          stdout: out.stdout.text(options.codePage),
          stderr: out.stderr.text(options.codePage),
        }),
      );
    });
  });
}
