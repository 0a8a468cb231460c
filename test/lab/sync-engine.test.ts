// The lab's Entra Connect sync engine, one rule at a time (docs/matching-facts.md §2).
import { describe, expect, it } from 'vitest';
import { guidToImmutableId } from '../../src/core/identifiers.js';
import { createLabState, type LabState } from '../../src/lab/lab-state.js';
import { scenarioSchema } from '../../src/lab/scenario-schema.js';
import { runDeltaSync, startSyncCycle } from '../../src/lab/sync-engine/index.js';

const JDOE_GUID = '8ec297b6-39dc-4da1-aa92-94686f191d0b';
const MIGRATED_GUID = '35918bc9-196d-40ea-9779-889d79b753f0';
const OTHER_GUID = 'f7cc07d7-7c15-447d-876d-c01b0e5a9e38';
const JDOE_ANCHOR = guidToImmutableId(JDOE_GUID);
const CLOUD_ID = '0f9a3c1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const STAFF = 'OU=Staff,DC=contoso,DC=com';
const JDOE_DN = `CN=John Doe,${STAFF}`;
const clock = { now: () => new Date('2026-11-22T09:00:00.000Z') };
const NOW = '2026-11-22T09:00:00.000Z';

type Json = Record<string, unknown>;

function jdoe(attributes: Json = {}, over: Json = {}): Json {
  return {
    objectClass: 'user',
    dn: JDOE_DN,
    objectGUID: JDOE_GUID,
    attributes: {
      sAMAccountName: 'jdoe',
      userPrincipalName: 'john.doe@contoso.com',
      mail: 'john.doe@contoso.com',
      mailNickname: 'jdoe',
      displayName: 'John Doe',
      proxyAddresses: ['SMTP:john.doe@contoso.com', 'smtp:jdoe@contoso.com'],
      ...attributes,
    },
    ...over,
  };
}

function cloudJohn(over: Json = {}): Json {
  return {
    id: CLOUD_ID,
    userPrincipalName: 'john.doe@contoso.com',
    displayName: 'John Doe',
    mail: 'john.doe@contoso.com',
    proxyAddresses: ['SMTP:john.doe@contoso.com'],
    ...over,
  };
}

interface LabParts {
  objects?: Json[];
  users?: Json[];
  deletedUsers?: Json[];
  groups?: Json[];
  contacts?: Json[];
  features?: Json | 'forbidden';
  scope?: string[];
  sourceAnchor?: string;
  domains?: Json[];
}

function lab(parts: LabParts = {}): LabState {
  const scenario = scenarioSchema.parse({
    name: 'unit',
    description: 'unit test lab',
    identity: 'jdoe',
    ad: { domain: 'contoso.com', objects: parts.objects ?? [jdoe()] },
    sync: { sourceAnchor: parts.sourceAnchor ?? 'mS-DS-ConsistencyGuid', scope: parts.scope ?? [STAFF] },
    tenant: {
      initialDomain: 'contoso.onmicrosoft.com',
      domains: parts.domains ?? [{ id: 'contoso.com', isVerified: true, authenticationType: 'Managed' }],
      features: parts.features ?? {},
      users: parts.users ?? [],
      deletedUsers: parts.deletedUsers ?? [],
      groups: parts.groups ?? [],
      contacts: parts.contacts ?? [],
    },
  });
  return createLabState(scenario);
}

const sync = (state: LabState) => runDeltaSync(state, clock);
const outcomes = (state: LabState, run?: number) =>
  state.syncLog.filter((e) => (run === undefined || e.run === run) && e.dn !== '').map((e) => e.outcome);
const user = (state: LabState, id: string) => state.tenant.users.find((u) => u.id === id);
const tenantAndAd = (state: LabState) =>
  structuredClone({ ad: state.ad, tenant: state.tenant, joins: state.joins });

