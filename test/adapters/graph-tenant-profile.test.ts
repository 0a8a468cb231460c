// Issue 19 through the real Graph adapter and the HTTPS simulator: a tenant's licence tier, a
// partial consent and roles held through role-assignable groups cost exactly their checks; writes
// refused with 403 say which permission; $batch bodies carry their Content-Type.
import { afterEach, describe, expect, it } from 'vitest';
import { sendBatched } from '../../src/adapters/graph/batch.js';
import { GraphBulkReader } from '../../src/adapters/graph/bulk-reader.js';
import { GraphTenant } from '../../src/adapters/graph/graph-tenant.js';
import { UserFacingError } from '../../src/core/errors.js';
import { guidToImmutableId } from '../../src/core/identifiers.js';
import type { OnPremObject } from '../../src/core/snapshot.js';
import { TOOL_PERMISSIONS } from '../../src/lab/graph-simulator/tenant-profile.js';
import { DELETED, JOHN, labScenario, startLab, type Lab } from '../lab/graph-simulator-fixture.js';

const GUID = '8ec297b6-39dc-4da1-aa92-94686f191d0b';
const ANCHOR = guidToImmutableId(GUID);
const AD_JOHN: OnPremObject = {
  objectClass: 'user',
  dn: 'CN=John Doe,OU=Staff,DC=contoso,DC=com',
  objectGuid: GUID,
  sAMAccountName: 'jdoe',
  userPrincipalName: 'john.doe@contoso.com',
  mail: 'john.doe@contoso.com',
  mailNickname: 'jdoe',
  displayName: 'John Doe',
  proxyAddresses: ['SMTP:john.doe@contoso.com'],
  consistencyGuid: GUID,
};
const TARGET = { ...JOHN, onPremisesImmutableId: null, eligibleDirectoryRoles: [] as string[] };
const IT_ADMINS = {
  id: 'a1a1a1a1-b2b2-4c3c-8d4d-e5e5e5e5e5e5',
  displayName: 'IT Admins',
  mailEnabled: false,
  isAssignableToRole: true,
  members: [JOHN.id],
  directoryRoles: ['Global Administrator'],
};
const PLAIN = {
  id: 'c1c1c1c1-d2d2-4e3e-8f4f-a5a5a5a5a5a5',
  displayName: 'Everyone in Sales',
  mailEnabled: false,
  members: [JOHN.id],
};
const without = (...names: string[]) => TOOL_PERMISSIONS.filter((p) => !names.includes(p));

let lab: Lab | null = null;
afterEach(async () => {
  await lab?.close();
  lab = null;
});

async function tenantFor(tenant: Parameters<typeof labScenario>[0]) {
  lab = await startLab(labScenario(tenant));
  return { lab, tenant: new GraphTenant({ client: lab.client, tenantLabel: 'test' }) };
}

