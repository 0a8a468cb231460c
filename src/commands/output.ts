// Data to stdout, status to stderr; colour only on a terminal, never with --json, NO_COLOR or
// --no-color. Everything that leaves the process passes two gates (issue 14): the redactor (any
// secret read in this run, token shapes) and, for a terminal, the one escaping function, which
// keeps only the colours this program paints.
import { inspect, styleText } from 'node:util';
import { secretRedactor } from '../adapters/secrets/redactor.js';
import { visibleTerminalText, visibleText } from '../core/display-text.js';
import { rewriteCommands } from '../core/command-hints.js';
import { invocationFor } from './invocation.js';
import type { GlobalOptions } from './global-options.js';

type Style = Parameters<typeof styleText>[0];

export interface Output {
  readonly color: boolean;
  readonly json: boolean;
  /** `wrap` (ui/wrap.ts's wrapLine, passed in so that start-up does not load it): on a terminal,
   *  long lines break at words to its width, as the screens do; piped output keeps whole lines. */
  data(text: string, options?: { wrap?: (line: string, width: number) => string[] }): void;
  json_(value: unknown): void;
  status(text: string): void;
  verbose(text: string): void;
  paint(style: Style, text: string): string;
}

export function colorEnabled(opts: GlobalOptions, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (opts.json || opts.color === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** The styles `paint` is used with; their SGR codes are the only ones let through. */
const PAINTED = ['bold', 'dim', 'italic', 'underline', 'gray', 'red', 'green', 'yellow', 'blue', 'cyan'];

/** The exact SGR sequences the program's own colours produce (util.inspect.colors: [on, off]). */
export const OWN_COLOURS: ReadonlySet<string> = new Set(
  PAINTED.flatMap((s) => (inspect.colors[s] ?? []).map((code) => `\u001b[${code}m`)),
);

/** Text for a terminal: secrets removed, then escaped (keeping our own colours when colour is on). */
export function terminalText(text: string, color = false): string {
  return visibleTerminalText(secretRedactor.redact(text), color ? OWN_COLOURS : undefined);
}

/** A one-line message (errors, hints): secrets removed, every control shown as an escape. */
export function messageText(text: string): string {
  return visibleText(secretRedactor.redact(text));
}

export function createOutput(opts: GlobalOptions): Output {
  const color = colorEnabled(opts);
  // Commands quoted in text are shown the way this run was started (never in JSON: data stays data).
  const how = invocationFor(opts);
  const hints = (text: string) => (text.includes('syncmatch ') ? rewriteCommands(text, how) : text);
  return {
    color,
    json: Boolean(opts.json),
    // Text may quote directory values (a displayName can hold ESC sequences): shown as escapes.
    data: (raw, options) => {
      let text = terminalText(hints(raw), color);
      const width = process.stdout.isTTY ? process.stdout.columns : 0;
      const wrap = options?.wrap;
      if (wrap && width > 0) {
        text = text
          .replace(/\n$/, '')
          .split('\n')
          .flatMap((line) => wrap(line, width))
          .join('\n');
      }
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    // JSON keeps the data: JSON.stringify writes C0 controls as \u escapes, and visibleText does the
    // same for C1, direction and zero-width characters (inside a JSON string "\u202e" parses back
    // to the very character). Only secrets are removed.
    json_: (value) =>
      void process.stdout.write(
        `${visibleText(JSON.stringify(secretRedactor.redactValue(value), null, 2))}\n`,
      ),
    status: (text) => void process.stderr.write(`${terminalText(hints(text), color)}\n`),
    verbose: (text) => {
      if (opts.verbose) process.stderr.write(`${terminalText(text, color)}\n`);
    },
    paint: (style, text) => (color ? styleText(style, text) : text),
  };
}
