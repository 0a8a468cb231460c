// The outcome mapping (core/scan/forecast.ts) on the shipped scenarios, whose stories the sync
// engine tells (test/lab/scenarios-sync.test.ts), and on the tenant switches that change them.
import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/core/scan/scanner.js';
import type { Forecast, ScanResult } from '../../src/core/scan/types.js';
import { LabDirectoryBulkReader, LabTenantBulkReader } from '../../src/lab/bulk-readers.js';
import { createLabState, type LabState } from '../../src/lab/lab-state.js';
import { listShippedScenarios, loadScenario } from '../../src/lab/scenario-loader.js';
import type { ScenarioFeatures } from '../../src/lab/scenario-schema.js';
import { runDeltaSync } from '../../src/lab/sync-engine/index.js';
import { disagreement, linesByDn } from '../helpers/scan-vs-engine.js';

const clock = { now: () => new Date('2026-11-22T09:00:00.000Z') };

async function scan(state: LabState): Promise<ScanResult> {
  const [objects, tenant] = await Promise.all([
    new LabDirectoryBulkReader(state).readAll(),
    new LabTenantBulkReader(state).readAll(),
  ]);
  return runScan({ objects, tenant, sync: state.sync, scope: [] });
}

async function identityForecast(name: string, features?: Partial<ScenarioFeatures> | 'forbidden') {
  const state = createLabState(await loadScenario(name));
  if (features === 'forbidden') state.tenant.features = 'forbidden';
  else if (features) state.tenant.features = { ...(state.tenant.features as ScenarioFeatures), ...features };
  const result = await scan(state);
  const dn = state.ad.objects.find((o) => o.attributes.sAMAccountName === state.scenario.identity)!.dn;
  return { state, result, user: result.users.find((u) => u.dn === dn)! };
}

const pick = (f: Forecast) => ({
  outcome: f.outcome,
  error: f.error,
  duplicateVia: f.duplicateVia,
  quarantined: f.quarantined,
});

describe('the identity of each shipped scenario', () => {
  it.each([
    ['healthy', { outcome: 'already-matched', error: null, duplicateVia: null, quarantined: false }],
    [
      'migrated-consistency-guid',
      { outcome: 'already-matched', error: null, duplicateVia: null, quarantined: false },
    ],
    ['ready-for-soft-match', { outcome: 'soft-match', error: null, duplicateVia: null, quarantined: false }],
    [
      'stale-immutable-id',
      { outcome: 'export-error', error: 'InvalidSoftMatch', duplicateVia: null, quarantined: false },
    ],
    [
      'federated-domain',
      { outcome: 'export-error', error: 'InvalidSoftMatch', duplicateVia: null, quarantined: false },
    ],
    ['non-routable-upn', { outcome: 'duplicate', error: null, duplicateVia: 'create', quarantined: false }],
    [
      'recycle-bin-leftover',
      { outcome: 'duplicate', error: null, duplicateVia: 'restore', quarantined: true },
    ],
    ['duplicate-synced-user', { outcome: 'duplicate', error: null, duplicateVia: 'join', quarantined: true }],
    [
      'proxy-conflict-with-group',
      {
        outcome: 'export-error',
        error: 'AttributeValueMustBeUnique',
        duplicateVia: null,
        quarantined: false,
      },
    ],
    [
      'admin-role',
      { outcome: 'duplicate', error: 'ExistingAdminRoleConflict', duplicateVia: 'create', quarantined: true },
    ],
    [
      'on-prem-duplicates',
      { outcome: 'new-user-quarantined', error: null, duplicateVia: null, quarantined: true },
    ],
    [
      'admin-role-through-group',
      { outcome: 'duplicate', error: 'ExistingAdminRoleConflict', duplicateVia: 'create', quarantined: true },
    ],
    ['small-business-p1', { outcome: 'soft-match', error: null, duplicateVia: null, quarantined: false }],
  ] as const)('%s → %j', async (name, expected) => {
    const { user } = await identityForecast(name);
    expect(pick(user.forecast)).toEqual(expected);
    expect(user.forecast.reason.length).toBeGreaterThan(20);
  });
});

