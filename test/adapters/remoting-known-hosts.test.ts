// known_hosts and private keys as OpenSSH's own tools write them (ssh-keygen), not as we imagine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostKeyPolicy, normalizeFingerprint } from '../../src/adapters/remoting/host-key-policy.js';
import { entryMatches, parseKnownHosts, sha256Fingerprint } from '../../src/adapters/remoting/known-hosts.js';
import { loadPrivateKey } from '../../src/adapters/remoting/ssh-key.js';

const dir = mkdtempSync(join(tmpdir(), 'syncmatch-kh-'));
function keygen(name: string, type: string, passphrase = ''): { file: string; blob: Buffer; line: string } {
  const file = join(dir, name);
  // -a 4: few KDF rounds, or decrypting in JavaScript takes seconds.
  execFileSync('ssh-keygen', ['-q', '-a', '4', '-t', type, '-N', passphrase, '-C', name, '-f', file]);
  const line = readFileSync(`${file}.pub`, 'utf8').trim();
  return { file, blob: Buffer.from(line.split(' ')[1] ?? '', 'base64'), line };
}
const sshKeygenFingerprint = (file: string) =>
  execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', file], { encoding: 'utf8' }).split(' ')[1];

const hostA = keygen('host-a', 'ed25519');
const hostB = keygen('host-b', 'ed25519');
const hostRsa = keygen('host-rsa', 'rsa');
const keyOf = (k: { line: string }) => k.line.split(' ').slice(0, 2).join(' ');

