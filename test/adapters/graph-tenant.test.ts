// The Graph adapter (GraphTenant) against the HTTPS simulator, through the real Graph client:
// what readFor returns for small tenants, how many sequential round trips it takes, throttling
// inside $batch, and how Graph's refusals reach the technician.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphTenant } from '../../src/adapters/graph/graph-tenant.js';
import { UserFacingError } from '../../src/core/errors.js';
import { guidToImmutableId } from '../../src/core/identifiers.js';
import type { OnPremObject } from '../../src/core/snapshot.js';
import { createLabState } from '../../src/lab/lab-state.js';
import type { Scenario } from '../../src/lab/scenario-schema.js';
import {
  DELETED,
  FED,
  JOHN,
  labScenario,
  startLab,
  SYNCED,
  type Lab,
} from '../lab/graph-simulator-fixture.js';

const GUID = '8ec297b6-39dc-4da1-aa92-94686f191d0b';
const ANCHOR = guidToImmutableId(GUID);

function adUser(overrides: Partial<OnPremObject> = {}): OnPremObject {
  return {
    objectClass: 'user',
    dn: 'CN=John Doe,OU=Staff,DC=contoso,DC=com',
    objectGuid: GUID,
    sAMAccountName: 'jdoe',
    userPrincipalName: 'john.doe@contoso.com',
    mail: 'john.doe@contoso.com',
    mailNickname: 'jdoe',
    displayName: 'John Doe',
    proxyAddresses: ['SMTP:john.doe@contoso.com', 'smtp:jdoe@contoso.com'],
    consistencyGuid: GUID,
    ...overrides,
  };
}

const SALES = {
  id: '77777777-8888-4999-8aaa-bbbbbbbbbbbb',
  displayName: 'Sales',
  mail: 'sales@contoso.com',
  mailNickname: 'sales',
  proxyAddresses: ['SMTP:sales@contoso.com', 'smtp:JDOE@contoso.com'],
  mailEnabled: true,
};
const PARTNER = {
  id: '88888888-9999-4aaa-8bbb-cccccccccccc',
  displayName: 'Partner',
  mail: 'jdoe@partner.example',
  mailNickname: 'jdoe',
  proxyAddresses: ['SMTP:jdoe@partner.example'],
};
const HOLDER = {
  id: '99999999-aaaa-4bbb-8ccc-dddddddddddd',
  userPrincipalName: 'john.doe4821@contoso.onmicrosoft.com',
  displayName: 'John Doe',
  onPremisesImmutableId: ANCHOR,
  onPremisesSyncEnabled: true,
  directoryRoles: ['Global Administrator'],
  eligibleDirectoryRoles: ['Exchange Administrator'],
  onPremisesProvisioningErrors: [
    {
      category: 'PropertyConflict',
      propertyCausingError: 'UserPrincipalName',
      value: 'john.doe@contoso.com',
    },
  ],
};
const DELETED_HOLDER = {
  ...DELETED,
  id: 'abababab-1111-4222-8333-444444444444',
  userPrincipalName: 'john.doe@contoso.com',
  mail: null,
  proxyAddresses: [],
  onPremisesImmutableId: 'BpazOkLGm0iEtljAONPvOQ==',
};
const LOOKALIKE = {
  ...DELETED,
  id: 'cdcdcdcd-1111-4222-8333-444444444444',
  userPrincipalName: 'xjohn.doe@contoso.com',
  mail: null,
  proxyAddresses: [],
  onPremisesImmutableId: null,
};

