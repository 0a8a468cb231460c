import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigStore, type ProfileFile } from '../../src/adapters/config/index.js';
import { setupCommand } from '../../src/commands/setup.js';
import {
  answersFromProfile,
  describeProfile,
  profileFromAnswers,
  validateAnswer,
} from '../../src/commands/setup-profile.js';
import { UsageError } from '../../src/core/errors.js';

let dir: string;
let env: Record<string, string>;
let stdout = '';
let stderr = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sm-setup-'));
  env = { SYNCMATCH_CONFIG_DIR: dir };
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const FP = `SHA256:${'B'.repeat(43)}`;
const full: ProfileFile = {
  ad: {
    urls: ['ldaps://dc01.contoso.com', 'ldaps://dc02.contoso.com:3269'],
    startTls: false,
    bindIdentity: 'CONTOSO\\svc-syncmatch',
    passwordFrom: 'env:CONTOSO_LDAP',
    baseDn: 'DC=contoso,DC=com',
    anchorAttribute: 'employeeID',
    scopeOus: ['OU=Staff,DC=contoso,DC=com', 'OU=Ops,DC=contoso,DC=com'],
    connectTimeoutSeconds: 7,
  },
  tenant: {
    tenant: 'contoso.onmicrosoft.com',
    clientId: '11111111-2222-3333-4444-555555555555',
    signIn: 'client-secret',
    clientSecretFrom: 'file:/run/secrets/graph',
  },
  sync: {
    transport: 'ssh',
    commandTimeoutSeconds: 60,
    ssh: {
      host: 'sync01',
      port: 2222,
      username: 'svc-sync',
      hostKeyFingerprints: [FP],
      passwordFrom: 'prompt',
    },
  },
};

describe('answers and profiles', () => {
  it('a profile survives the trip through the wizard answers, settings the wizard does not ask about included', () => {
    const answers = answersFromProfile('contoso', full);
    expect(answers).toMatchObject({
      profile: 'contoso',
      adEncryption: 'ldaps',
      bindPasswordSource: 'env',
      bindPasswordEnv: 'CONTOSO_LDAP',
      anchor: 'other',
      anchorOther: 'employeeID',
      clientSecretSource: 'file',
      clientSecretFile: '/run/secrets/graph',
      sshHostKey: FP,
      sshPasswordSource: 'prompt',
    });
    expect(profileFromAnswers(answers, full)).toEqual(full);
  });

  it('host names become URLs of the chosen kind; StartTLS follows the choice', () => {
    const p = profileFromAnswers({
      profile: 'c',
      adEncryption: 'starttls',
      adUrls: 'dc01.contoso.com, dc02.contoso.com:389',
      bindIdentity: 'svc@contoso.com',
      bindPasswordSource: 'prompt',
      anchor: 'mS-DS-ConsistencyGuid',
      tenant: 'contoso.com',
      signIn: 'azure-cli',
      transport: 'none',
    });
    expect(p.ad).toEqual({
      urls: ['ldap://dc01.contoso.com', 'ldap://dc02.contoso.com:389'],
      startTls: true,
      bindIdentity: 'svc@contoso.com',
      passwordFrom: 'prompt',
      anchorAttribute: 'mS-DS-ConsistencyGuid',
    });
    expect(p.tenant).toEqual({ tenant: 'contoso.com', signIn: 'azure-cli' });
    expect(p.sync).toEqual({ transport: 'none' });
  });

  it('dropping an answer removes the setting (a CA file, a client secret source after switching method)', () => {
    const answers = {
      ...answersFromProfile('contoso', full),
      signIn: 'device-code',
      baseDn: '',
      scopeOus: '',
    };
    const p = profileFromAnswers(answers, full);
    expect(p.tenant).not.toHaveProperty('clientSecretFrom');
    expect(p.ad).not.toHaveProperty('baseDn');
    expect(p.ad).not.toHaveProperty('scopeOus');
    expect(p.ad?.connectTimeoutSeconds).toBe(7);
  });

  it('checks each answer with a sentence', () => {
    const a = { adEncryption: 'ldaps' };
    expect(validateAnswer('adUrls', 'dc01.contoso.com', a)).toBeNull();
    expect(validateAnswer('adUrls', 'ldap://dc01', a)).toMatch(
      /is plain LDAP, but you chose LDAPS.*Transport encryption required/,
    );
    expect(validateAnswer('adUrls', 'ldaps://dc01', { adEncryption: 'starttls' })).toMatch(
      /you chose StartTLS/,
    );
    expect(validateAnswer('adUrls', 'https://dc01', a)).toMatch(/is not a server address/);
    expect(validateAnswer('clientId', 'contoso', a)).toMatch(/is a GUID/);
    expect(validateAnswer('tenant', 'common', a)).toMatch(/tenant id/);
    expect(validateAnswer('bindPasswordEnv', 'Pa55 word!', a)).toMatch(/not the secret itself/);
    expect(validateAnswer('bindIdentity', 'svc', a)).toMatch(/UPN/);
    expect(validateAnswer('bindIdentity', 'CN=svc,CN=Users,DC=c,DC=com', a)).toBeNull();
    expect(validateAnswer('sshHostKey', FP, a)).toBeNull();
    expect(validateAnswer('sshHostKey', '/nope/known_hosts', a)).toMatch(/fingerprint/);
    expect(validateAnswer('adCaFile', '/nope/ca.pem', a)).toBe('There is no file /nope/ca.pem.');
    expect(validateAnswer('profile', 'con toso', a)).toMatch(/letters, digits/);
  });

  it('describes a profile, with the permissions it will ask for', () => {
    const text = describeProfile(full).join('\n');
    expect(text).toContain('ldaps://dc01.contoso.com, ldaps://dc02.contoso.com:3269');
    expect(text).toContain('password from the environment variable CONTOSO_LDAP');
    expect(text).toContain('client secret from the file /run/secrets/graph');
    expect(text).toContain('User.DeleteRestore.All');
    expect(describeProfile(full, { readOnly: true }).join('\n')).not.toContain('User.ReadWrite.All');
    expect(text).toContain(`ssh svc-sync@sync01:2222; host key ${FP}`);
  });
});

