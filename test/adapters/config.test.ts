import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigStore,
  SECRET_VALUE_VARIABLES,
  SETTING_KEYS,
  environmentHelp,
  loadSettings,
  requireSection,
  type AdSettings,
  type ProfileFile,
} from '../../src/adapters/config/index.js';
import { UserFacingError } from '../../src/core/errors.js';

let dir: string;
let env: Record<string, string | undefined>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sm-config-'));
  env = { SYNCMATCH_CONFIG_DIR: dir };
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const contoso: ProfileFile = {
  ad: {
    urls: ['ldaps://dc01.contoso.com'],
    bindIdentity: 'svc-syncmatch@contoso.com',
    passwordFrom: 'env:CONTOSO_LDAP',
    anchorAttribute: 'objectGUID',
  },
  tenant: { tenant: 'contoso.onmicrosoft.com', clientId: '11111111-2222-3333-4444-555555555555' },
  sync: {
    transport: 'ssh',
    ssh: {
      host: 'sync01.contoso.com',
      username: 'svc-sync',
      useAgent: true,
      hostKeyFingerprints: [`SHA256:${'A'.repeat(43)}`],
    },
  },
};

function store(): ConfigStore {
  return ConfigStore.open({ env });
}

function failure(fn: () => unknown): UserFacingError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserFacingError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('the config store', () => {
  it('writes config.json in SYNCMATCH_CONFIG_DIR, private to the user, and reads the profile back', async () => {
    store().saveProfile('contoso', contoso);
    const path = join(dir, 'config.json');
    expect(store().path).toBe(path);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(store().getProfile('contoso')).toEqual(contoso);
    expect(store().defaultProfile()).toBe('contoso');
  });

  it("lives in $XDG_CONFIG_HOME/syncmatch-nodejs/ when SYNCMATCH_CONFIG_DIR is not set (conf's place)", () => {
    vi.stubEnv('XDG_CONFIG_HOME', dir);
    const s = ConfigStore.open({ env: {} });
    expect(s.path).toBe(join(dir, 'syncmatch-nodejs', 'config.json'));
  });

  it('reading settings does not create a config file', async () => {
    loadSettings({ env });
    await expect(stat(join(dir, 'config.json'))).rejects.toThrow();
  });

  it('keeps several profiles and a default; --profile picks another', () => {
    store().saveProfile('contoso', contoso);
    store().saveProfile('fabrikam', { ...contoso, ad: { ...contoso.ad, urls: ['ldaps://dc.fabrikam.com'] } });
    expect(store().profileNames()).toEqual(['contoso', 'fabrikam']);
    const picked = loadSettings({ env, profile: 'fabrikam' });
    expect(picked.profile).toBe('fabrikam');
    expect(requireSection<AdSettings>(picked.ad, 'AD').urls).toEqual(['ldaps://dc.fabrikam.com']);
    expect(loadSettings({ env: { ...env, SYNCMATCH_PROFILE: 'fabrikam' } }).profile).toBe('fabrikam');
    expect(loadSettings({ env }).profile).toBe('contoso');
  });

  it('an unknown profile names the ones there are and how to create it', () => {
    store().saveProfile('contoso', contoso);
    const error = failure(() => loadSettings({ env, profile: 'northwind' }));
    expect(error.message).toMatch(/no profile named northwind .*there is: contoso/);
    expect(error.hint).toBe('Create it with: syncmatch setup --profile northwind');
  });

  it('refuses to save a profile with a secret in it', () => {
    const bad = { ad: { ...contoso.ad, password: 'Hunter2!Hunter2' } } as unknown as ProfileFile;
    const error = failure(() => store().saveProfile('contoso', bad));
    expect(error.message).toMatch(/profiles\.contoso\.ad\.password looks like a secret/);
    expect(error.message).not.toContain('Hunter2');
  });

  it('refuses a secret typed where its reference belongs, without repeating it', () => {
    const bad: ProfileFile = { ad: { ...contoso.ad, passwordFrom: 'Hunter2!Hunter2' } };
    const error = failure(() => store().saveProfile('contoso', bad));
    expect(error.message).toMatch(/profiles\.contoso\.ad\.passwordFrom must say where the secret comes from/);
    expect(error.message).not.toContain('Hunter2');
  });
});

