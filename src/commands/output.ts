// Data to stdout, status to stderr; colour only on a terminal, never with --json, NO_COLOR or
// --no-color.
import { styleText } from 'node:util';
import { rewriteCommands } from '../core/command-hints.js';
import { visibleTerminalText } from '../core/display-text.js';
import { invocationFor } from './invocation.js';
import type { GlobalOptions } from './global-options.js';

type Style = Parameters<typeof styleText>[0];

export interface Output {
  readonly color: boolean;
  readonly json: boolean;
  data(text: string): void;
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

export function createOutput(opts: GlobalOptions): Output {
  const color = colorEnabled(opts);
  // Commands quoted in text are shown the way this run was started (never in JSON: data stays data).
  const how = invocationFor(opts);
  const hints = (text: string) => (text.includes('syncmatch ') ? rewriteCommands(text, how) : text);
  return {
    color,
    json: Boolean(opts.json),
    // Text may quote directory values (a displayName can hold ESC sequences): shown as escapes.
    data: (raw) => {
      const text = visibleTerminalText(hints(raw));
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    json_: (value) => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    status: (text) => void process.stderr.write(`${visibleTerminalText(hints(text))}\n`),
    verbose: (text) => {
      if (opts.verbose) process.stderr.write(`${visibleTerminalText(text)}\n`);
    },
    paint: (style, text) => (color ? styleText(style, text) : text),
  };
}
