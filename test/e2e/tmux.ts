// A real terminal for end-to-end tests: a tmux session of a given size runs a command; tests send
// keys the way a person's terminal does (several keys in one send-keys arrive together), capture
// the pane, and wait for text with a bounded poll. Each harness uses its own tmux server socket,
// so it never touches anyone's tmux, and the session ends by itself after `maxSeconds`.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export interface TmuxOptions {
  command: string;
  cwd?: string;
  columns?: number;
  rows?: number;
  env?: Record<string, string>;
  /** The session is gone after this long even if nobody kills it. */
  maxSeconds?: number;
}

export interface TmuxSession {
  /** tmux key names (Down, Enter, C-c) or literal text; all in ONE send-keys call. */
  sendKeys(...keys: string[]): void;
  /** The visible pane; with `escapes`, including the colour/style escape sequences. */
  capture(options?: { escapes?: boolean }): string;
  waitFor(pattern: string | RegExp, options?: { timeoutMs?: number }): Promise<string>;
  /** Resizes the window (the program gets SIGWINCH, as when a person drags the window). */
  resize(columns: number, rows: number): void;
  kill(): void;
}

export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Why e2e tests must skip here, or null when they can run. In CI a missing tmux is a failure. */
export function tmuxSkipReason(): string | null {
  if (hasTmux()) return null;
  if (process.env.CI === 'true') throw new Error('tmux is missing: CI requires it (.ci/run installs it).');
  return 'tmux is not installed (apt-get install -y tmux) — real-terminal tests skipped.';
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function startTmux(options: TmuxOptions): TmuxSession {
  const socket = `syncmatch-e2e-${process.pid}-${randomBytes(4).toString('hex')}`;
  const name = 'e2e';
  const tmux = (...args: string[]): string =>
    execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const env = Object.entries(options.env ?? {})
    .map(([k, v]) => `${k}=${quote(v)} `)
    .join('');
  // The pane stays after the command ends, so its last frame and exit code can be read; `sleep`
  // bounds the session's life.
  const max = options.maxSeconds ?? 120;
  // A person's terminal is not CI: with CI set (as it is in .ci/run), Ink draws only the last frame,
  // at exit, and colour detection turns colour off. So the program under test runs without it.
  const script = `unset CI CONTINUOUS_INTEGRATION; ${env}${options.command}; echo "[exit $?]"; sleep ${max}`;
  tmux(
    'new-session',
    '-d',
    '-s',
    name,
    '-x',
    String(options.columns ?? 80),
    '-y',
    String(options.rows ?? 24),
    '-c',
    options.cwd ?? process.cwd(),
    `sh -c ${quote(script)}`,
  );
  const session: TmuxSession = {
    sendKeys: (...keys) => void tmux('send-keys', '-t', name, ...keys),
    capture: (opts = {}) => tmux('capture-pane', '-p', ...(opts.escapes ? ['-e'] : []), '-t', name),
    waitFor: async (pattern, opts = {}) => {
      const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
      const matches = (text: string) =>
        typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
      let text = '';
      for (;;) {
        text = session.capture();
        if (matches(text)) return text;
        if (Date.now() > deadline)
          throw new Error(`Timed out waiting for ${String(pattern)}. The pane shows:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    resize: (columns, rows) =>
      void tmux('resize-window', '-t', name, '-x', String(columns), '-y', String(rows)),
    kill: () => {
      try {
        tmux('kill-server');
      } catch {
        // Already gone.
      }
    },
  };
  return session;
}