describe('a config file edited by hand', () => {
  it('names the bad key in a sentence (and not the secret someone pasted)', async () => {
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({
        version: 1,
        profiles: {
          contoso: {
            ad: { urls: ['https://dc01'], clientSecret: 'S3cret!Value' },
            sync: { transport: 'rdp' },
          },
        },
      }),
    );
    const error = failure(() => store());
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(join(dir, 'config.json'));
    expect(error.message).toContain(
      'profiles.contoso.ad.urls[0] must be ldaps://host[:port] or ldap://host[:port]',
    );
    expect(error.message).toContain('profiles.contoso.ad.clientSecret looks like a secret');
    expect(error.message).toContain(
      'profiles.contoso.sync.transport must be one of ssh, winrm, local, command, none',
    );
    expect(error.message).not.toContain('S3cret!Value');
  });

  it('says when the file is not JSON', async () => {
    await writeFile(join(dir, 'config.json'), '{ "version": 1, ');
    expect(failure(() => store()).message).toMatch(/config\.json is not valid JSON/);
  });
});

describe('loadSettings: file < environment < flags', () => {
  beforeEach(() => store().saveProfile('contoso', contoso));

  it('fills defaults for what the profile leaves out', () => {
    const s = loadSettings({ env });
    expect(requireSection<AdSettings>(s.ad, 'AD')).toMatchObject({
      urls: ['ldaps://dc01.contoso.com'],
      startTls: false,
      caFile: null,
      baseDn: null,
      password: { kind: 'env', name: 'CONTOSO_LDAP' },
      anchorAttribute: 'objectGUID',
      scopeOus: [],
      connectTimeoutMs: 10_000,
      searchTimeoutMs: 30_000,
      insecureTls: false,
    });
    expect(s.tenant).toMatchObject({ status: 'ready', value: { signIn: 'device-code' } });
    // The sync server in the remoting adapter's own config shape, with its defaults.
    expect(s.sync).toMatchObject({
      status: 'ready',
      value: {
        transport: 'ssh',
        remoting: {
          transport: 'ssh',
          host: 'sync01.contoso.com',
          port: 22,
          username: 'svc-sync',
          hostKeyFingerprint: [`SHA256:${'A'.repeat(43)}`],
          powershell: 'powershell',
          connectTimeoutMs: 15_000,
          commandTimeoutMs: 120_000,
        },
        password: null,
        keyPassphrase: null,
      },
    });
  });

  it('an environment variable beats the file, a flag beats both', () => {
    const withEnv = {
      ...env,
      SYNCMATCH_AD_URL: 'ldaps://dc02.contoso.com,ldaps://dc03.contoso.com',
      SYNCMATCH_AD_SCOPE: 'OU=Staff,DC=contoso,DC=com;OU=Ops,DC=contoso,DC=com',
    };
    const fromEnv = requireSection<AdSettings>(loadSettings({ env: withEnv }).ad, 'AD');
    expect(fromEnv.urls).toEqual(['ldaps://dc02.contoso.com', 'ldaps://dc03.contoso.com']);
    expect(fromEnv.scopeOus).toEqual(['OU=Staff,DC=contoso,DC=com', 'OU=Ops,DC=contoso,DC=com']);
    const fromFlags = requireSection<AdSettings>(
      loadSettings({ env: withEnv, flags: { adUrl: ['ldaps://dc09.contoso.com'], anchor: 'employeeID' } }).ad,
      'AD',
    );
    expect(fromFlags.urls).toEqual(['ldaps://dc09.contoso.com']);
    expect(fromFlags.anchorAttribute).toBe('employeeID');
    expect(fromFlags.scopeOus).toHaveLength(2);
  });

  it('a secret given in its SYNCMATCH_* variable beats the reference in the profile; the value is not kept', () => {
    const s = loadSettings({ env: { ...env, SYNCMATCH_LDAP_PASSWORD: 'Pa55word!' } });
    const ad = requireSection<AdSettings>(s.ad, 'AD');
    expect(ad.password).toEqual({ kind: 'env', name: 'SYNCMATCH_LDAP_PASSWORD' });
    expect(JSON.stringify(s)).not.toContain('Pa55word!');
  });

  it('a flag can only point at a secret: --bind-password-from', () => {
    const ad = requireSection<AdSettings>(
      loadSettings({ env, flags: { bindPasswordFrom: 'prompt' } }).ad,
      'AD',
    );
    expect(ad.password).toEqual({ kind: 'prompt' });
    const error = failure(() => loadSettings({ env, flags: { bindPasswordFrom: 'Pa55word!' } }));
    expect(error.message).toMatch(/^--bind-password-from must say where the secret comes from/);
    expect(error.message).not.toContain('Pa55word!');
  });

  it('names the bad environment variable or flag', () => {
    expect(failure(() => loadSettings({ env: { ...env, SYNCMATCH_AD_STARTTLS: 'maybe' } })).message).toBe(
      'SYNCMATCH_AD_STARTTLS must be 1/true/yes/on or 0/false/no/off.',
    );
    expect(failure(() => loadSettings({ env: { ...env, SYNCMATCH_SSH_PORT: '99999' } })).message).toMatch(
      /^SYNCMATCH_SSH_PORT /,
    );
    expect(failure(() => loadSettings({ env, flags: { adUrl: ['dc01'] } })).message).toBe(
      '--ad-url (item [0]) must be ldaps://host[:port] or ldap://host[:port].',
    );
    expect(failure(() => loadSettings({ env, flags: { signIn: 'password' } })).message).toMatch(
      /^--sign-in must be one of device-code, browser, client-secret, client-certificate, azure-cli/,
    );
    expect(failure(() => loadSettings({ env, flags: { tenant: 'common' } })).message).toBe(
      '--tenant must be the tenant id (a GUID) or one of its domains.',
    );
  });

  it('works with no profile at all, from the environment alone (unattended scripts)', async () => {
    await rm(join(dir, 'config.json'));
    const s = loadSettings({
      env: {
        ...env,
        SYNCMATCH_AD_URL: 'ldap://127.0.0.1:389',
        SYNCMATCH_AD_STARTTLS: 'yes',
        SYNCMATCH_AD_BIND: 'LAB\\svc-syncmatch',
        SYNCMATCH_TENANT: '8c2b7a4e-1111-2222-3333-444455556666',
        SYNCMATCH_SIGN_IN: 'client-secret',
        SYNCMATCH_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
        SYNCMATCH_SYNC_TRANSPORT: 'none',
      },
    });
    expect(s.profile).toBeNull();
    expect(s.ad).toMatchObject({ status: 'ready', value: { startTls: true, password: { kind: 'prompt' } } });
    expect(s.tenant).toMatchObject({
      status: 'ready',
      value: { signIn: 'client-secret', clientSecret: { kind: 'env', name: 'SYNCMATCH_CLIENT_SECRET' } },
    });
    expect(s.sync).toEqual({ status: 'ready', value: { transport: 'none' } });
  });
});

