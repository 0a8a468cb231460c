import { mkdtemp, readFile, rm, writeFile, chmod, mkdir } from 'node:fs/promises';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authRecordPath,
  browserAvailable,
  createSignIn,
  decodeTokenClaims,
  describePermissions,
  graphAuthProvider,
  loadAuthRecord,
  permissionStatus,
  saveAuthRecord,
  scopesFor,
  type SignInOptions,
} from '../../src/adapters/auth/index.js';
import type { TenantSettings } from '../../src/adapters/config/index.js';
import { SecretRedactor } from '../../src/adapters/secrets/index.js';
import { UserFacingError } from '../../src/core/errors.js';
import { startLocalAuthority, type LocalAuthority } from './auth-local-authority.js';

const TENANT = 'contoso.onmicrosoft.com';
const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const SECRET = 'Local~Secret.Value_42';

function tenant(overrides: Partial<TenantSettings>): TenantSettings {
  return {
    tenant: TENANT,
    clientId: CLIENT_ID,
    signIn: 'device-code',
    clientSecret: null,
    certificateFile: null,
    certificatePassword: null,
    authorityHost: null,
    graphEndpoint: null,
    ...overrides,
  };
}

describe('permissions', () => {
  it('asks a person for exactly the read permissions in read-only mode, never a write scope', () => {
    const scopes = scopesFor({ readOnly: true, delegated: true });
    expect(scopes).toContain('https://graph.microsoft.com/User.Read.All');
    expect(scopes).toContain('https://graph.microsoft.com/OnPremDirectorySynchronization.Read.All');
    expect(scopes.some((s) => /ReadWrite|DeleteRestore/.test(s))).toBe(false);
  });

  it('adds User.ReadWrite.All and User.DeleteRestore.All when fixes are allowed', () => {
    const scopes = scopesFor({ readOnly: false, delegated: true });
    expect(scopes).toContain('https://graph.microsoft.com/User.ReadWrite.All');
    expect(scopes).toContain('https://graph.microsoft.com/User.DeleteRestore.All');
  });

  it('asks an app for .default only (the granted application permissions)', () => {
    expect(scopesFor({ readOnly: false, delegated: false })).toEqual([
      'https://graph.microsoft.com/.default',
    ]);
  });

  it('counts a broader permission as covering a narrower one, and says which', () => {
    const status = permissionStatus(['Directory.Read.All'], { readOnly: true, delegated: true });
    const users = status.find((p) => p.permission === 'User.Read.All')!;
    expect(users).toMatchObject({ granted: true, via: 'Directory.Read.All' });
    // Directory.Read.All does not include the sync switches.
    expect(status.find((p) => p.permission === 'OnPremDirectorySynchronization.Read.All')!.granted).toBe(
      false,
    );
  });

  it('marks the sync switches unavailable to an app even when the role is granted', () => {
    const status = permissionStatus(['OnPremDirectorySynchronization.Read.All'], {
      readOnly: true,
      delegated: false,
    });
    expect(status.find((p) => p.permission === 'OnPremDirectorySynchronization.Read.All')).toMatchObject({
      granted: false,
      unavailable: true,
    });
    expect(describePermissions({ readOnly: true, delegated: false }).join('\n')).toMatch(
      /a person must sign in/,
    );
  });
});

describe('token claims', () => {
  it('reads delegated scopes, roles, tenant and user from an access token', () => {
    const payload = Buffer.from(
      JSON.stringify({ scp: 'User.Read.All Domain.Read.All', tid: 't', upn: 'a@b.c', appid: 'x', exp: 10 }),
    ).toString('base64url');
    expect(decodeTokenClaims(`e30.${payload}.sig`)).toMatchObject({
      scopes: ['User.Read.All', 'Domain.Read.All'],
      roles: [],
      tenantId: 't',
      user: 'a@b.c',
      kind: 'user',
      expiresAt: new Date(10_000),
    });
    expect(decodeTokenClaims('not a token')).toBeNull();
  });
});