describe('sourceAnchor', () => {
  it('writes objectGUID back into an empty mS-DS-ConsistencyGuid and exports it as the anchor', () => {
    const state = lab();
    sync(state);
    expect(state.ad.objects[0]!.attributes['mS-DS-ConsistencyGuid']).toBe(JDOE_GUID);
    expect(state.tenant.users[0]!.onPremisesImmutableId).toBe(JDOE_ANCHOR);
  });

  it('uses mS-DS-ConsistencyGuid when it differs from objectGUID (a migrated account)', () => {
    const state = lab({
      objects: [jdoe({ 'mS-DS-ConsistencyGuid': MIGRATED_GUID })],
      users: [cloudJohn({ onPremisesImmutableId: guidToImmutableId(MIGRATED_GUID) })],
    });
    sync(state);
    expect(outcomes(state)).toEqual(['HardMatch']);
    expect(state.joins[JDOE_GUID]).toBe(CLOUD_ID);
  });

  it('with sourceAnchor objectGUID ignores mS-DS-ConsistencyGuid and writes nothing back', () => {
    const state = lab({
      sourceAnchor: 'objectGUID',
      objects: [jdoe()],
      users: [cloudJohn({ onPremisesImmutableId: JDOE_ANCHOR })],
    });
    sync(state);
    expect(outcomes(state)).toEqual(['HardMatch']);
    expect(state.ad.objects[0]!.attributes['mS-DS-ConsistencyGuid']).toBeUndefined();
  });
});

describe('hard match', () => {
  it('joins a cloud-managed user whose immutableId equals the anchor and marks it synced', () => {
    const state = lab({
      users: [
        cloudJohn({ onPremisesImmutableId: JDOE_ANCHOR, userPrincipalName: 'jdoe@contoso.onmicrosoft.com' }),
      ],
    });
    sync(state);
    const u = user(state, CLOUD_ID)!;
    expect(outcomes(state)).toEqual(['HardMatch']);
    expect(u.onPremisesSyncEnabled).toBe(true);
    expect(u.onPremisesLastSyncDateTime).toBe(NOW);
    // The UPN parked on the initial domain comes back to the AD UPN (verified suffix).
    expect(u.userPrincipalName).toBe('john.doe@contoso.com');
    expect(u.proxyAddresses).toEqual(['SMTP:john.doe@contoso.com', 'smtp:jdoe@contoso.com']);
    expect(state.tenant.users).toHaveLength(1);
  });

  it('is refused with InvalidHardMatch when the tenant blocks cloud object takeover', () => {
    const cloud = cloudJohn({ onPremisesImmutableId: JDOE_ANCHOR });
    const state = lab({
      users: [cloud],
      features: { blockCloudObjectTakeoverThroughHardMatchEnabled: true },
    });
    const before = structuredClone(state.tenant);
    sync(state);
    const line = state.syncLog.find((e) => e.outcome === 'InvalidHardMatch')!;
    expect(line.message).toContain(
      'Another cloud created object with the same source anchor already exists in Microsoft Entra ID.',
    );
    expect(line.cloudUserId).toBe(CLOUD_ID);
    expect(state.tenant).toEqual(before);
    expect(state.joins).toEqual({});
  });

  it.each([
    ['an active', { directoryRoles: ['Global Administrator'] }],
    ['an eligible', { eligibleDirectoryRoles: ['Privileged Role Administrator'] }],
  ])('is blocked onto a user holding %s admin role (Existing Admin Role Conflict)', (_kind, roles) => {
    const state = lab({ users: [cloudJohn({ onPremisesImmutableId: JDOE_ANCHOR, ...roles })] });
    const before = structuredClone(state.tenant);
    sync(state);
    expect(outcomes(state)).toEqual(['ExistingAdminRoleConflict']);
    expect(state.syncLog[0]!.message).toContain('Hard match operation blocked due to security hardening.');
    expect(state.tenant).toEqual(before);
  });

  it('treats a user already synced with the same anchor as joined (no takeover check, no new line)', () => {
    const state = lab({
      users: [
        cloudJohn({
          onPremisesImmutableId: JDOE_ANCHOR,
          onPremisesSyncEnabled: true,
          mailNickname: 'jdoe',
          proxyAddresses: ['SMTP:john.doe@contoso.com', 'smtp:jdoe@contoso.com'],
        }),
      ],
      features: { blockCloudObjectTakeoverThroughHardMatchEnabled: true },
    });
    const before = structuredClone(state.tenant);
    sync(state);
    expect(outcomes(state)).toEqual(['Unchanged']);
    expect(state.tenant).toEqual(before);
  });

  it('never re-points a user synced to another anchor: soft match reports InvalidSoftMatch', () => {
    const other = guidToImmutableId(OTHER_GUID);
    const state = lab({ users: [cloudJohn({ onPremisesImmutableId: other, onPremisesSyncEnabled: true })] });
    sync(state);
    expect(outcomes(state)).toEqual(['InvalidSoftMatch']);
    expect(user(state, CLOUD_ID)!.onPremisesImmutableId).toBe(other);
    expect(state.tenant.users).toHaveLength(1);
  });
});

