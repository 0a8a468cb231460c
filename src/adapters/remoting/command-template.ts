// A site's own command for the sync trigger, as an argv template. Placeholders are replaced
// inside single arguments after the template is split, and the result is started without a
// shell: a value can hold quotes, ';', '$()', backticks or newlines and still be one argument.
import { UserFacingError } from '../../core/errors.js';

export type CommandTemplate = string | readonly string[];

/** Placeholders every template may use; sites add their own `values` (e.g. {server}). */
export const BUILT_IN_PLACEHOLDERS = ['script', 'encodedCommand'] as const;

const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z][A-Za-z0-9_]*)\}|[{}]/g;

function invalid(message: string, hint: string): UserFacingError {
  return new UserFacingError(message, 'SYNC_CONFIG_INVALID', hint);
}

/**
 * Splits one command line into arguments, quote-aware, never through a shell. Whitespace separates
 * arguments; '…' is literal; "…" is literal except \" and \\. A backslash elsewhere is an
 * ordinary character, so Windows paths need no doubling.
 */
export function splitCommandLine(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let inArg = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
    } else if (quote === '"') {
      const next = line[i + 1];
      if (ch === '\\' && (next === '"' || next === '\\')) {
        current += next;
        i++;
      } else if (ch === '"') quote = null;
      else current += ch;
    } else if (/\s/.test(ch)) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else {
      inArg = true;
      if (ch === "'" || ch === '"') quote = ch;
      else current += ch;
    }
  }
  if (quote) {
    throw invalid(
      `The sync command template has an unclosed ${quote === '"' ? 'double' : 'single'} quote.`,
      'Close the quote, or give the command as a list of arguments.',
    );
  }
  if (inArg) args.push(current);
  return args;
}

/** Checks a template once, at configuration time; returns its arguments. */
export function parseTemplate(template: CommandTemplate, valueNames: readonly string[] = []): string[] {
  const argv = typeof template === 'string' ? splitCommandLine(template) : [...template];
  if (argv.length === 0 || !argv[0]) {
    throw invalid(
      'The sync command template is empty.',
      'Give the program to run first, e.g. ["ssh", "sync01", …].',
    );
  }
  const known = new Set<string>([...BUILT_IN_PLACEHOLDERS, ...valueNames]);
  for (const arg of argv) {
    for (const match of arg.matchAll(PLACEHOLDER)) {
      const token = match[0];
      if (token === '{{' || token === '}}') continue;
      if (!match[1]) {
        throw invalid(
          `The sync command template has a stray "${token}" in "${arg}".`,
          'Write a literal brace as {{ or }}.',
        );
      }
      if (!known.has(match[1])) {
        throw invalid(
          `The sync command template uses {${match[1]}}, which is not defined.`,
          `Use ${[...known].map((n) => `{${n}}`).join(', ')}, or define it in the template's values.`,
        );
      }
    }
  }
  return argv;
}

/** Fills the placeholders; each argument stays one argument whatever the values contain. */
export function expandTemplate(argv: readonly string[], values: Readonly<Record<string, string>>): string[] {
  return argv.map((arg) =>
    arg.replace(PLACEHOLDER, (token, name: string | undefined) => {
      if (token === '{{') return '{';
      if (token === '}}') return '}';
      const value = name === undefined ? undefined : values[name];
      if (value === undefined) throw new Error(`expandTemplate: no value for ${token}`);
      return value;
    }),
  );
}