describe('every user of every shipped scenario', async () => {
  const names = (await listShippedScenarios()).map((s) => s.name);
  it.each(names)('%s: the sync engine does what the scan forecast', async (name) => {
    const state = createLabState(await loadScenario(name));
    const result = await scan(state);
    runDeltaSync(state, clock);
    const lines = linesByDn(state.syncLog);
    const wrong = result.users.map((u) => disagreement(u, lines.get(u.dn.toLowerCase()) ?? []));
    expect(wrong.filter(Boolean)).toEqual([]);
  });
});

describe('tenant switches', () => {
  it('blockSoftMatchEnabled turns a ready soft match into InvalidSoftMatch', async () => {
    const { user } = await identityForecast('ready-for-soft-match', { blockSoftMatchEnabled: true });
    expect(pick(user.forecast)).toMatchObject({ outcome: 'export-error', error: 'InvalidSoftMatch' });
  });

  it('blockCloudObjectTakeoverThroughHardMatchEnabled refuses a hard match onto a cloud-managed user', async () => {
    const { state } = await identityForecast('ready-for-soft-match');
    const jdoe = state.ad.objects.find((o) => o.attributes.sAMAccountName === 'jdoe')!;
    const { guidToImmutableId } = await import('../../src/core/identifiers.js');
    const anchor = guidToImmutableId(jdoe.objectGUID);
    const target = state.tenant.users.find((u) => u.userPrincipalName === 'john.doe@contoso.com')!;
    target.onPremisesImmutableId = anchor;
    let user = (await scan(state)).users.find((u) => u.dn === jdoe.dn)!;
    expect(pick(user.forecast)).toMatchObject({ outcome: 'hard-match', error: null });
    state.tenant.features = {
      ...(state.tenant.features as ScenarioFeatures),
      blockCloudObjectTakeoverThroughHardMatchEnabled: true,
    };
    user = (await scan(state)).users.find((u) => u.dn === jdoe.dn)!;
    expect(pick(user.forecast)).toMatchObject({ outcome: 'export-error', error: 'InvalidHardMatch' });
    runDeltaSync(state, clock);
    expect(disagreement(user, linesByDn(state.syncLog).get(jdoe.dn.toLowerCase()) ?? [])).toBeNull();
  });

  it('without UPN soft match, a UPN-only candidate is not claimed: a duplicate is created', async () => {
    const { state, user } = await identityForecast('non-routable-upn', { softMatchOnUpnEnabled: false });
    expect(pick(user.forecast)).toMatchObject({ outcome: 'duplicate', duplicateVia: 'create' });
    void state;
  });

  it('with quarantine switched off, a taken value fails the export instead', async () => {
    const { user } = await identityForecast('on-prem-duplicates', {
      quarantineUponUpnConflictEnabled: false,
      quarantineUponProxyAddressesConflictEnabled: false,
    });
    expect(pick(user.forecast)).toMatchObject({
      outcome: 'export-error',
      error: 'AttributeValueMustBeUnique',
    });
  });

  it('switches that cannot be read are taken at the service defaults (soft match still forecast)', async () => {
    const { user } = await identityForecast('ready-for-soft-match', 'forbidden');
    expect(user.findings.map((f) => f.code)).toContain('TENANT_FEATURES_UNREADABLE');
    expect(pick(user.forecast)).toMatchObject({ outcome: 'soft-match' });
  });
});

describe('scope and system objects', () => {
  it('forecasts only users under the scan scope, and leaves out objects Connect never exports', async () => {
    const state = createLabState(await loadScenario('healthy'));
    state.ad.objects.push({
      objectClass: 'user',
      dn: 'CN=krbtgt,OU=Staff,DC=contoso,DC=com',
      objectGUID: '0a0b0c0d-0000-4000-8000-000000000001',
      attributes: { sAMAccountName: 'krbtgt', isCriticalSystemObject: 'TRUE' },
    });
    const [objects, tenant] = await Promise.all([
      new LabDirectoryBulkReader(state).readAll(),
      new LabTenantBulkReader(state).readAll(),
    ]);
    const all = runScan({ objects, tenant, sync: state.sync, scope: [] });
    expect(all.summary.systemObjects).toBe(1);
    expect(all.users.some((u) => u.sAMAccountName === 'krbtgt')).toBe(false);
    const wide = runScan({ objects, tenant, sync: state.sync, scope: ['DC=contoso,DC=com'] });
    const svc = wide.users.find((u) => u.sAMAccountName === 'svc-backup')!;
    expect(svc.forecast.outcome).toBe('not-synced');
    expect(wide.users.length).toBeGreaterThan(all.users.length);
  });
});