describe('restore from the recycle bin', () => {
  const deletedId = '11111111-2222-4333-8444-555555555555';
  const deleted = (over: Json = {}) => ({
    ...cloudJohn({ id: deletedId, onPremisesImmutableId: JDOE_ANCHOR, onPremisesSyncEnabled: true }),
    userPrincipalName: `${deletedId.replace(/-/g, '')}john.doe@contoso.com`,
    deletedDateTime: '2026-11-01T10:00:00Z',
    ...over,
  });

  it('restores a soft-deleted user holding the anchor with its original UPN instead of creating one', () => {
    const state = lab({ deletedUsers: [deleted()] });
    sync(state);
    expect(outcomes(state)).toEqual(['Restored']);
    expect(state.tenant.deletedUsers).toEqual([]);
    const u = user(state, deletedId)!;
    expect(u.userPrincipalName).toBe('john.doe@contoso.com');
    expect(u).not.toHaveProperty('deletedDateTime');
    expect(u.onPremisesSyncEnabled).toBe(true);
    expect(state.joins[JDOE_GUID]).toBe(deletedId);
  });

  it('gives the restored user a placeholder UPN when an active cloud user took the UPN meanwhile', () => {
    const state = lab({ users: [cloudJohn()], deletedUsers: [deleted()] });
    sync(state);
    expect(outcomes(state)).toEqual(['Restored', 'Quarantined', 'Quarantined']);
    const u = user(state, deletedId)!;
    expect(u.userPrincipalName).toMatch(/^john\.doe\d{4}@contoso\.onmicrosoft\.com$/);
    expect(u.onPremisesProvisioningErrors.map((e) => [e.propertyCausingError, e.value])).toEqual([
      ['UserPrincipalName', 'john.doe@contoso.com'],
      ['ProxyAddress', 'SMTP:john.doe@contoso.com'],
    ]);
    // The active cloud user is not touched: it was never matched.
    expect(user(state, CLOUD_ID)!.onPremisesImmutableId).toBeNull();
  });
});