describe('syncmatch setup (no terminal)', () => {
  it('writes a profile from flags, and later flags change only what they name', async () => {
    expect(
      await setupCommand(
        {
          profile: 'contoso',
          adUrl: ['ldaps://dc01.contoso.com'],
          bind: 'svc@contoso.com',
          tenant: 'contoso.com',
          signIn: 'azure-cli',
        },
        { env, interactive: false },
      ),
    ).toBe(0);
    expect(stderr).toContain(`Saved profile contoso in ${join(dir, 'config.json')} (the default profile).`);
    expect(stderr).toContain('Not set yet: No way to reach the Entra Connect server');
    await setupCommand(
      { profile: 'contoso', transport: 'winrm', winrmServer: 'sync01' },
      { env, interactive: false },
    );
    expect(ConfigStore.open({ env }).getProfile('contoso')).toEqual({
      ad: { urls: ['ldaps://dc01.contoso.com'], bindIdentity: 'svc@contoso.com' },
      tenant: { tenant: 'contoso.com', signIn: 'azure-cli' },
      sync: { transport: 'winrm', winrm: { server: 'sync01' } },
    });
  });

  it('--default moves the default; --list shows the profiles and the file', async () => {
    await setupCommand({ profile: 'a', tenant: 'a.com' }, { env, interactive: false });
    await setupCommand({ profile: 'b', tenant: 'b.com' }, { env, interactive: false });
    expect(ConfigStore.open({ env }).defaultProfile()).toBe('a');
    await setupCommand({ profile: 'b', tenant: 'b.com', default: true }, { env, interactive: false });
    stdout = '';
    await setupCommand({ list: true }, { env, interactive: false });
    expect(stdout).toBe('  a\n* b\n');
    stdout = '';
    await setupCommand({ list: true, json: true }, { env, interactive: false });
    expect(JSON.parse(stdout)).toEqual({
      path: join(dir, 'config.json'),
      defaultProfile: 'b',
      profiles: ['a', 'b'],
    });
  });

  it('--json prints what was saved (references, never values)', async () => {
    await setupCommand(
      {
        profile: 'c',
        json: true,
        tenant: 'c.com',
        signIn: 'client-secret',
        clientId: '11111111-2222-3333-4444-555555555555',
      },
      { env: { ...env, SYNCMATCH_CLIENT_SECRET: 'Never-Printed-42' }, interactive: false },
    );
    const saved = JSON.parse(stdout);
    expect(saved).toMatchObject({
      saved: true,
      profile: 'c',
      default: true,
      settings: { tenant: { tenant: 'c.com' } },
    });
    expect(stdout + stderr).not.toContain('Never-Printed-42');
  });

  it('refuses plain ldap:// without StartTLS, a secret in a flag, and an empty run; nothing is written', async () => {
    await expect(
      setupCommand({ profile: 'p', adUrl: ['ldap://dc01'], bind: 'svc@c.com' }, { env, interactive: false }),
    ).rejects.toThrow(/not saved: ldap:\/\/dc01 without StartTLS/);
    await expect(
      setupCommand({ profile: 'p', bindPasswordFrom: 'Hunter2!Hunter2' }, { env, interactive: false }),
    ).rejects.toThrow(/--bind-password-from must say where the secret comes from/);
    const empty = await setupCommand({ profile: 'p' }, { env, interactive: false }).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(UsageError);
    expect((empty as Error).message).toMatch(/Nothing to save/);
    await expect(readFile(join(dir, 'config.json'), 'utf8')).rejects.toThrow();
  });
});
