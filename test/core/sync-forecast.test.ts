// The forecast of the sync's side effects (issue 13, point 3): the core's export rules, which the
// lab's sync engine runs too, against the target's current values.
import { describe, expect, it } from 'vitest';
import { domainOfDn } from '../../src/core/export-values.js';
import type { CloudUser, CloudView, OnPremObject } from '../../src/core/snapshot.js';
import { forecastMisses, forecastSync } from '../../src/core/sync-forecast.js';
import { predictCloudUpn } from '../../src/core/unverified-upn.js';
import { createLabState } from '../../src/lab/lab-state.js';
import { loadScenario } from '../../src/lab/scenario-loader.js';
import { desiredUserValues } from '../../src/lab/sync-engine/desired.js';
import { toOnPremObject } from '../../src/lab/in-memory-ad.js';

const verified = (s: string) => s.toLowerCase() === 'contoso.com';

describe('predictCloudUpn', () => {
  it('keeps a UPN on a verified suffix', () => {
    expect(predictCloudUpn({ userPrincipalName: 'a.b@Contoso.com' }, verified, 'x.onmicrosoft.com')).toBe(
      'a.b@Contoso.com',
    );
  });
  it('moves an unverified suffix to the initial domain', () => {
    expect(predictCloudUpn({ userPrincipalName: 'a.b@contoso.local' }, verified, 'x.onmicrosoft.com')).toBe(
      'a.b@x.onmicrosoft.com',
    );
  });
});

const user: OnPremObject = {
  objectClass: 'user',
  dn: 'CN=A B,OU=Staff,DC=contoso,DC=local',
  objectGuid: '93baf7aa-d55b-4253-8394-a57712c3e466',
  sAMAccountName: 'ab',
  userPrincipalName: 'a.b@contoso.local',
  mail: null,
  mailNickname: null,
  displayName: 'A B',
  proxyAddresses: [],
  consistencyGuid: null,
};
const target: CloudUser = {
  id: 't1',
  userPrincipalName: 'a.b@contoso.com',
  displayName: 'A. B.',
  mail: 'a.b@contoso.com',
  mailNickname: 'a.b',
  proxyAddresses: ['SMTP:a.b@contoso.com'],
  onPremisesImmutableId: null,
  onPremisesSyncEnabled: null,
  onPremisesLastSyncDateTime: null,
  onPremisesProvisioningErrors: [],
};
const cloud: CloudView = {
  users: [target],
  groups: [],
  contacts: [],
  deletedUsers: [],
  domains: [
    { id: 'contoso.com', isVerified: true, isInitial: false, authenticationType: 'Managed' },
    { id: 'contoso.onmicrosoft.com', isVerified: true, isInitial: true, authenticationType: 'Managed' },
  ],
  features: null,
  roles: {},
};

describe('forecastSync', () => {
  it('lists what changes, leaves alone what AD has no value for, and flags a sign-in name change', () => {
    const f = forecastSync(user, target, cloud)!;
    expect(f.changes).toEqual([
      { property: 'userPrincipalName', before: 'a.b@contoso.com', after: 'a.b@contoso.onmicrosoft.com' },
      { property: 'displayName', before: 'A. B.', after: 'A B' },
    ]);
    expect(f.writes.mail).toBeUndefined();
    expect(f.signInNameChanges).toBe(true);
    expect(
      forecastMisses(f, { ...target, userPrincipalName: 'a.b@contoso.onmicrosoft.com', displayName: 'A B' }),
    ).toEqual([]);
    expect(forecastMisses(f, target).map((m) => m.property)).toEqual(['userPrincipalName', 'displayName']);
  });

  it('does not call a change of letter case a new sign-in name', () => {
    const f = forecastSync({ ...user, userPrincipalName: 'A.B@contoso.com' }, target, cloud)!;
    expect(f.changes[0]).toMatchObject({ property: 'userPrincipalName', after: 'A.B@contoso.com' });
    expect(f.signInNameChanges).toBe(false);
  });

  it('reads the AD domain for the sAMAccountName fallback from the DN', () => {
    expect(domainOfDn('CN=A\\, B,OU=Staff,DC=contoso,DC=local')).toBe('contoso.local');
    const f = forecastSync({ ...user, userPrincipalName: null }, null, cloud)!;
    expect(f.writes.userPrincipalName).toBe('ab@contoso.onmicrosoft.com');
  });

  it('is the lab sync engine’s own export (one code path) on shipped scenarios’ identities', async () => {
    for (const name of ['non-routable-upn', 'upn-rename', 'stale-immutable-id', 'federated-domain']) {
      const state = createLabState(await loadScenario(name));
      const obj = state.ad.objects.find((o) => o.attributes.sAMAccountName === state.scenario.identity)!;
      const engine = desiredUserValues(state, obj);
      const view: CloudView = {
        ...cloud,
        domains: [
          ...state.tenant.domains.map((d) => ({ ...d, isInitial: false })),
          {
            id: state.tenant.initialDomain,
            isVerified: true,
            isInitial: true,
            authenticationType: 'Managed' as const,
          },
        ],
      };
      const f = forecastSync(toOnPremObject(obj, { kind: 'consistencyGuid' }), null, view)!;
      expect(f.writes.userPrincipalName, name).toBe(engine.userPrincipalName);
      expect(f.writes.proxyAddresses, name).toEqual(engine.proxyAddresses);
      expect(f.writes.displayName, name).toBe(engine.displayName);
    }
  });
});