describe('soft match', () => {
  it('matches a cloud-managed user on the UPN and stamps the anchor', () => {
    const state = lab({ users: [cloudJohn()] });
    sync(state);
    const u = user(state, CLOUD_ID)!;
    expect(outcomes(state)).toEqual(['SoftMatch']);
    expect(u.onPremisesImmutableId).toBe(JDOE_ANCHOR);
    expect(u.onPremisesSyncEnabled).toBe(true);
    expect(state.joins[JDOE_GUID]).toBe(CLOUD_ID);
  });

  it('matches on the primary SMTP address when UPN soft match is off', () => {
    const state = lab({
      features: { softMatchOnUpnEnabled: false },
      users: [
        cloudJohn({ userPrincipalName: 'jd@contoso.com', proxyAddresses: ['SMTP:john.doe@contoso.com'] }),
      ],
    });
    sync(state);
    expect(outcomes(state)).toEqual(['SoftMatch']);
    expect(state.syncLog[0]!.message).toContain('ProxyAddresses SMTP:john.doe@contoso.com');
    expect(user(state, CLOUD_ID)!.userPrincipalName).toBe('john.doe@contoso.com');
  });

  it('does not match on a secondary smtp: address of the AD object', () => {
    const state = lab({
      features: { softMatchOnUpnEnabled: false },
      users: [
        cloudJohn({
          userPrincipalName: 'jd@contoso.com',
          mail: null,
          proxyAddresses: ['SMTP:jdoe@contoso.com'],
        }),
      ],
    });
    sync(state);
    expect(outcomes(state)[0]).toBe('Created');
    expect(user(state, CLOUD_ID)!.onPremisesImmutableId).toBeNull();
  });

  it('is refused with InvalidSoftMatch when the tenant blocks soft match, and nothing is created', () => {
    const state = lab({ users: [cloudJohn()], features: { blockSoftMatchEnabled: true } });
    const before = structuredClone(state.tenant);
    sync(state);
    expect(outcomes(state)).toEqual(['InvalidSoftMatch']);
    expect(state.syncLog[0]!.message).toContain('blockSoftMatchEnabled');
    expect(state.tenant).toEqual(before);
  });

  it('is refused with the misleading duplicate-values text when the cloud user keeps an old immutableId', () => {
    const state = lab({ users: [cloudJohn({ onPremisesImmutableId: guidToImmutableId(OTHER_GUID) })] });
    const before = structuredClone(state.tenant);
    sync(state);
    expect(outcomes(state)).toEqual(['InvalidSoftMatch']);
    expect(state.syncLog[0]!.message).toBe(
      'Unable to update this object because the following attributes associated with this object have values that may already be associated with another object in your local directory services: [UserPrincipalName john.doe@contoso.com;ProxyAddresses SMTP:john.doe@contoso.com;]. Correct or remove the duplicate values in your local directory.',
    );
    expect(state.tenant).toEqual(before);
  });

  it('never lands on an admin: creates a separate, quarantined object (Existing Admin Role Conflict)', () => {
    const state = lab({ users: [cloudJohn({ directoryRoles: ['Global Administrator'] })] });
    sync(state);
    expect(outcomes(state)).toEqual(['ExistingAdminRoleConflict', 'Created', 'Quarantined', 'Quarantined']);
    const admin = user(state, CLOUD_ID)!;
    expect(admin.onPremisesImmutableId).toBeNull();
    const quarantined = state.tenant.users.find((u) => u.id !== CLOUD_ID)!;
    expect(quarantined.onPremisesImmutableId).toBe(JDOE_ANCHOR);
    expect(quarantined.userPrincipalName).toMatch(/^john\.doe\d{4}@contoso\.onmicrosoft\.com$/);
    expect(state.joins[JDOE_GUID]).toBe(quarantined.id);
  });
});