describe('GraphTenant.readFor', () => {
  let lab: Lab;
  let tenant: GraphTenant;
  const waits: number[] = [];
  const busy: Scenario = labScenario({
    users: [JOHN, SYNCED, HOLDER, FED],
    groups: [SALES],
    contacts: [PARTNER],
    deletedUsers: [DELETED_HOLDER, LOOKALIKE, DELETED],
  });
  beforeAll(async () => {
    lab = await startLab(busy);
    tenant = new GraphTenant({
      client: lab.client,
      tenantLabel: 'contoso.onmicrosoft.com',
      batch: { sleep: async (ms) => void waits.push(ms) },
    });
  });
  afterAll(() => lab.close());
  beforeEach(() => {
    Object.assign(lab.state, createLabState(busy));
    lab.sim.faults.clear();
    lab.sim.log.clear();
    lab.sim.setLatency(0);
    waits.length = 0;
  });

  it('returns every object holding one of the values, with roles for the users that matter', async () => {
    const view = await tenant.readFor(adUser(), ANCHOR);
    expect(view.users.map((u) => u.id).sort()).toEqual([JOHN.id, HOLDER.id].sort());
    const john = view.users.find((u) => u.id === JOHN.id)!;
    expect(john).toMatchObject({
      onPremisesImmutableId: JOHN.onPremisesImmutableId,
      onPremisesSyncEnabled: null,
      proxyAddresses: JOHN.proxyAddresses,
      mailNickname: 'jdoe',
    });
    expect(view.users.find((u) => u.id === HOLDER.id)!.onPremisesProvisioningErrors).toEqual([
      {
        category: 'PropertyConflict',
        occurredDateTime: null,
        propertyCausingError: 'UserPrincipalName',
        value: 'john.doe@contoso.com',
      },
    ]);
    expect(view.groups).toEqual([expect.objectContaining({ kind: 'group', id: SALES.id })]);
    expect(view.contacts).toEqual([expect.objectContaining({ kind: 'contact', id: PARTNER.id })]);
    // By UPN (endsWith on the rewritten UPN), not the look-alike; UPN given back in its original form.
    expect(view.deletedUsers).toEqual([
      expect.objectContaining({
        id: DELETED_HOLDER.id,
        userPrincipalName: 'john.doe@contoso.com',
        deletedDateTime: DELETED.deletedDateTime,
      }),
    ]);
    expect(view.domains).toEqual(
      expect.arrayContaining([
        {
          id: 'contoso.onmicrosoft.com',
          isVerified: true,
          isInitial: true,
          isDefault: false,
          authenticationType: 'Managed',
        },
        expect.objectContaining({ id: 'fabrikam.com', authenticationType: 'Federated' }),
      ]),
    );
    expect(view.features).toEqual({
      blockSoftMatchEnabled: false,
      blockCloudObjectTakeoverThroughHardMatchEnabled: false,
      softMatchOnUpnEnabled: true,
      quarantineUponUpnConflictEnabled: true,
      quarantineUponProxyAddressesConflictEnabled: true,
    });
    expect(view.roles).toEqual({
      [JOHN.id]: [],
      [HOLDER.id]: ['Global Administrator', 'Exchange Administrator'],
    });
  });

  it('finds a deleted user holding the expected anchor', async () => {
    const view = await tenant.readFor(
      adUser({ userPrincipalName: 'someone.else@contoso.com' }),
      DELETED.onPremisesImmutableId,
    );
    expect(view.deletedUsers.map((u) => u.id)).toEqual([DELETED.id]);
    expect(view.deletedUsers[0]!.userPrincipalName).toBe(DELETED.userPrincipalName);
  });

  it('always $selects, and uses at most two sequential rounds of parallel batches', async () => {
    lab.sim.setLatency(150);
    // Three addresses: more lookups than one batch of 20 holds.
    await tenant.readFor(
      adUser({ proxyAddresses: [...adUser().proxyAddresses, 'smtp:john@contoso.com'] }),
      ANCHOR,
    );
    const outer = lab.sim.log.outer();
    expect(outer.every((e) => e.url.startsWith('/$batch'))).toBe(true);
    expect(lab.sim.log.sequentialRounds()).toBe(2);
    // Round one is two batches sent together, round two one batch of role lookups.
    expect(lab.sim.log.inner().length).toBeGreaterThan(24);
    expect(outer).toHaveLength(3);
    const reads = lab.sim.log
      .inner()
      .filter((e) => !e.url.startsWith('/directory/onPremisesSynchronization'));
    expect(reads.every((e) => e.url.includes('$select=') || e.url.includes('$expand=roleDefinition'))).toBe(
      true,
    );
  });

  it('needs one round when no user matters', async () => {
    lab.sim.setLatency(100);
    const view = await tenant.readFor(
      adUser({
        userPrincipalName: 'new.hire@contoso.com',
        mail: null,
        mailNickname: null,
        proxyAddresses: [],
      }),
      'AAAAAAAAAAAAAAAAAAAAAA==',
    );
    expect(view.users).toEqual([]);
    expect(view.roles).toEqual({});
    expect(lab.sim.log.sequentialRounds()).toBe(1);
  });

  it('retries a request throttled inside a batch after its Retry-After', async () => {
    lab.sim.faults.throttle({ inBatch: true, path: '/groups', retryAfterSeconds: 0.25, times: 2 });
    const view = await tenant.readFor(adUser(), ANCHOR);
    expect(view.groups.map((g) => g.id)).toEqual([SALES.id]);
    expect(waits).toEqual([250]);
    const throttled = lab.sim.log.inner().filter((e) => e.status === 429);
    expect(throttled).toHaveLength(2);
  });

  it('gives up on a request that stays throttled, with a clear message', async () => {
    lab.sim.faults.throttle({ inBatch: true, path: '/contacts', retryAfterSeconds: 0, times: 100 });
    const err = await tenant.readFor(adUser(), ANCHOR).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).code).toBe('GRAPH_THROTTLED');
  });

  it('reports features as null when the sign-in may not read them', async () => {
    lab.state.tenant.features = 'forbidden';
    const view = await tenant.readFor(adUser(), ANCHOR);
    expect(view.features).toBeNull();
    expect(view.users.length).toBeGreaterThan(0);
  });

  // Issue 19: a missing permission costs exactly the checks that need it; the read goes on.
  it.each([
    ['/groups', 'Group.Read.All', ['groups']],
    ['/contacts', 'OrgContact.Read.All', ['contacts']],
    ['/domains', 'Domain.Read.All', ['domains']],
    ['/users', 'User.Read.All', ['users']],
    ['/directory/deletedItems', 'User.Read.All', ['deletedUsers']],
    ['/roleManagement', 'RoleManagement.Read.Directory', ['activeRoles', 'eligibleRoles']],
  ])('reads on when %s is forbidden, and names %s for what was skipped', async (path, permission, checks) => {
    const full = await tenant.readFor(adUser(), ANCHOR);
    lab.sim.faults.forbid(path);
    const view = await tenant.readFor(adUser(), ANCHOR);
    expect(view.skipped!.map((s) => s.check)).toEqual(checks);
    for (const s of view.skipped!) {
      expect(s).toMatchObject({
        reason: 'permission',
        permission,
        status: 403,
        graphCode: 'Authorization_RequestDenied',
      });
    }
    // Everything else was read as without the fault.
    const kept = (['groups', 'contacts', 'domains', 'deletedUsers'] as const).filter(
      (k) => !checks.includes(k),
    );
    for (const k of kept) expect(view[k], k).toEqual(full[k]);
    if (!checks.includes('users')) expect(view.users).toEqual(full.users);
    if (!checks.includes('activeRoles') && !checks.includes('users')) expect(view.roles).toEqual(full.roles);
  });

  it('follows @odata.nextLink when a lookup has more than one page', async () => {
    const base = lab.state.tenant.users[0]!;
    for (let i = 0; i < 105; i++) {
      const n = String(i).padStart(3, '0');
      lab.state.tenant.users.push({
        ...base,
        id: `f0f0f0f0-0000-4000-8000-000000000${n}`,
        userPrincipalName: `alias${n}@contoso.com`,
        mail: null,
        onPremisesImmutableId: null,
        proxyAddresses: [],
      });
    }
    const view = await tenant.readFor(adUser(), ANCHOR);
    // Graph's page size for users is 100: the 105 alias holders plus John need a second page.
    expect(view.users.filter((u) => u.mailNickname === 'jdoe')).toHaveLength(106);
    expect(lab.sim.log.outer().some((e) => e.url.includes('$skiptoken='))).toBe(true);
  });

  it("escapes quotes and URL characters in values (o'brien&co+x@…)", async () => {
    const odd = "o'brien&co+x@contoso.com";
    lab.state.tenant.users.push({
      ...lab.state.tenant.users[0]!,
      id: 'efefefef-1111-4222-8333-444444444444',
      userPrincipalName: 'pat@contoso.com',
      mail: null,
      mailNickname: null,
      onPremisesImmutableId: null,
      proxyAddresses: ["smtp:O'Brien&Co+X@contoso.com"],
    });
    const view = await tenant.readFor(
      adUser({ userPrincipalName: odd, mail: null, mailNickname: null, proxyAddresses: [`SMTP:${odd}`] }),
      null,
    );
    expect(view.users.map((u) => u.id)).toEqual(['efefefef-1111-4222-8333-444444444444']);
  });
});

