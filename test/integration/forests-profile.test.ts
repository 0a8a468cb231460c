// A profile with several forests (issue 21), end to end against the two real Samba forests: the
// config file's `forests`, loadSettings, the real environment's forest opening (openForests) and
// combineForests, and `setup --check` (runChecks) checking each forest's DC and Global Catalog.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigStore, loadSettings, type ProfileFile } from '../../src/adapters/config/index.js';
import { combineForests } from '../../src/app/forests.js';
import { runChecks } from '../../src/commands/check.js';
import type { Output } from '../../src/commands/output.js';
import { openForests, secretSources } from '../../src/commands/profile-connections.js';
import { parseIdentity } from '../../src/core/identity-input.js';
import { SEED } from '../contract/on-prem-directory.contract.js';
import { FOREST2_SEED } from '../contract/multi-forest.contract.js';
import { forest2 } from './forest2-service.js';
import { samba } from './ldap-service.js';

const quiet: Output = {
  color: false,
  json: false,
  data: () => {},
  json_: () => {},
  status: () => {},
  verbose: () => {},
  paint: (_s, t) => t,
};

describe.skipIf(!samba || !forest2)('a profile with two forests against the two Samba forests', () => {
  let dir: string;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sm-forests-'));
    env = { SYNCMATCH_CONFIG_DIR: dir, LAB_PW: samba!.password, NEW_PW: forest2!.password };
    const profile: ProfileFile = {
      forests: [
        {
          name: 'lab.example',
          urls: [samba!.url],
          caFile: samba!.caFile,
          bindIdentity: samba!.bindUpn,
          passwordFrom: 'env:LAB_PW',
          baseDn: samba!.baseDn,
          scopeOus: [samba!.scopeOu],
          globalCatalog: { urls: ['ldaps://127.0.0.1:3269'] },
        },
        {
          name: 'new.example',
          urls: [forest2!.starttlsUrl],
          startTls: true,
          caFile: forest2!.caFile,
          bindIdentity: forest2!.bindDomainUser,
          passwordFrom: 'env:NEW_PW',
          scopeOus: [forest2!.scopeOu],
          globalCatalog: { urls: [forest2!.gcStarttlsUrl], startTls: true },
        },
      ],
    };
    ConfigStore.open({ env }).saveProfile('migration', profile, { makeDefault: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads both forests; the first stands as the single AD section', () => {
    const settings = loadSettings({ env });
    expect(settings.forests?.status).toBe('ready');
    if (settings.forests?.status !== 'ready') return;
    expect(settings.forests.value.map((f) => [f.name, f.globalCatalog?.urls[0]])).toEqual([
      ['lab.example', 'ldaps://127.0.0.1:3269'],
      ['new.example', forest2!.gcStarttlsUrl],
    ]);
    expect(settings.ad).toMatchObject({ status: 'ready', value: { urls: [samba!.url] } });
  });

  it('the real environment opens every forest and finds one identity in both', async () => {
    const settings = loadSettings({ env });
    if (settings.forests?.status !== 'ready') throw new Error('forests not ready');
    const directory = combineForests(await openForests(settings.forests.value, secretSources(env)));
    try {
      const found = await directory.findUser(parseIdentity('john@lab.example'));
      expect(found.map((o) => [o.objectGuid, o.forest]).sort()).toEqual(
        [
          [SEED.john.guid, 'lab.example'],
          [FOREST2_SEED.john.guid, 'new.example'],
        ].sort(),
      );
    } finally {
      await directory.close();
    }
  });

  it('setup --check checks each forest and its Global Catalog, naming what the GC lacks', async () => {
    const rows = await runChecks(loadSettings({ env }), quiet, { env });
    const ad = rows.filter((r) => r.area === 'AD');
    expect(ad.filter((r) => r.status === 'failed')).toEqual([]);
    const gc = ad.filter((r) => r.check.includes('Global Catalog'));
    expect(gc.map((r) => r.check.split(':')[0])).toEqual(['lab.example', 'new.example']);
    for (const r of gc) {
      expect(r.status).toBe('ok');
      expect(r.detail).toMatch(/not [^.]*mS-DS-ConsistencyGuid/);
    }
    expect(ad.some((r) => r.check.startsWith('new.example: Bind as'))).toBe(true);
  });

  it('a wrong password for the second forest fails its rows only', async () => {
    const rows = await runChecks(loadSettings({ env: { ...env, NEW_PW: 'wrong' } }), quiet, {
      env: { ...env, NEW_PW: 'wrong' },
    });
    const failed = rows.filter((r) => r.area === 'AD' && r.status === 'failed').map((r) => r.check);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((c) => c.startsWith('new.example'))).toBe(true);
  });
});
