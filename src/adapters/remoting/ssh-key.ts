// The client's private key: a file path or the key text itself, checked before connecting so a
// wrong file or a missing passphrase is named as such instead of "authentication failed".
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import ssh2 from 'ssh2';
import { UserFacingError } from '../../core/errors.js';

export interface LoadedKey {
  key: Buffer;
  /** How to name it in sentences: the path, or "the configured key". Never the key itself. */
  label: string;
}

export function isInlineKey(value: string): boolean {
  return /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|^PuTTY-User-Key-File-/m.test(value);
}

export async function loadPrivateKey(value: string, passphrase?: string): Promise<LoadedKey> {
  let key: Buffer;
  let label: string;
  if (isInlineKey(value)) {
    key = Buffer.from(value.trim() + '\n');
    label = 'the configured private key';
  } else {
    const path = value.startsWith('~/') ? `${homedir()}${value.slice(1)}` : value;
    label = path;
    try {
      key = await readFile(path);
    } catch (error) {
      throw new UserFacingError(
        `The ssh private key ${path} could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
        'SSH_KEY_UNREADABLE',
        'Check the path in the remoting settings and that this account may read the file.',
      );
    }
  }
  const parsed = ssh2.utils.parseKey(key, passphrase);
  if (parsed instanceof Error) throw keyError(label, parsed.message, passphrase !== undefined);
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!first || !first.isPrivateKey()) {
    throw new UserFacingError(
      `${capitalize(label)} is a public key, not a private key.`,
      'SSH_KEY_INVALID',
      'Give the private key file (the one without .pub).',
    );
  }
  return { key, label };
}

function keyError(label: string, reason: string, hadPassphrase: boolean): UserFacingError {
  if (/no passphrase given/i.test(reason)) {
    return new UserFacingError(
      `${capitalize(label)} is encrypted and no passphrase was given.`,
      'SSH_KEY_PASSPHRASE',
      'Give the passphrase of the key, or use a key without one.',
    );
  }
  if (/bad passphrase|integrity check failed|decrypt/i.test(reason) && hadPassphrase) {
    return new UserFacingError(
      `The passphrase for ${label} is wrong.`,
      'SSH_KEY_PASSPHRASE',
      'Enter the passphrase again; "ssh-keygen -y -f <key>" checks it.',
    );
  }
  return new UserFacingError(
    `${capitalize(label)} is not a private key this tool can read (${reason}).`,
    'SSH_KEY_INVALID',
    'Use an OpenSSH, PEM or PuTTY private key (ed25519, ECDSA or RSA); "ssh-keygen -y -f <key>" checks it.',
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