describe('constructing each credential', () => {
  const base: Omit<SignInOptions, 'tenant'> = {
    readOnly: true,
    secrets: { env: {}, redactor: new SecretRedactor() },
  };

  it('device code (default)', async () => {
    const s = await createSignIn({ ...base, tenant: tenant({}) });
    expect(s).toMatchObject({ method: 'device-code', delegated: true });
    expect(s.credential.getToken).toBeTypeOf('function');
  });

  it('browser where a desktop exists; device code over ssh or without a display', async () => {
    const desktop = await createSignIn({
      ...base,
      tenant: tenant({ signIn: 'browser' }),
      env: { DISPLAY: ':0' },
      platform: 'linux',
    });
    expect(desktop.method).toBe('browser');
    const notices: string[] = [];
    const overSsh = await createSignIn({
      ...base,
      tenant: tenant({ signIn: 'browser' }),
      env: { SSH_CONNECTION: '1 2 3 4', DISPLAY: ':0' },
      platform: 'linux',
      onNotice: (t) => notices.push(t),
    });
    expect(overSsh.method).toBe('device-code');
    expect(notices[0]).toMatch(/ssh session.*device code/);
    expect(browserAvailable({}, 'linux').available).toBe(false);
    expect(browserAvailable({}, 'win32').available).toBe(true);
  });

  it('client secret, read from the environment variable the profile names', async () => {
    const s = await createSignIn({
      ...base,
      tenant: tenant({ signIn: 'client-secret', clientSecret: { kind: 'env', name: 'MY_SECRET' } }),
      secrets: { env: { MY_SECRET: SECRET } },
    });
    expect(s).toMatchObject({
      method: 'client-secret',
      delegated: false,
      scopes: ['https://graph.microsoft.com/.default'],
    });
  });

  it('client secret: says which variable is missing', async () => {
    const attempt = createSignIn({
      ...base,
      tenant: tenant({ signIn: 'client-secret', clientSecret: { kind: 'env', name: 'MY_SECRET' } }),
    });
    await expect(attempt).rejects.toThrow(/environment variable MY_SECRET, which is not set/);
  });

  it('client certificate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sm-auth-'));
    try {
      const pem = await appCertificate();
      const file = join(dir, 'app.pem');
      await writeFile(file, pem.bundle);
      const s = await createSignIn({
        ...base,
        tenant: tenant({ signIn: 'client-certificate', certificateFile: file }),
      });
      expect(s).toMatchObject({ method: 'client-certificate', delegated: false });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('Azure CLI when az is on PATH, and a clear sentence when it is not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sm-az-'));
    try {
      await mkdir(join(dir, 'bin'));
      await writeFile(join(dir, 'bin', 'az'), '#!/bin/sh\nexit 1\n');
      await chmod(join(dir, 'bin', 'az'), 0o755);
      const s = await createSignIn({
        ...base,
        tenant: tenant({ signIn: 'azure-cli', clientId: null }),
        env: { PATH: join(dir, 'bin') },
        platform: 'linux',
      });
      expect(s).toMatchObject({
        method: 'azure-cli',
        delegated: true,
        scopes: ['https://graph.microsoft.com/.default'],
      });
      await expect(
        createSignIn({
          ...base,
          tenant: tenant({ signIn: 'azure-cli' }),
          env: { PATH: dir },
          platform: 'linux',
        }),
      ).rejects.toThrow(/az is not installed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an authority that is not https', async () => {
    await expect(
      createSignIn({ ...base, tenant: tenant({}), authorityHost: 'http://127.0.0.1:1' }),
    ).rejects.toThrow(/must be https/);
  });
});

