// The profile's `forests` (issue 21): checked like `ad`, each forest's Global Catalog and other
// domains by the TLS rules, one anchor for all, and `ad` alone still one forest.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigStore, loadSettings, type ProfileFile } from '../../src/adapters/config/index.js';
import { forestOptions } from '../../src/adapters/ldap/settings-options.js';
import { syncScope } from '../../src/commands/profile-connections.js';
import { describeProfile } from '../../src/commands/setup-profile.js';

let dir: string;
let env: Record<string, string | undefined>;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sm-config-forests-'));
  env = { SYNCMATCH_CONFIG_DIR: dir };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const forest = (name: string, extra: object = {}) => ({
  name,
  urls: [`ldaps://dc01.${name}`],
  bindIdentity: `svc@${name}`,
  passwordFrom: `env:PW_${name.split('.')[0]!.toUpperCase()}`,
  ...extra,
});

function load(profile: ProfileFile) {
  ConfigStore.open({ env }).saveProfile('p', profile, { makeDefault: true });
  return loadSettings({ env });
}

describe('profile forests', () => {
  it('a profile with only `ad` is one forest, named when it connects', () => {
    const s = load({ ad: { urls: ['ldaps://dc01.contoso.com'], bindIdentity: 'svc@contoso.com' } });
    expect(s.forests).toMatchObject({
      status: 'ready',
      value: [{ name: null, urls: ['ldaps://dc01.contoso.com'], globalCatalog: null, domains: [] }],
    });
  });

  it('several forests with Global Catalogs and child domains; the first is the AD section', () => {
    const s = load({
      forests: [
        forest('contoso.com', {
          globalCatalog: { urls: ['ldaps://gc.contoso.com:3269'] },
          domains: [{ name: 'emea.contoso.com', urls: ['ldap://dc01.emea.contoso.com'], startTls: true }],
          scopeOus: ['OU=Staff,DC=contoso,DC=com'],
        }),
        forest('Fabrikam.com'),
      ],
    });
    expect(s.forests?.status).toBe('ready');
    if (s.forests?.status !== 'ready') return;
    const [contoso, fabrikam] = s.forests.value;
    expect(contoso).toMatchObject({
      name: 'contoso.com',
      globalCatalog: { urls: ['ldaps://gc.contoso.com:3269'], startTls: false },
      domains: [{ name: 'emea.contoso.com', startTls: true, baseDn: null }],
    });
    expect(fabrikam?.name).toBe('fabrikam.com');
    expect(s.ad).toMatchObject({ status: 'ready', value: { urls: ['ldaps://dc01.contoso.com'] } });
    // The adapter's options: the root domain, then each other domain at its naming context, and the GC.
    const options = forestOptions(contoso!, 'pw');
    expect(options.name).toBe('contoso.com');
    expect(options.domains.map((d) => [d.urls[0], d.baseDn ?? null, d.startTls])).toEqual([
      ['ldaps://dc01.contoso.com', null, false],
      ['ldap://dc01.emea.contoso.com', 'DC=emea,DC=contoso,DC=com', true],
    ]);
    expect(options.globalCatalog).toMatchObject({ urls: ['ldaps://gc.contoso.com:3269'], password: 'pw' });
  });

  it('setup describes each forest on its own line, with its GC and domains, never a secret', () => {
    const lines = describeProfile({
      forests: [
        forest('contoso.com', {
          globalCatalog: { urls: ['ldap://gc.contoso.com:3268'], startTls: true },
          domains: [{ name: 'emea.contoso.com', urls: ['ldaps://dc01.emea.contoso.com'] }],
        }),
        forest('fabrikam.com'),
      ],
    });
    const forests = lines.filter((l) => l.startsWith('Forest'));
    expect(forests).toHaveLength(2);
    expect(forests[0]).toContain(
      'contoso.com: ldaps://dc01.contoso.com; GC ldap://gc.contoso.com:3268 with StartTLS',
    );
    expect(forests[0]).toContain('domains emea.contoso.com (ldaps://dc01.emea.contoso.com)');
    expect(forests[1]).toContain('fabrikam.com: ldaps://dc01.fabrikam.com; no GC');
  });

  it('refuses a Global Catalog over plain ldap:// without StartTLS, naming the forest', () => {
    const s = load({
      forests: [forest('contoso.com', { globalCatalog: { urls: ['ldap://gc.contoso.com:3268'] } })],
    });
    expect(s.forests?.status).toBe('invalid');
    expect(s.forests?.status !== 'ready' && s.forests?.problems.join(' ')).toMatch(
      /Forest contoso\.com \(forests\[0\]\), Global Catalog: ldap:\/\/gc\.contoso\.com:3268 without StartTLS/,
    );
    expect(s.ad.status).toBe('invalid');
  });

  it('refuses forests with different anchors, a forest listed twice, and `ad` beside `forests`', () => {
    const anchors = load({
      forests: [forest('contoso.com'), forest('fabrikam.com', { anchorAttribute: 'objectGUID' })],
    });
    expect(anchors.forests?.status !== 'ready' && anchors.forests?.problems.join(' ')).toContain(
      'one Entra Connect server uses one sourceAnchor',
    );
    const twice = load({ forests: [forest('contoso.com'), forest('CONTOSO.com')] });
    expect(twice.forests?.status !== 'ready' && twice.forests?.problems.join(' ')).toContain('listed twice');
    const both = load({ ad: { urls: ['ldaps://dc01.contoso.com'] }, forests: [forest('contoso.com')] });
    expect(both.forests?.status !== 'ready' && both.forests?.problems.join(' ')).toContain(
      'both "ad" and "forests"',
    );
  });

  it('the file schema refuses a forest without a DNS name and unknown keys', () => {
    expect(() => load({ forests: [forest('contoso') as never] })).toThrow(/forest root domain's DNS name/);
    expect(() => load({ forests: [forest('contoso.com', { servers: ['x'] }) as never] })).toThrow();
  });

  it('the sync scope over several forests: a forest listing no OU counts whole', () => {
    const s = load({
      forests: [forest('contoso.com', { scopeOus: ['OU=Staff,DC=contoso,DC=com'] }), forest('fabrikam.com')],
    });
    if (s.forests?.status !== 'ready') throw new Error('not ready');
    const opened = [{ domains: ['contoso.com'] }, { domains: ['fabrikam.com', 'emea.fabrikam.com'] }];
    expect(syncScope(s.forests.value, opened)).toEqual([
      'OU=Staff,DC=contoso,DC=com',
      'DC=fabrikam,DC=com',
      'DC=emea,DC=fabrikam,DC=com',
    ]);
    // One forest keeps its own list (empty = the whole domain), as a profile with `ad` always did.
    expect(syncScope([s.forests.value[1]!], [opened[1]!])).toEqual([]);
  });
});