describe('GraphTenant on real tenants', () => {
  it('on P1, reads active roles and records eligibility as a licence the tenant lacks', async () => {
    const { tenant } = await tenantFor({
      users: [{ ...TARGET, directoryRoles: ['Helpdesk Administrator'] }],
      license: 'p1',
    });
    const view = await tenant.readFor(AD_JOHN, ANCHOR);
    expect(view.roles[JOHN.id]).toEqual(['Helpdesk Administrator']);
    expect(view.skipped).toEqual([
      {
        check: 'eligibleRoles',
        reason: 'licence',
        licence: 'Microsoft Entra ID P2 or Microsoft Entra ID Governance',
        status: 400,
        graphCode: 'AadPremiumLicenseRequired',
      },
    ]);
  });

  it('finds a role held through a role-assignable group, names the group, and ignores ordinary groups', async () => {
    const { tenant, lab: l } = await tenantFor({ users: [TARGET], groups: [IT_ADMINS, PLAIN] });
    const view = await tenant.readFor(AD_JOHN, ANCHOR);
    expect(view.roles[JOHN.id]).toEqual(['Global Administrator']);
    expect(view.roleGrants![JOHN.id]).toEqual([
      {
        role: 'Global Administrator',
        kind: 'active',
        viaGroup: { id: IT_ADMINS.id, displayName: 'IT Admins' },
      },
    ]);
    expect(view.skipped).toEqual([]);
    // The group's assignments were asked for by the group's id, not the user's.
    const asked = l.sim.log.inner().map((e) => e.url);
    expect(asked.some((u) => u.includes(`principalId eq '${IT_ADMINS.id}'`))).toBe(true);
    // The cast on transitiveMemberOf went with the advanced-query header and $count=true.
    const member = l.sim.log.inner().find((e) => e.url.includes('/transitiveMemberOf/'))!;
    expect(member.headers).toMatchObject({ consistencylevel: 'eventual' });
    expect(member.url).toContain('$count=true');
  });

  it('finds it through a nested group too', async () => {
    const nested = { ...IT_ADMINS, members: [PLAIN.id] };
    const { tenant } = await tenantFor({ users: [TARGET], groups: [nested, PLAIN] });
    const view = await tenant.readFor(AD_JOHN, ANCHOR);
    expect(view.roleGrants![JOHN.id]![0]!.viaGroup!.displayName).toBe('IT Admins');
  });

  it('says group roles were not checked when groups come back with their ids only (no Group.Read.All)', async () => {
    const { tenant } = await tenantFor({
      users: [TARGET],
      groups: [IT_ADMINS],
      grantedPermissions: without('Group.Read.All'),
    });
    const view = await tenant.readFor(AD_JOHN, ANCHOR);
    expect(view.roles[JOHN.id]).toEqual([]);
    expect(view.skipped!.map((s) => [s.check, s.permission])).toEqual([
      ['groups', 'Group.Read.All'],
      ['groupRoles', 'Group.Read.All'],
    ]);
  });

  it('without RoleManagement.Read.Directory skips every role check, group roles included, and reads the rest', async () => {
    const { tenant } = await tenantFor({
      users: [TARGET],
      groups: [IT_ADMINS],
      grantedPermissions: without('RoleManagement.Read.Directory'),
    });
    const view = await tenant.readFor(AD_JOHN, ANCHOR);
    expect(view.users.map((u) => u.id)).toEqual([JOHN.id]);
    expect(view.skipped!.map((s) => s.check)).toEqual(['activeRoles', 'eligibleRoles', 'groupRoles']);
    expect(new Set(view.skipped!.map((s) => s.permission))).toEqual(
      new Set(['RoleManagement.Read.Directory']),
    );
  });

  it('treats a tenant that never ran directory sync as default switches, not an error', async () => {
    const { tenant } = await tenantFor({ users: [TARGET], directorySyncConfigured: false });
    const view = await tenant.readFor(AD_JOHN, ANCHOR);
    expect(view.syncConfigured).toBe(false);
    expect(view.features).toMatchObject({ blockSoftMatchEnabled: false, softMatchOnUpnEnabled: true });
    expect(view.skipped).toEqual([]);
  });

  it('also takes a 404 from the sync settings for "never configured" (what Graph answers is UNVERIFIED)', async () => {
    const { tenant, lab: l } = await tenantFor({ users: [TARGET] });
    l.sim.faults.answer(404, 'Request_ResourceNotFound', 'Resource not found.', {
      inBatch: true,
      path: '/directory/onPremisesSynchronization',
    });
    const view = await tenant.readFor(AD_JOHN, ANCHOR);
    expect(view.syncConfigured).toBe(false);
    expect(view.features).toMatchObject({ blockCloudObjectTakeoverThroughHardMatchEnabled: false });
    l.sim.faults.answer(404, 'Request_ResourceNotFound', 'Resource not found.', {
      path: '/directory/onPremisesSynchronization',
    });
    const bulk = await new GraphBulkReader(l.client).readAll();
    expect(bulk.syncConfigured).toBe(false);
    expect(bulk.features).not.toBeNull();
  });

  it('names the missing write permission when Graph refuses a write with 403', async () => {
    const { tenant } = await tenantFor({
      users: [TARGET],
      grantedPermissions: without('User.ReadWrite.All'),
    });
    const err = (await tenant.setImmutableId(JOHN.id, ANCHOR).catch((e: unknown) => e)) as UserFacingError;
    expect(err).toBeInstanceOf(UserFacingError);
    expect(err.code).toBe('GRAPH_FORBIDDEN');
    expect(err.hint).toContain('User.ReadWrite.All');
  });

  it('explains Directory.AccessAsUser.All when purging or restoring a privileged user is refused', async () => {
    const { tenant, lab: l } = await tenantFor({
      users: [],
      deletedUsers: [{ ...DELETED, directoryRoles: ['Global Administrator'] }],
    });
    for (const write of [
      () => tenant.purgeDeletedUser(DELETED.id),
      () => tenant.restoreDeletedUser(DELETED.id),
    ]) {
      const err = (await write().catch((e: unknown) => e)) as UserFacingError;
      expect(err.code).toBe('GRAPH_FORBIDDEN');
      expect(err.hint).toContain('User.DeleteRestore.All');
      expect(err.hint).toContain('Directory.AccessAsUser.All');
    }
    expect(l.state.tenant.deletedUsers).toHaveLength(1);
  });

  it('gives a $batch request with a body its Content-Type, so Graph runs it', async () => {
    const { lab: l } = await tenantFor({ users: [TARGET] });
    const answers = await sendBatched(l.client, [
      { id: '1', method: 'PATCH', url: `/users/${JOHN.id}`, body: { displayName: 'Johnny' } },
      { id: '2', method: 'GET', url: `/users/${JOHN.id}` },
    ]);
    expect(answers.get('1')!.status).toBe(204);
    expect(l.state.tenant.users[0]!.displayName).toBe('Johnny');
    const inner = l.sim.log.inner();
    expect(inner.find((e) => e.method === 'PATCH')!.headers).toMatchObject({
      'content-type': 'application/json',
    });
    expect(inner.find((e) => e.method === 'GET')!.headers).toEqual({});
  });
});

describe('GraphBulkReader on real tenants', () => {
  it('reads group-held roles for every member, and records a P1 tenant and a missing permission', async () => {
    lab = await startLab(
      labScenario({
        users: [TARGET],
        groups: [IT_ADMINS],
        license: 'p1',
        grantedPermissions: without('OrgContact.Read.All'),
      }),
    );
    const view = await new GraphBulkReader(lab.client).readAll();
    expect(view.roles[JOHN.id]).toEqual(['Global Administrator']);
    expect(view.roleGrants![JOHN.id]![0]!.viaGroup).toEqual({ id: IT_ADMINS.id, displayName: 'IT Admins' });
    expect(view.skipped!.map((s) => [s.check, s.reason, s.permission ?? s.graphCode])).toEqual([
      ['contacts', 'permission', 'OrgContact.Read.All'],
      ['eligibleRoles', 'licence', 'AadPremiumLicenseRequired'],
    ]);
    expect(view.contacts).toEqual([]);
  });
});
