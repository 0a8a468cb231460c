// Asks for a secret on the terminal without echoing it (one '*' per character). When stdin is not
// a terminal (a script piping the secret in), each prompt takes the next line of stdin instead, so
// `printf '%s\n' "$PW" | syncmatch setup --check` works and nothing is echoed either way.
import { UserFacingError } from '../../core/errors.js';

export interface PromptStreams {
  input: NodeJS.ReadableStream & {
    isTTY?: boolean;
    setRawMode?: (raw: boolean) => unknown;
    ref?: () => unknown;
    unref?: () => unknown;
  };
  /** Where the label goes: stderr, so stdout stays data. */
  output: NodeJS.WritableStream;
}

function defaultStreams(): PromptStreams {
  return { input: process.stdin, output: process.stderr };
}

class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** Reads one secret; resolves with the value, rejects with CancelledError on Ctrl-C. */
export function promptSecret(label: string, streams: PromptStreams = defaultStreams()): Promise<string> {
  const { input } = streams;
  if (input.isTTY && typeof input.setRawMode === 'function') return readMasked(label, streams);
  return nextLine(input, label);
}

function readMasked(label: string, { input, output }: PromptStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    output.write(`${label}: `);
    input.setRawMode?.(true);
    input.setEncoding('utf8');
    // Ink unrefs stdin when it unmounts: without ref() the process would end at the prompt, and
    // the terminal (back in cooked mode) would then echo the secret as it is typed.
    input.ref?.();
    input.resume();
    const finish = (error: Error | null): void => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      input.unref?.();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string | Buffer): void => {
      const text = String(chunk);
      // Arrow keys and other escape sequences are not part of a password.
      if (text.startsWith('\u001b')) return;
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003') return finish(new CancelledError());
        if (ch === '\u0004') {
          if (value === '') return finish(new CancelledError());
          continue;
        }
        if (ch === '\u007f' || ch === '\b') {
          if (value.length > 0) {
            value = [...value].slice(0, -1).join('');
            output.write('\b \b');
          }
          continue;
        }
        if (ch < ' ') continue;
        value += ch;
        output.write('*');
      }
    };
    input.on('data', onData);
  });
}

// One reader per stream, so several prompts in one run take consecutive lines.
const readers = new WeakMap<NodeJS.ReadableStream, LineReader>();

function nextLine(input: NodeJS.ReadableStream, label: string): Promise<string> {
  let reader = readers.get(input);
  if (!reader) {
    reader = new LineReader(input);
    readers.set(input, reader);
  }
  return reader.next(label);
}

class LineReader {
  private buffer = '';
  private ended = false;
  private readonly waiting: { label: string; resolve: (v: string) => void; reject: (e: Error) => void }[] =
    [];

  constructor(private readonly input: NodeJS.ReadableStream) {
    input.setEncoding('utf8');
    input.on('data', (chunk: string | Buffer) => {
      this.buffer += String(chunk);
      this.drain();
    });
    input.on('end', () => {
      this.ended = true;
      this.drain();
    });
    input.on('error', () => {
      this.ended = true;
      this.drain();
    });
  }

  next(label: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ label, resolve, reject });
      this.input.resume();
      this.drain();
    });
  }

  private drain(): void {
    while (this.waiting.length > 0) {
      const newline = this.buffer.indexOf('\n');
      if (newline < 0 && !this.ended) return;
      const waiter = this.waiting.shift()!;
      if (newline >= 0) {
        const line = this.buffer.slice(0, newline).replace(/\r$/, '');
        this.buffer = this.buffer.slice(newline + 1);
        waiter.resolve(line);
      } else if (this.buffer !== '') {
        const line = this.buffer.replace(/\r$/, '');
        this.buffer = '';
        waiter.resolve(line);
      } else {
        waiter.reject(
          new UserFacingError(
            `${waiter.label} must be typed, but there is no terminal and nothing more on stdin.`,
            'SECRET_NO_TERMINAL',
            'Run it in a terminal, pipe the secret on stdin, or point the setting at an environment variable (env:NAME).',
          ),
        );
      }
    }
    if (this.waiting.length === 0 && !this.ended) this.input.pause();
  }
}
