// `syncmatch setup --forest <name>` (issue 21): the AD flags set one forest of a profile with
// several; a profile's single `ad` becomes its first forest; TLS rules hold for GCs too.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigStore, loadSettings } from '../../src/adapters/config/index.js';
import { setupCommand } from '../../src/commands/setup.js';
import { UsageError } from '../../src/core/errors.js';

let dir: string;
let env: Record<string, string>;
let stderr = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sm-setup-forests-'));
  env = { SYNCMATCH_CONFIG_DIR: dir };
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const run = (opts: Record<string, unknown>) =>
  setupCommand({ profile: 'm', ...opts }, { env, interactive: false });

describe('syncmatch setup --forest', () => {
  it('adds a second forest beside the single ad, then updates it by name', async () => {
    await run({
      adUrl: ['ldaps://dc01.contoso.com'],
      bind: 'svc@contoso.com',
      tenant: 'contoso.com',
      signIn: 'azure-cli',
    });
    expect(
      await run({
        forest: 'Fabrikam.com',
        adUrl: ['ldaps://dc01.fabrikam.com'],
        bind: 'FABRIKAM\\svc',
        bindPasswordFrom: 'env:FABRIKAM_LDAP',
        gcUrl: ['ldap://dc01.fabrikam.com:3268'],
        gcStarttls: true,
      }),
    ).toBe(0);
    expect(ConfigStore.open({ env }).getProfile('m')).toEqual({
      tenant: { tenant: 'contoso.com', signIn: 'azure-cli' },
      forests: [
        { urls: ['ldaps://dc01.contoso.com'], bindIdentity: 'svc@contoso.com' },
        {
          name: 'fabrikam.com',
          urls: ['ldaps://dc01.fabrikam.com'],
          bindIdentity: 'FABRIKAM\\svc',
          passwordFrom: 'env:FABRIKAM_LDAP',
          globalCatalog: { urls: ['ldap://dc01.fabrikam.com:3268'], startTls: true },
        },
      ],
    });
    expect(stderr).toContain(
      'Forest      fabrikam.com: ldaps://dc01.fabrikam.com; GC ldap://dc01.fabrikam.com:3268 with StartTLS',
    );
    expect(stderr).toContain('Forest      (named when it connects): ldaps://dc01.contoso.com; no GC');

    await run({ forest: 'fabrikam.com', scopeOu: ['OU=Staff,DC=fabrikam,DC=com'] });
    const forests = ConfigStore.open({ env }).getProfile('m')?.forests;
    expect(forests).toHaveLength(2);
    expect(forests?.[1]).toMatchObject({
      name: 'fabrikam.com',
      urls: ['ldaps://dc01.fabrikam.com'],
      scopeOus: ['OU=Staff,DC=fabrikam,DC=com'],
      globalCatalog: { startTls: true },
    });
    const settings = loadSettings({ env, profile: 'm' });
    expect(settings.forests).toMatchObject({
      status: 'ready',
      value: [{ name: null }, { name: 'fabrikam.com' }],
    });
  });

  it('refuses a Global Catalog over plain ldap:// without StartTLS (nothing saved), and --gc-url without --forest', async () => {
    await expect(
      run({
        forest: 'contoso.com',
        adUrl: ['ldaps://dc01.contoso.com'],
        gcUrl: ['ldap://gc.contoso.com:3268'],
      }),
    ).rejects.toThrow(/not saved: ldap:\/\/gc\.contoso\.com:3268 without StartTLS/);
    expect(ConfigStore.open({ env }).getProfile('m')).toBeUndefined();
    await expect(run({ gcUrl: ['ldaps://gc.contoso.com:3269'] })).rejects.toBeInstanceOf(UsageError);
  });

  it('the wizard does not edit a profile with forests: it says how to change a forest', async () => {
    await run({ forest: 'contoso.com', adUrl: ['ldaps://dc01.contoso.com'] });
    const error = await setupCommand({ profile: 'm' }, { env, interactive: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain('the wizard edits single-directory profiles');
    expect((error as UsageError).hint).toContain('setup --profile m --forest <name>');
  });
});