describe('TLS and transport rules', () => {
  it('refuses plain ldap:// without StartTLS, with the reason', () => {
    const s = loadSettings({
      env: { ...env, SYNCMATCH_AD_URL: 'ldap://dc01.contoso.com', SYNCMATCH_AD_BIND: 'svc@contoso.com' },
    });
    expect(s.ad.status).toBe('invalid');
    const error = failure(() => requireSection(s.ad, 'The AD connection'));
    expect(error.message).toMatch(
      /ldap:\/\/dc01\.contoso\.com without StartTLS would send the bind password in clear text/,
    );
    expect(error.message).toMatch(/Transport encryption required/);
  });

  it('refuses StartTLS on ldaps://', () => {
    const s = loadSettings({
      env,
      flags: { adUrl: ['ldaps://dc01'], starttls: true, bind: 'svc@contoso.com' },
    });
    expect(s.ad).toMatchObject({ status: 'invalid', problems: [expect.stringMatching(/already encrypted/)] });
  });

  it('--insecure-tls is for LDAP only and produces a warning on every run', () => {
    const s = loadSettings({
      env,
      flags: { adUrl: ['ldaps://dc01'], bind: 'svc@contoso.com', insecureTls: true },
    });
    expect(s.ad).toMatchObject({ status: 'ready', value: { insecureTls: true } });
    expect(s.warnings).toEqual([expect.stringMatching(/^WARNING: --insecure-tls is on/)]);
    expect(loadSettings({ env: { ...env, SYNCMATCH_INSECURE_TLS: '1' } }).warnings).toHaveLength(1);
    expect(loadSettings({ env }).warnings).toEqual([]);
  });

  it('refuses to sign in to Graph when TLS checks are off for the process', () => {
    const s = loadSettings({
      env: {
        ...env,
        NODE_TLS_REJECT_UNAUTHORIZED: '0',
        SYNCMATCH_TENANT: 'contoso.com',
        SYNCMATCH_SIGN_IN: 'azure-cli',
      },
    });
    expect(s.tenant).toMatchObject({
      status: 'invalid',
      problems: [expect.stringMatching(/NODE_TLS_REJECT_UNAUTHORIZED=0/)],
    });
  });

  it('says what an ssh transport lacks, naming every way to set it', () => {
    const s = loadSettings({ env: { ...env, SYNCMATCH_SYNC_TRANSPORT: 'ssh', SYNCMATCH_SSH_AGENT: '1' } });
    expect(s.sync).toEqual({
      status: 'invalid',
      problems: [
        'The ssh transport needs sync.ssh.host (SYNCMATCH_SSH_HOST, --ssh-host).',
        'The ssh transport needs sync.ssh.username (SYNCMATCH_SSH_USER, --ssh-user).',
      ],
    });
  });

  it('maps the other transports to the remoting adapter, seconds to milliseconds', () => {
    const winrm = loadSettings({
      env,
      flags: { transport: 'winrm', winrmServer: 'sync01', syncCommandTimeout: 30 },
    });
    expect(winrm.sync).toMatchObject({
      status: 'ready',
      value: { remoting: { transport: 'winrm', server: 'sync01', useSsl: false, commandTimeoutMs: 30_000 } },
    });
    const command = loadSettings({
      env,
      flags: { transport: 'command', syncCommand: 'ssh sync01 {encodedCommand}' },
    });
    expect(command.sync).toMatchObject({
      value: { remoting: { transport: 'command', command: 'ssh sync01 {encodedCommand}' } },
    });
    expect(loadSettings({ env, flags: { transport: 'winrm' } }).sync).toMatchObject({
      status: 'invalid',
      problems: ['The winrm transport needs sync.winrm.server (SYNCMATCH_WINRM_SERVER, --winrm-server).'],
    });
  });

  it('warns on every run when Graph or the sign-in is pointed away from Microsoft', () => {
    const s = loadSettings({
      env,
      flags: {
        tenant: 'contoso.com',
        signIn: 'azure-cli',
        authorityHost: 'https://127.0.0.1:8443',
        graphEndpoint: 'https://127.0.0.1:9443',
      },
    });
    expect(s.tenant).toMatchObject({
      value: { authorityHost: 'https://127.0.0.1:8443', graphEndpoint: 'https://127.0.0.1:9443/' },
    });
    expect(s.warnings).toHaveLength(2);
    expect(
      failure(() => loadSettings({ env, flags: { graphEndpoint: 'http://graph.local' } })).message,
    ).toMatch(/--graph-endpoint must be an https:\/\/ address/);
  });

  it('says what is missing for each section, and every way to set it', () => {
    const s = loadSettings({ env });
    expect(s.ad).toEqual({
      status: 'missing',
      problems: ['No AD server is configured: set ad.urls (SYNCMATCH_AD_URL, --ad-url).'],
    });
    expect(s.tenant.status).toBe('missing');
    expect(s.sync.status).toBe('missing');
    expect(failure(() => requireSection(s.ad, 'The AD connection')).exitCode).toBe(2);
  });
});