describe('known_hosts', () => {
  it('fingerprints like ssh-keygen -l', () => {
    expect(sha256Fingerprint(hostA.blob)).toBe(sshKeygenFingerprint(`${hostA.file}.pub`));
    expect(sha256Fingerprint(hostRsa.blob)).toBe(sshKeygenFingerprint(`${hostRsa.file}.pub`));
  });

  it('matches plain, [host]:port, wildcard and negated patterns', () => {
    const entries = parseKnownHosts(
      [
        '# comment',
        '',
        `sync01,10.0.0.5 ${keyOf(hostA)}`,
        `[sync01]:2222 ${keyOf(hostB)} comment here`,
        `*.corp.example.com,!bad.corp.example.com ${keyOf(hostA)}`,
        'garbage line',
      ].join('\n'),
    );
    expect(entries).toHaveLength(3);
    const [plain, ported, wild] = entries as [never, never, never];
    expect(entryMatches(plain, 'SYNC01', 22)).toBe(true);
    expect(entryMatches(plain, '10.0.0.5', 22)).toBe(true);
    expect(entryMatches(plain, 'sync01', 2222)).toBe(false);
    expect(entryMatches(ported, 'sync01', 2222)).toBe(true);
    expect(entryMatches(ported, 'sync01', 22)).toBe(false);
    expect(entryMatches(wild, 'a.corp.example.com', 22)).toBe(true);
    expect(entryMatches(wild, 'bad.corp.example.com', 22)).toBe(false);
    expect(entryMatches(wild, 'corp.example.com', 22)).toBe(false);
  });

  it('matches names hashed by ssh-keygen -H', () => {
    const file = join(dir, 'hashed_known_hosts');
    writeFileSync(file, `sync01 ${keyOf(hostA)}\n[sync02]:2222 ${keyOf(hostB)}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file], { stdio: 'ignore' });
    const entries = parseKnownHosts(readFileSync(file, 'utf8'));
    expect(entries.every((e) => e.patterns.startsWith('|1|'))).toBe(true);
    expect(entries.filter((e) => entryMatches(e, 'sync01', 22)).map((e) => e.key)).toEqual([hostA.blob]);
    expect(entries.filter((e) => entryMatches(e, 'sync02', 2222)).map((e) => e.key)).toEqual([hostB.blob]);
    expect(entries.filter((e) => entryMatches(e, 'sync02', 22))).toEqual([]);
  });
});

describe('HostKeyPolicy', () => {
  const knownHosts = (text: string) => {
    const file = join(dir, `kh-${Math.random().toString(36).slice(2)}`);
    writeFileSync(file, text);
    return file;
  };

  it('accepts the key known_hosts holds for this host and port, and prefers its type', async () => {
    const file = knownHosts(
      `[sync01]:2222 ${keyOf(hostA)}\n[sync01]:2222 ${keyOf(hostRsa)}\nsync01 ${keyOf(hostB)}\n`,
    );
    const policy = await HostKeyPolicy.load({
      host: 'sync01',
      port: 2222,
      fingerprints: [],
      knownHostsFile: file,
    });
    expect(policy.check(hostA.blob)).toEqual({ ok: true });
    expect(policy.check(hostRsa.blob)).toEqual({ ok: true });
    expect(policy.preferredAlgorithms()).toEqual(['ssh-ed25519', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
  });

  it('refuses a changed key and shows both fingerprints', async () => {
    const file = knownHosts(`sync01 ${keyOf(hostA)}\n`);
    const policy = await HostKeyPolicy.load({
      host: 'sync01',
      port: 22,
      fingerprints: [],
      knownHostsFile: file,
    });
    const check = policy.check(hostB.blob);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.error.code).toBe('SSH_HOST_KEY_MISMATCH');
    expect(check.error.message).toContain(sha256Fingerprint(hostB.blob));
    expect(check.error.message).toContain(sha256Fingerprint(hostA.blob));
  });

  it('refuses an unknown host, shows what it presented and how to pin it', async () => {
    const file = knownHosts(`other ${keyOf(hostA)}\n`);
    const policy = await HostKeyPolicy.load({
      host: 'sync01',
      port: 22,
      fingerprints: [],
      knownHostsFile: file,
    });
    const check = policy.check(hostA.blob);
    expect(check).toMatchObject({ ok: false, error: { code: 'SSH_HOST_KEY_UNKNOWN' } });
    if (check.ok) return;
    expect(check.error.message).toContain(`sync01 is not in ${file}`);
    expect(check.error.hint).toContain(`set the host key fingerprint to ${sha256Fingerprint(hostA.blob)}`);
    expect(check.error.hint).toContain(`ssh-keyscan sync01 >> ${file}`);
  });

  it('refuses a revoked key even when it is also listed', async () => {
    const file = knownHosts(`@revoked * ${keyOf(hostA)}\nsync01 ${keyOf(hostA)}\n`);
    const policy = await HostKeyPolicy.load({
      host: 'sync01',
      port: 22,
      fingerprints: [],
      knownHostsFile: file,
    });
    expect(policy.check(hostA.blob)).toMatchObject({ ok: false, error: { code: 'SSH_HOST_KEY_REVOKED' } });
  });

  it('accepts a pinned fingerprint (with or without padding) and nothing else', async () => {
    const pin = sha256Fingerprint(hostA.blob);
    expect(normalizeFingerprint(`${pin}=`)).toBe(pin);
    const policy = await HostKeyPolicy.load({
      host: 'h',
      port: 22,
      fingerprints: [pin],
      knownHostsFile: null,
    });
    expect(policy.check(hostA.blob)).toEqual({ ok: true });
    expect(policy.check(hostB.blob)).toMatchObject({ ok: false, error: { code: 'SSH_HOST_KEY_MISMATCH' } });
  });
});

describe('loadPrivateKey', () => {
  const client = keygen('client', 'ed25519');
  const locked = keygen('locked', 'ed25519', 'correct horse');

  it('reads a key file or the key text', async () => {
    await expect(loadPrivateKey(client.file)).resolves.toMatchObject({ label: client.file });
    await expect(loadPrivateKey(readFileSync(client.file, 'utf8'))).resolves.toMatchObject({
      label: 'the configured private key',
    });
  });

  it('an encrypted key needs the right passphrase', async () => {
    await expect(loadPrivateKey(locked.file)).rejects.toMatchObject({
      code: 'SSH_KEY_PASSPHRASE',
      message: `${locked.file} is encrypted and no passphrase was given.`,
    });
    await expect(loadPrivateKey(locked.file, 'wrong')).rejects.toMatchObject({
      code: 'SSH_KEY_PASSPHRASE',
      message: `The passphrase for ${locked.file} is wrong.`,
    });
    await expect(loadPrivateKey(locked.file, 'correct horse')).resolves.toBeTruthy();
  });

  it('names a missing file, a public key and a non-key', async () => {
    await expect(loadPrivateKey(join(dir, 'nope'))).rejects.toMatchObject({ code: 'SSH_KEY_UNREADABLE' });
    await expect(loadPrivateKey(`${client.file}.pub`)).rejects.toMatchObject({ code: 'SSH_KEY_INVALID' });
    writeFileSync(join(dir, 'junk'), 'not a key');
    await expect(loadPrivateKey(join(dir, 'junk'))).rejects.toMatchObject({ code: 'SSH_KEY_INVALID' });
  });
});