describe('GraphTenant reads by id and writes', () => {
  let lab: Lab;
  let tenant: GraphTenant;
  const scenario = labScenario({ users: [JOHN, SYNCED, FED], deletedUsers: [DELETED] });
  beforeAll(async () => {
    lab = await startLab(scenario);
    tenant = new GraphTenant({ client: lab.client, tenantLabel: 'contoso.onmicrosoft.com' });
  });
  afterAll(() => lab.close());
  beforeEach(() => {
    Object.assign(lab.state, createLabState(scenario));
    lab.sim.faults.clear();
  });

  const user = (id: string) => lab.state.tenant.users.find((u) => u.id === id);
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => expect.fail('expected a failure'),
      (e: unknown) => e as UserFacingError,
    );

  it('reads a user and a deleted user by id, or null', async () => {
    expect(await tenant.getUser(JOHN.id)).toMatchObject({
      userPrincipalName: JOHN.userPrincipalName,
      onPremisesImmutableId: JOHN.onPremisesImmutableId,
    });
    expect(await tenant.getUser('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await tenant.getDeletedUser(DELETED.id)).toMatchObject({
      userPrincipalName: DELETED.userPrincipalName,
      deletedDateTime: DELETED.deletedDateTime,
    });
    expect(await tenant.getDeletedUser(JOHN.id)).toBeNull();
  });

  it('sets, then clears the immutableId with null (an empty string also clears)', async () => {
    await tenant.setImmutableId(JOHN.id, ANCHOR);
    expect(user(JOHN.id)!.onPremisesImmutableId).toBe(ANCHOR);
    await tenant.setImmutableId(JOHN.id, '');
    expect(user(JOHN.id)!.onPremisesImmutableId).toBeNull();
  });

  it('explains the synced-object refusal', async () => {
    const err = await failure(tenant.setImmutableId(SYNCED.id, ANCHOR));
    expect(err.code).toBe('GRAPH_SYNCED_OBJECT');
    expect(err.message).toContain('synchronized from on-premises AD');
    expect(err.hint).toMatch(/sync scope/);
  });

  it('names the object that already holds the immutableId', async () => {
    const err = await failure(tenant.setImmutableId(JOHN.id, DELETED.onPremisesImmutableId));
    expect(err.code).toBe('GRAPH_DUPLICATE_VALUE');
    expect(err.message).toContain(`user ${DELETED.id}`);
    expect(err.message).toContain(DELETED.onPremisesImmutableId);
  });

  it('explains a duplicate UPN and an unverified domain', async () => {
    const dup = await failure(tenant.setUserPrincipalName(JOHN.id, SYNCED.userPrincipalName));
    expect(dup.code).toBe('GRAPH_DUPLICATE_VALUE');
    expect(dup.message).toContain('userPrincipalName');
    const unverified = await failure(tenant.setUserPrincipalName(JOHN.id, 'john@contoso.local'));
    expect(unverified.code).toBe('GRAPH_UNVERIFIED_DOMAIN');
    expect(unverified.hint).toMatch(/onmicrosoft\.com/);
  });

  it('explains the federated refusal, and the UPN move that lifts it', async () => {
    const err = await failure(tenant.setImmutableId(FED.id, null));
    expect(err.code).toBe('GRAPH_FEDERATED_DOMAIN');
    expect(err.hint).toMatch(/initial/);
    await tenant.setUserPrincipalName(FED.id, 'fed.user@contoso.onmicrosoft.com');
    await tenant.setImmutableId(FED.id, null);
    expect(user(FED.id)!.onPremisesImmutableId).toBeNull();
  });

  it('purges and restores recycle-bin users; a second purge is "not found"', async () => {
    await tenant.restoreDeletedUser(DELETED.id);
    expect(user(DELETED.id)).toBeDefined();
    Object.assign(lab.state, createLabState(scenario));
    await tenant.purgeDeletedUser(DELETED.id);
    expect(lab.state.tenant.deletedUsers).toEqual([]);
    const err = await failure(tenant.purgeDeletedUser(DELETED.id));
    expect(err.code).toBe('GRAPH_NOT_FOUND');
  });

  it('names the write permissions on 403', async () => {
    lab.sim.faults.forbid(/^\/users\//);
    expect((await failure(tenant.setImmutableId(JOHN.id, null))).hint).toContain('User.ReadWrite.All');
    lab.sim.faults.forbid('/directory/deletedItems');
    expect((await failure(tenant.purgeDeletedUser(DELETED.id))).hint).toContain('User.DeleteRestore.All');
  });

  it('reports an injected server failure on a write without a stack trace', async () => {
    lab.sim.faults.failNextWrite();
    const err = await failure(tenant.setImmutableId(JOHN.id, ANCHOR));
    expect(err).toBeInstanceOf(UserFacingError);
    expect(err.code).toBe('GRAPH_UNAVAILABLE');
    expect(user(JOHN.id)!.onPremisesImmutableId).toBe(JOHN.onPremisesImmutableId);
  });
});