describe('secret variables alone', () => {
  it('do not make a section configured (SYNCMATCH_LDAP_PASSWORD set, no AD server)', () => {
    const s = loadSettings({
      env: { ...env, SYNCMATCH_LDAP_PASSWORD: 'x-Pa55', SYNCMATCH_CLIENT_SECRET: 'y-Secret' },
    });
    expect(s.ad.status).toBe('missing');
    expect(s.tenant.status).toBe('missing');
  });
});

describe('documentation of the variables', () => {
  it('lists every SYNCMATCH_* variable the code reads', async () => {
    const help = environmentHelp();
    for (const key of SETTING_KEYS) if (key.env) expect(help).toContain(key.env);
    for (const v of SECRET_VALUE_VARIABLES) expect(help).toContain(v.env);
    for (const name of ['SYNCMATCH_PROFILE', 'SYNCMATCH_CONFIG_DIR', 'SYNCMATCH_INSECURE_TLS'])
      expect(help).toContain(name);
    // The config module reads no variable the table does not list.
    const sources = await Promise.all(
      ['layers.ts', 'load-settings.ts', 'resolve-settings.ts', 'store.ts'].map((f) =>
        readFile(join(import.meta.dirname, '../../src/adapters/config', f), 'utf8'),
      ),
    );
    const read = new Set(sources.join('\n').match(/SYNCMATCH_[A-Z_]+/g));
    for (const name of read) expect(help).toContain(name);
  });
});