describe('sign-in against a local identity platform (HTTPS, OpenID metadata)', () => {
  let authority: LocalAuthority;
  let agent: Agent;
  let cert: Awaited<ReturnType<typeof appCertificate>>;

  beforeAll(async () => {
    cert = await appCertificate();
    authority = await startLocalAuthority({
      tenant: TENANT,
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      certificate: cert.cert,
      claims: { roles: ['User.Read.All', 'Domain.Read.All'] },
      pendingPolls: 1,
    });
    agent = new Agent({ ca: authority.ca });
  });
  afterAll(async () => {
    agent?.destroy();
    await authority?.close();
  });

  const local = (): Pick<SignInOptions, 'authorityHost' | 'disableInstanceDiscovery' | 'agent'> => ({
    authorityHost: authority.host,
    disableInstanceDiscovery: true,
    agent,
  });

  it('client secret: reads the metadata, posts the secret to the token endpoint, returns the token', async () => {
    authority.requests.length = 0;
    // The authority comes from the profile (tenant.authorityHost); not being Microsoft's, instance
    // discovery is skipped without being told.
    const s = await createSignIn({
      agent,
      tenant: tenant({
        signIn: 'client-secret',
        clientSecret: { kind: 'env', name: 'S' },
        authorityHost: authority.host,
      }),
      readOnly: false,
      secrets: { env: { S: SECRET }, redactor: new SecretRedactor() },
    });
    const token = await s.credential.getToken(s.scopes);
    expect(decodeTokenClaims(token!.token)).toMatchObject({
      kind: 'app',
      roles: ['User.Read.All', 'Domain.Read.All'],
    });
    expect(authority.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /${TENANT}/v2.0/.well-known/openid-configuration`,
      `POST /${TENANT}/oauth2/v2.0/token`,
    ]);
    expect(authority.requests[1]!.form).toMatchObject({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: SECRET,
      scope: 'https://graph.microsoft.com/.default',
    });
    // The Graph SDK's bridge hands the same token to the Graph client.
    expect(await graphAuthProvider(s.credential, s.scopes).getAccessToken()).toBe(token!.token);
  });

  it('a wrong client secret becomes a sentence with the AADSTS code, without the secret', async () => {
    const redactor = new SecretRedactor();
    const s = await createSignIn({
      ...local(),
      tenant: tenant({ signIn: 'client-secret', clientSecret: { kind: 'env', name: 'S' } }),
      readOnly: true,
      secrets: { env: { S: 'Wrong~Secret~Value' }, redactor },
    });
    const error = await s.credential.getToken(s.scopes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect(error).toMatchObject({
      code: 'SIGN_IN_BAD_SECRET',
      message: expect.stringContaining('AADSTS7000215'),
    });
    expect(JSON.stringify({ m: (error as Error).message, c: String((error as Error).cause) })).not.toContain(
      'Wrong~Secret~Value',
    );
  });

  it('client certificate: the assertion is signed with the key and verifies with the registered certificate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sm-cert-'));
    try {
      const file = join(dir, 'app.pem');
      await writeFile(file, cert.bundle);
      authority.requests.length = 0;
      const s = await createSignIn({
        ...local(),
        tenant: tenant({ signIn: 'client-certificate', certificateFile: file }),
        readOnly: true,
        secrets: { env: {} },
      });
      const token = await s.credential.getToken(s.scopes);
      expect(token?.token).toBeTruthy();
      const form = authority.requests.find((r) => r.path.endsWith('/token'))!.form;
      expect(form.client_assertion_type).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('client certificate: a key the app registration does not know is refused, as a sentence', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sm-cert-'));
    try {
      const file = join(dir, 'other.pem');
      await writeFile(file, (await appCertificate()).bundle);
      const s = await createSignIn({
        ...local(),
        tenant: tenant({ signIn: 'client-certificate', certificateFile: file }),
        readOnly: true,
        secrets: { env: {} },
      });
      await expect(s.credential.getToken(s.scopes)).rejects.toMatchObject({
        code: 'SIGN_IN_BAD_CERTIFICATE',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('device code: the code and URL reach the callback, read-only asks no write scope, the account is recorded', async () => {
    authority.requests.length = 0;
    const prompts: { userCode: string; verificationUri: string }[] = [];
    const s = await createSignIn({
      ...local(),
      tenant: tenant({}),
      readOnly: true,
      secrets: { env: {} },
      onDeviceCode: (p) => prompts.push(p),
    });
    const record = await s.authenticate();
    expect(prompts).toEqual([
      expect.objectContaining({ userCode: 'LOCAL-CODE', verificationUri: `${authority.host}/devicelogin` }),
    ]);
    expect(record).toMatchObject({ username: 'tech@contoso.com', clientId: CLIENT_ID });
    const asked = authority.requests.find((r) => r.path.endsWith('/devicecode'))!.form.scope!;
    expect(asked).toContain('https://graph.microsoft.com/User.Read.All');
    expect(asked).not.toMatch(/ReadWrite|DeleteRestore/);

    // The token comes from the in-memory cache: no second sign-in.
    const before = authority.requests.length;
    const token = await s.credential.getToken(s.scopes);
    expect(decodeTokenClaims(token!.token)?.user).toBe('tech@contoso.com');
    expect(authority.requests.length).toBe(before);

    // The record saved for the next run names the account and holds no token.
    const dir = await mkdtemp(join(tmpdir(), 'sm-rec-'));
    try {
      const path = authRecordPath(dir, 'contoso');
      await saveAuthRecord(path, record!);
      const text = await readFile(path, 'utf8');
      expect(text).not.toContain('refresh-token-local');
      expect(text).not.toContain(token!.token);
      expect(await loadAuthRecord(path)).toMatchObject({ username: 'tech@contoso.com' });
      expect(await loadAuthRecord(join(dir, 'missing.json'))).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

async function appCertificate(): Promise<{ cert: string; bundle: string }> {
  const pems = await generate([{ name: 'commonName', value: 'syncmatch test app' }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
  });
  return { cert: pems.cert, bundle: `${pems.private}\n${pems.cert}` };
}
