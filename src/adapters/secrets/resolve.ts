// Turns a secret reference into the value, at the moment it is needed, and registers the value with
// the redactor before anyone can print it.
import { readFile } from 'node:fs/promises';
import { UserFacingError } from '../../core/errors.js';
import { promptSecret } from './masked-prompt.js';
import { secretRedactor, type SecretRedactor } from './redactor.js';
import type { SecretRef } from './secret-ref.js';

export interface SecretSources {
  env: Record<string, string | undefined>;
  /** Asks for the secret (masked); defaults to the terminal. */
  prompt?: (label: string) => Promise<string>;
  redactor?: SecretRedactor;
}

/**
 * `what` is a phrase such as "The AD bind password"; `key` names the setting (for the hint).
 * An empty value is refused: an LDAP simple bind with an empty password is an anonymous bind, which
 * many servers accept and which would then look like a permissions problem.
 */
export async function resolveSecret(
  ref: SecretRef,
  what: string,
  key: string,
  sources: SecretSources,
): Promise<string> {
  const redactor = sources.redactor ?? secretRedactor;
  let value: string;
  if (ref.kind === 'env') {
    value = sources.env[ref.name] ?? '';
    if (value === '') {
      throw new UserFacingError(
        `${what} comes from the environment variable ${ref.name}, which is not set.`,
        'SECRET_MISSING',
        `Set ${ref.name} for this run, or change ${key} (syncmatch setup).`,
      );
    }
  } else if (ref.kind === 'file') {
    try {
      // A trailing newline is the editor's, not the secret's.
      value = (await readFile(ref.path, 'utf8')).replace(/\r?\n$/, '');
    } catch (error) {
      throw new UserFacingError(
        `${what} comes from the file ${ref.path}, which could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
        'SECRET_MISSING',
        `Check the path and its permissions, or change ${key} (syncmatch setup).`,
      );
    }
    if (value === '') {
      throw new UserFacingError(
        `${what} file ${ref.path} is empty.`,
        'SECRET_MISSING',
        `Put the secret in it, or change ${key}.`,
      );
    }
  } else {
    value = await (sources.prompt ?? promptSecret)(what);
    if (value === '') {
      throw new UserFacingError(
        `${what} was left empty.`,
        'SECRET_MISSING',
        'Type it again (nothing is shown while you type).',
      );
    }
  }
  redactor.add(value);
  return value;
}
