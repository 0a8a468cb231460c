// How this run was started, so hints print a command that works as typed (core/command-hints.ts):
// `syncmatch` when that name on PATH is this program, `npm start --` under `npm start` or in a
// checkout, `npx syncmatch` when installed as a package but not on PATH.
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, join, relative, sep } from 'node:path';
import type { Invocation } from '../core/command-hints.js';
import type { GlobalOptions } from './global-options.js';

function real(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

let cached: string | undefined;

/** The prefix to type instead of `syncmatch`. */
export function commandPrefix(env: NodeJS.ProcessEnv = process.env, script = process.argv[1] ?? ''): string {
  if (cached !== undefined && env === process.env) return cached;
  const me = real(script);
  let prefix: string;
  if (env.npm_lifecycle_event === 'start') prefix = 'npm start --';
  else if (
    me &&
    (env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .some((dir) => {
        const candidate = join(dir, 'syncmatch');
        return existsSync(candidate) && real(candidate) === me;
      })
  )
    prefix = 'syncmatch';
  else if (me?.includes(`${sep}node_modules${sep}`)) prefix = 'npx syncmatch';
  else if (
    me &&
    existsSync(join(process.cwd(), 'package.json')) &&
    relative(process.cwd(), me) === join('dist', 'cli.js')
  )
    prefix = 'npm start --';
  else prefix = me ? `node ${relative(process.cwd(), me) || me}` : 'npx syncmatch';
  if (env === process.env) cached = prefix;
  return prefix;
}

/** The lab scenario a run's hints keep (`--lab <name>`), if any. */
export function labOf(opts: GlobalOptions): string | undefined {
  return typeof opts.lab === 'string' ? opts.lab : undefined;
}

export function invocationFor(opts: GlobalOptions): Invocation {
  const lab = labOf(opts);
  return { prefix: commandPrefix(), ...(lab ? { lab } : {}) };
}

/** Just the prefix, for a hint built here. */
export function invocation(_opts?: GlobalOptions): string {
  return commandPrefix();
}
