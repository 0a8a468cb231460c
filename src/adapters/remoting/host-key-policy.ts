// The ssh server's host key is pinned, never trusted on first sight: either a configured
// "SHA256:…" fingerprint or a known_hosts file. Anything else is refused, and the refusal shows
// the fingerprint the server presented so the technician can compare it with the server's own.
import { readFile } from 'node:fs/promises';
import { UserFacingError } from '../../core/errors.js';
import {
  entryMatches,
  keyTypeOf,
  knownHostsName,
  parseKnownHosts,
  sha256Fingerprint,
  type KnownHostEntry,
} from './known-hosts.js';
import { SyncTriggerError } from './sync-result.js';

export interface HostKeyPins {
  host: string;
  port: number;
  /** "SHA256:…" fingerprints; any one may match. */
  fingerprints: string[];
  knownHostsFile: string | null;
}

export type HostKeyCheck = { ok: true } | { ok: false; error: UserFacingError };

// What ssh2 can verify; naming anything else makes it throw.
const SSH2_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
  'ssh-dss',
];
const SERVER_KEY_FILE = 'C:\\ProgramData\\ssh\\ssh_host_ed25519_key.pub';

export class HostKeyPolicy {
  private constructor(
    private readonly pins: HostKeyPins,
    private readonly entries: KnownHostEntry[],
    private readonly fileMissing: boolean,
  ) {}

  static async load(pins: HostKeyPins): Promise<HostKeyPolicy> {
    const fingerprints = pins.fingerprints.map(normalizeFingerprint);
    if (!pins.knownHostsFile) return new HostKeyPolicy({ ...pins, fingerprints }, [], false);
    let text = '';
    let missing = false;
    try {
      text = await readFile(pins.knownHostsFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new UserFacingError(
          `The known_hosts file ${pins.knownHostsFile} could not be read: ${(error as Error).message}.`,
          'SSH_KNOWN_HOSTS_UNREADABLE',
          'Check the path and its permissions, or pin the host key with a SHA256 fingerprint instead.',
        );
      }
      missing = true;
    }
    const entries = parseKnownHosts(text).filter((e) => entryMatches(e, pins.host, pins.port));
    return new HostKeyPolicy({ ...pins, fingerprints }, entries, missing);
  }

  /** ssh2 host key algorithms, the pinned key types first (as ssh does), so a server with
   * several host keys presents the one we know. */
  preferredAlgorithms(): string[] {
    const types = new Set(this.entries.filter((e) => e.marker === null).map((e) => e.keyType));
    return [...types]
      .flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t]))
      .filter((a) => SSH2_HOST_KEY_ALGORITHMS.includes(a));
  }

  check(keyBlob: Buffer): HostKeyCheck {
    const presented = sha256Fingerprint(keyBlob);
    const type = keyTypeOf(keyBlob);
    const where = `${this.pins.host}:${this.pins.port}`;
    const verifyThenPin = (): string =>
      `compare ${presented} with the server's own key (on the Connect server: ssh-keygen -lf ${SERVER_KEY_FILE}); ` +
      `if they are the same, ${this.howToPin(presented)}.`;

    if (this.entries.some((e) => e.marker === '@revoked' && e.key.equals(keyBlob))) {
      return refuse(
        `The ssh server at ${where} presented a revoked host key (${type} ${presented}).`,
        'SSH_HOST_KEY_REVOKED',
        `Do not connect; ask whoever revoked it in ${this.pins.knownHostsFile}.`,
      );
    }
    if (this.pins.fingerprints.includes(presented)) return { ok: true };
    const known = this.entries.filter((e) => e.marker === null);
    if (known.some((e) => e.key.equals(keyBlob))) return { ok: true };

    const pinned = [...this.pins.fingerprints, ...known.map((e) => sha256Fingerprint(e.key))];
    if (pinned.length > 0) {
      const source = this.pins.fingerprints.length > 0 ? 'the pinned fingerprint' : this.pins.knownHostsFile;
      return refuse(
        `The ssh server at ${where} presented host key ${type} ${presented}, but ${source} expects ${pinned.join(' or ')}: the host key changed, or this is not the Connect server.`,
        'SSH_HOST_KEY_MISMATCH',
        `Do not connect until you know why. If the key was replaced on purpose, ${verifyThenPin()}`,
      );
    }
    const nowhere = this.pins.knownHostsFile
      ? `${knownHostsName(this.pins.host, this.pins.port)} is not in ${this.pins.knownHostsFile}${this.fileMissing ? ' (the file does not exist)' : ''}`
      : 'no host key is pinned';
    return refuse(
      `The ssh server at ${where} is not trusted yet: ${nowhere}; it presented ${type} ${presented}.`,
      'SSH_HOST_KEY_UNKNOWN',
      `Before trusting it, ${verifyThenPin()}`,
    );
  }

  private howToPin(presented: string): string {
    const fingerprint = `pin it: set the host key fingerprint to ${presented}`;
    if (!this.pins.knownHostsFile) return fingerprint;
    const port = this.pins.port === 22 ? '' : `-p ${this.pins.port} `;
    return `${fingerprint}, or run: ssh-keyscan ${port}${this.pins.host} >> ${this.pins.knownHostsFile}`;
  }
}

function refuse(message: string, code: string, hint: string): HostKeyCheck {
  return { ok: false, error: new SyncTriggerError(message, code, hint) };
}

/** "SHA256:abc" with or without base64 padding; anything else is a configuration error. */
export function normalizeFingerprint(value: string): string {
  const match = /^SHA256:([A-Za-z0-9+/]{43})=?$/.exec(value.trim());
  if (!match) {
    throw new UserFacingError(
      `"${value}" is not an ssh host key fingerprint: expected SHA256: followed by 43 base64 characters.`,
      'SYNC_CONFIG_INVALID',
      'Copy it from "ssh-keygen -lf <host key>.pub" on the server (the SHA256:… part).',
    );
  }
  return `SHA256:${match[1]}`;
}