describe('creation with duplicate attribute resiliency', () => {
  it('creates a synced user when nothing matches', () => {
    const state = lab();
    sync(state);
    expect(outcomes(state)).toEqual(['Created']);
    const u = state.tenant.users[0]!;
    expect(u).toMatchObject({
      userPrincipalName: 'john.doe@contoso.com',
      onPremisesImmutableId: JDOE_ANCHOR,
      onPremisesSyncEnabled: true,
      onPremisesLastSyncDateTime: NOW,
      proxyAddresses: ['SMTP:john.doe@contoso.com', 'smtp:jdoe@contoso.com'],
    });
    expect(u.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives a colliding UPN a deterministic placeholder and records the conflict', () => {
    const build = () =>
      lab({
        features: { softMatchOnUpnEnabled: false },
        users: [cloudJohn({ mail: null, proxyAddresses: [] })],
      });
    const a = build();
    const b = build();
    sync(a);
    sync(b);
    const created = a.tenant.users.find((u) => u.id !== CLOUD_ID)!;
    expect(created.userPrincipalName).toMatch(/^john\.doe\d{4}@contoso\.onmicrosoft\.com$/);
    expect(created.onPremisesProvisioningErrors).toEqual([
      {
        category: 'PropertyConflict',
        occurredDateTime: NOW,
        propertyCausingError: 'UserPrincipalName',
        value: 'john.doe@contoso.com',
      },
      // The other user's UPN also blocks the same value as a proxy address (cross-attribute).
      {
        category: 'PropertyConflict',
        occurredDateTime: NOW,
        propertyCausingError: 'ProxyAddress',
        value: 'SMTP:john.doe@contoso.com',
      },
    ]);
    expect(created.proxyAddresses).toEqual(['smtp:jdoe@contoso.com']);
    // Same scenario, same run: same placeholder and same object id (tests and training replay).
    expect(b.tenant.users).toEqual(a.tenant.users);
  });

  it('drops a proxy address a contact holds and records it', () => {
    const state = lab({
      contacts: [{ id: 'c1', displayName: 'Partner', proxyAddresses: ['SMTP:jdoe@contoso.com'] }],
    });
    sync(state);
    const u = state.tenant.users[0]!;
    expect(u.proxyAddresses).toEqual(['SMTP:john.doe@contoso.com']);
    expect(u.onPremisesProvisioningErrors).toMatchObject([
      { propertyCausingError: 'ProxyAddress', value: 'smtp:jdoe@contoso.com' },
    ]);
  });

  it('fails the export instead when a group holds one of the proxy addresses (known issue)', () => {
    const state = lab({
      groups: [
        { id: 'g1', displayName: 'Helpdesk', proxyAddresses: ['SMTP:JDOE@contoso.com'], mailEnabled: true },
      ],
    });
    sync(state);
    expect(outcomes(state)).toEqual(['ExportError']);
    expect(state.syncLog[0]!.message).toContain('[ProxyAddresses smtp:jdoe@contoso.com;]');
    expect(state.syncLog[0]!.message).toContain('group Helpdesk');
    expect(state.tenant.users).toEqual([]);
    expect(state.joins).toEqual({});
    // Retried, and failing, on every cycle.
    sync(state);
    expect(outcomes(state, 2)).toEqual(['ExportError']);
  });

  it('exports a UPN on an unverified suffix as <alias>@<initial domain> (UserPrincipalName population)', () => {
    const state = lab({ objects: [jdoe({ userPrincipalName: 'john.doe@contoso.local' })] });
    sync(state);
    // The alias (mailNickname jdoe) comes first in Microsoft's order, not the UPN's prefix.
    expect(state.tenant.users[0]!.userPrincipalName).toBe('jdoe@contoso.onmicrosoft.com');
    expect(state.syncLog[0]!.message).toContain('contoso.local is not a verified domain');
  });

  it('takes the primary SMTP prefix, then mail, then the UPN prefix when there is no alias', () => {
    const base = { userPrincipalName: 'jd@contoso.local', mailNickname: undefined };
    const cases: [Json, string][] = [
      [{ ...base }, 'john.doe'],
      [{ ...base, proxyAddresses: undefined, mail: 'johnny@contoso.com' }, 'johnny'],
      [{ ...base, proxyAddresses: undefined, mail: undefined }, 'jd'],
    ];
    for (const [attributes, prefix] of cases) {
      const state = lab({ objects: [jdoe(attributes)] });
      sync(state);
      expect(state.tenant.users[0]!.userPrincipalName).toBe(`${prefix}@contoso.onmicrosoft.com`);
    }
  });

  it('releases a quarantined UPN once the conflicting value is gone from AD', () => {
    const contactGuid = 'a15df3dc-4416-414b-8b7d-5fbdcb5743c1';
    const state = lab({
      scope: [],
      objects: [
        jdoe(),
        {
          objectClass: 'contact',
          dn: 'CN=John Doe (Fabrikam),OU=Contacts,DC=contoso,DC=com',
          objectGUID: contactGuid,
          attributes: {
            displayName: 'John Doe (Fabrikam)',
            proxyAddresses: ['SMTP:john.doe@fabrikam.example', 'smtp:john.doe@contoso.com'],
          },
        },
      ],
      contacts: [
        {
          id: 'contact-1',
          displayName: 'John Doe (Fabrikam)',
          proxyAddresses: ['SMTP:john.doe@fabrikam.example', 'smtp:john.doe@contoso.com'],
          onPremisesSyncEnabled: true,
        },
      ],
    });
    sync(state);
    const u = state.tenant.users[0]!;
    expect(u.userPrincipalName).toMatch(/^john\.doe\d{4}@/);
    // Fix it in AD: the contact no longer forwards john.doe@contoso.com.
    state.ad.objects[1]!.attributes.proxyAddresses = ['SMTP:john.doe@fabrikam.example'];
    sync(state);
    expect(state.tenant.contacts[0]!.proxyAddresses).toEqual(['SMTP:john.doe@fabrikam.example']);
    expect(u.userPrincipalName).toBe('john.doe@contoso.com');
    expect(u.proxyAddresses).toEqual(['SMTP:john.doe@contoso.com', 'smtp:jdoe@contoso.com']);
    expect(u.onPremisesProvisioningErrors).toEqual([]);
  });
});

describe('updates of joined users', () => {
  it('flows changed AD attributes to the cloud user and reports Updated', () => {
    const state = lab({ users: [cloudJohn()] });
    sync(state);
    const obj = state.ad.objects[0]!;
    obj.attributes.displayName = 'John A. Doe';
    obj.attributes.proxyAddresses = [
      'SMTP:john.doe@contoso.com',
      'smtp:jdoe@contoso.com',
      'smtp:john@contoso.com',
    ];
    sync(state);
    expect(outcomes(state, 2)).toEqual(['Updated']);
    const u = user(state, CLOUD_ID)!;
    expect(u.displayName).toBe('John A. Doe');
    expect(u.proxyAddresses).toContain('smtp:john@contoso.com');
  });

  it('moves the UPN to the initial domain when AD moves to an unverified suffix, and back again', () => {
    const state = lab({ users: [cloudJohn()] });
    sync(state);
    const obj = state.ad.objects[0]!;
    obj.attributes.userPrincipalName = 'john.doe@contoso.local';
    sync(state);
    expect(user(state, CLOUD_ID)!.userPrincipalName).toBe('jdoe@contoso.onmicrosoft.com');
    obj.attributes.userPrincipalName = 'john.doe@contoso.com';
    sync(state);
    expect(user(state, CLOUD_ID)!.userPrincipalName).toBe('john.doe@contoso.com');
  });
});

describe('scope and deletion', () => {
  it('matches the scope as a DN suffix, case-insensitively, on whole components', () => {
    const state = lab({
      scope: ['ou=staff,dc=CONTOSO,dc=com'],
      objects: [
        jdoe(),
        jdoe(
          {
            sAMAccountName: 'old',
            userPrincipalName: 'old@contoso.com',
            mail: 'old@contoso.com',
            proxyAddresses: [],
          },
          { dn: 'CN=Old,OU=OldStaff,DC=contoso,DC=com', objectGUID: OTHER_GUID },
        ),
      ],
    });
    sync(state);
    expect(state.tenant.users.map((u) => u.userPrincipalName)).toEqual(['john.doe@contoso.com']);
  });

  it('soft-deletes the cloud user of an object that left the scope, and restores it when it returns', () => {
    const state = lab({ users: [cloudJohn()] });
    sync(state);
    const obj = state.ad.objects[0]!;
    obj.dn = 'CN=John Doe,OU=Leavers,DC=contoso,DC=com';
    sync(state);
    expect(outcomes(state, 2)).toEqual(['SoftDeleted']);
    expect(state.syncLog.find((e) => e.outcome === 'SoftDeleted')!.message).toContain(
      `${CLOUD_ID.replace(/-/g, '')}john.doe@contoso.com`,
    );
    expect(state.tenant.users).toEqual([]);
    expect(state.tenant.deletedUsers[0]).toMatchObject({
      id: CLOUD_ID,
      userPrincipalName: 'john.doe@contoso.com',
      deletedDateTime: NOW,
      onPremisesImmutableId: JDOE_ANCHOR,
    });
    expect(state.joins).toEqual({});
    obj.dn = JDOE_DN;
    sync(state);
    expect(outcomes(state, 3)).toEqual(['Restored']);
    expect(user(state, CLOUD_ID)!.userPrincipalName).toBe('john.doe@contoso.com');
  });

  it('remembers the joins a scenario implies: a synced user whose object is out of scope is soft-deleted', () => {
    const synced = cloudJohn({ onPremisesImmutableId: JDOE_ANCHOR, onPremisesSyncEnabled: true });
    const state = lab({
      objects: [jdoe({}, { dn: 'CN=John Doe,OU=Parked,DC=contoso,DC=com' })],
      users: [synced],
    });
    sync(state);
    expect(outcomes(state)).toEqual(['SoftDeleted']);
    expect(state.tenant.deletedUsers.map((u) => u.id)).toEqual([CLOUD_ID]);
    // Reading the anchor of an out-of-scope object does not write it back.
    expect(state.ad.objects[0]!.attributes['mS-DS-ConsistencyGuid']).toBeUndefined();
  });

  it('leaves alone a synced cloud user that no AD object anchors (another forest or an old sync)', () => {
    const state = lab({
      objects: [],
      users: [cloudJohn({ onPremisesImmutableId: JDOE_ANCHOR, onPremisesSyncEnabled: true })],
    });
    const before = structuredClone(state.tenant);
    sync(state);
    expect(state.tenant).toEqual(before);
  });

  it('soft-deletes the cloud user of an object deleted from AD', () => {
    const state = lab({ users: [cloudJohn()] });
    sync(state);
    state.ad.objects = [];
    sync(state);
    expect(outcomes(state, 2)).toEqual(['SoftDeleted']);
    expect(state.tenant.deletedUsers.map((u) => u.id)).toEqual([CLOUD_ID]);
  });
});

describe('runs', () => {
  it('is idempotent: a second run changes nothing in AD or the tenant', () => {
    const state = lab({
      objects: [
        jdoe(),
        {
          objectClass: 'user',
          dn: `CN=Adele Vance,${STAFF}`,
          objectGUID: OTHER_GUID,
          attributes: { sAMAccountName: 'avance', userPrincipalName: 'adele.vance@contoso.local' },
        },
      ],
      users: [cloudJohn({ directoryRoles: ['Global Administrator'] })],
      contacts: [{ id: 'c1', displayName: 'Partner', proxyAddresses: ['smtp:jdoe@contoso.com'] }],
    });
    sync(state);
    const afterFirst = tenantAndAd(state);
    const report = sync(state);
    expect(tenantAndAd(state)).toEqual(afterFirst);
    expect(report).toMatchObject({ run: 2, adds: 0, updates: 0, deletes: 0 });
  });

  it('ends every run with a summary line', () => {
    const state = lab({ users: [cloudJohn()] });
    const report = sync(state);
    const last = state.syncLog.at(-1)!;
    expect(last).toMatchObject({ run: 1, dn: '', outcome: 'Completed', at: NOW });
    expect(last.message).toBe(
      'Delta synchronization run 1 completed: 0 added, 1 updated, 0 deleted, 0 export error(s).',
    );
    expect(report.entries.at(-1)).toEqual(last);
  });

  it('applies the default switches when the scenario hides them ("forbidden")', () => {
    const state = lab({ users: [cloudJohn()], features: 'forbidden' });
    sync(state);
    expect(outcomes(state)).toEqual(['SoftMatch']);
  });
});

describe('startSyncCycle', () => {
  it('answers like Start-ADSyncSyncCycle and runs a delta sync', () => {
    const state = lab({ users: [cloudJohn()] });
    expect(startSyncCycle(state, clock)).toEqual({
      result: 'Success',
      output: '\r\nResult\r\n------\r\nSuccess\r\n',
    });
    expect(state.syncRuns).toBe(1);
    expect(state.joins[JDOE_GUID]).toBe(CLOUD_ID);
  });

  it('answers "AAD is busy" while made busy, counting the busy calls down', () => {
    const state = lab({ users: [cloudJohn()] });
    state.busyCalls = 2;
    const busy = {
      result: 'Busy',
      output: 'System.InvalidOperationException: Connector: contoso.onmicrosoft.com - AAD is busy.',
    };
    expect(startSyncCycle(state, clock)).toEqual(busy);
    expect(startSyncCycle(state, clock)).toEqual(busy);
    expect(state.syncRuns).toBe(0);
    expect(user(state, CLOUD_ID)!.onPremisesImmutableId).toBeNull();
    expect(startSyncCycle(state, clock).result).toBe('Success');
    expect(state.busyCalls).toBe(0);
    expect(state.syncRuns).toBe(1);
  });
});
