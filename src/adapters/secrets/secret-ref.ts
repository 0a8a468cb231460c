// Where a secret comes from. The config file holds only one of these references, never the value:
// "env:NAME" (an environment variable), "file:/path" (a file holding only the secret, e.g. a
// mounted credential) or "prompt" (asked on the terminal, masked, every run).
import { UsageError } from '../../core/errors.js';

export type SecretRef = { kind: 'env'; name: string } | { kind: 'file'; path: string } | { kind: 'prompt' };

/** The text form a reference takes in the config file and on the command line. */
export const SECRET_REF_PATTERN = /^(?:env:[A-Za-z_][A-Za-z0-9_]*|file:\S.*|prompt)$/;

export const SECRET_REF_HELP =
  'env:VARIABLE (an environment variable), file:/path (a file holding only the secret) or prompt (asked each run)';

export function isSecretRef(text: string): boolean {
  return SECRET_REF_PATTERN.test(text);
}

/** Parses a reference; `key` names the setting in the error, never the value (it may be a secret). */
export function parseSecretRef(text: string, key: string): SecretRef {
  if (!isSecretRef(text)) {
    throw new UsageError(
      `The setting ${key} must say where the secret comes from, not hold it.`,
      `Use ${SECRET_REF_HELP}.`,
    );
  }
  if (text === 'prompt') return { kind: 'prompt' };
  if (text.startsWith('env:')) return { kind: 'env', name: text.slice(4) };
  return { kind: 'file', path: text.slice(5) };
}

export function formatSecretRef(ref: SecretRef): string {
  if (ref.kind === 'prompt') return 'prompt';
  return ref.kind === 'env' ? `env:${ref.name}` : `file:${ref.path}`;
}

/** A sentence for the screen: where the secret will be read from. */
export function describeSecretRef(ref: SecretRef): string {
  if (ref.kind === 'prompt') return 'asked on the terminal each run (masked)';
  return ref.kind === 'env' ? `from the environment variable ${ref.name}` : `from the file ${ref.path}`;
}
