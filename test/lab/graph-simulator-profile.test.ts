// The tenant's profile in the simulator (issue 19), through the real Graph client: the licence
// tier, the granted permissions, role-assignable groups and their members, a tenant that never ran
// directory sync, and $batch bodies without a Content-Type.
import { afterEach, describe, expect, it } from 'vitest';
import { GRAPH_PERMISSIONS } from '../../src/adapters/auth/permissions.js';
import { TOOL_PERMISSIONS } from '../../src/lab/graph-simulator/tenant-profile.js';
import { describeScenarioIssues, scenarioSchema } from '../../src/lab/scenario-schema.js';
import {
  DELETED,
  graphErrorOf,
  JOHN,
  labScenario,
  startLab,
  SYNCED,
  type Lab,
} from './graph-simulator-fixture.js';

const IT_ADMINS = {
  id: 'a1a1a1a1-b2b2-4c3c-8d4d-e5e5e5e5e5e5',
  displayName: 'IT Admins',
  mailEnabled: false,
  isAssignableToRole: true,
  members: [JOHN.id],
  directoryRoles: ['Global Administrator'],
};
const ALL_STAFF = {
  id: 'b1b1b1b1-c2c2-4d3d-8e4e-f5f5f5f5f5f5',
  displayName: 'All Staff',
  mailEnabled: false,
  members: [SYNCED.id],
};

let lab: Lab | null = null;
afterEach(async () => {
  await lab?.close();
  lab = null;
});

async function open(tenant: Parameters<typeof labScenario>[0]): Promise<Lab> {
  lab = await startLab(labScenario(tenant));
  return lab;
}

const ELIGIBILITY = `/roleManagement/directory/roleEligibilitySchedules?$filter=${encodeURIComponent(`principalId eq '${JOHN.id}'`)}`;

describe('the tenant profile', () => {
  it('refuses a scenario whose licence tier cannot hold what it lists', () => {
    const issues = (tenant: Record<string, unknown>) => {
      const r = scenarioSchema.safeParse({
        ...labScenario({}),
        tenant: { ...labScenario({}).tenant, ...tenant },
      });
      return r.success ? [] : describeScenarioIssues(r.error);
    };
    expect(issues({ license: 'free', groups: [IT_ADMINS] })).toEqual([
      '$.tenant.groups[0].isAssignableToRole: role-assignable groups need tenant.license "p1" or "p2"',
    ]);
    expect(
      issues({ license: 'p1', users: [{ ...JOHN, eligibleDirectoryRoles: ['User Administrator'] }] }),
    ).toEqual([
      '$.tenant.users[0].eligibleDirectoryRoles: eligible (PIM) roles need tenant.license "p2" (this tenant is "p1")',
    ]);
    expect(issues({ license: 'p1', groups: [IT_ADMINS] })).toEqual([]);
  });

  it('grants by default exactly what the tool asks for', () => {
    expect([...TOOL_PERMISSIONS]).toEqual(GRAPH_PERMISSIONS.map((p) => p.permission));
  });

  it.each(['free', 'p1'] as const)(
    'answers 400 AadPremiumLicenseRequired for PIM reads on %s',
    async (license) => {
      const l = await open({ users: [JOHN], license });
      const err = await graphErrorOf(l.client.api(ELIGIBILITY).get());
      expect(err.statusCode).toBe(400);
      expect(err.code).toBe('AadPremiumLicenseRequired');
      expect(err.message).toContain('Microsoft Entra ID P2');
      // Active assignments work on every tier.
      const active = (await l.client.api('/roleManagement/directory/roleAssignments').get()) as {
        value: unknown[];
      };
      expect(active.value).toEqual([]);
    },
  );

  it('reads PIM eligibility on P2 (the default)', async () => {
    const l = await open({ users: [{ ...JOHN, eligibleDirectoryRoles: ['User Administrator'] }] });
    const body = (await l.client.api(ELIGIBILITY).get()) as { value: unknown[] };
    expect(body.value).toHaveLength(1);
  });

  it.each([
    ['RoleManagement.Read.Directory', '/roleManagement/directory/roleAssignments'],
    ['Group.Read.All', '/groups'],
    ['OrgContact.Read.All', '/contacts'],
    ['Domain.Read.All', '/domains'],
    ['User.Read.All', '/users'], // (User.ReadWrite.All, a write permission, is taken away too)
    ['OnPremDirectorySynchronization.Read.All', '/directory/onPremisesSynchronization'],
  ])('answers 403 Authorization_RequestDenied without %s', async (missing, path) => {
    const l = await open({
      users: [JOHN],
      grantedPermissions: TOOL_PERMISSIONS.filter((p) => p !== missing && p !== 'User.ReadWrite.All'),
    });
    const err = await graphErrorOf(l.client.api(path).get());
    expect(err.statusCode).toBe(403);
    expect(err.code).toBe('Authorization_RequestDenied');
    // Every other read still answers.
    for (const other of ['/users', '/groups', '/contacts', '/domains'].filter((p) => p !== path)) {
      await expect(l.client.api(other).get()).resolves.toBeDefined();
    }
  });

  it('accepts a broader permission in place of the narrow one (Directory.Read.All)', async () => {
    const l = await open({ users: [JOHN], grantedPermissions: ['Directory.Read.All'] });
    await expect(l.client.api('/contacts').get()).resolves.toBeDefined();
    await expect(l.client.api('/roleManagement/directory/roleAssignments').get()).resolves.toBeDefined();
    // …but not for the sync switches, which only their own permission reads.
    expect((await graphErrorOf(l.client.api('/directory/onPremisesSynchronization').get())).statusCode).toBe(
      403,
    );
  });

  it("assigns roles to role-assignable groups and lists a user's groups transitively", async () => {
    const nested = { ...ALL_STAFF, members: [IT_ADMINS.id] };
    const l = await open({ users: [JOHN, SYNCED], groups: [IT_ADMINS, nested] });
    const assignments = (await l.client
      .api('/roleManagement/directory/roleAssignments?$expand=principal')
      .get()) as { value: { principalId: string; principal: { displayName: string } }[] };
    expect(assignments.value).toEqual([
      expect.objectContaining({
        principalId: IT_ADMINS.id,
        principal: expect.objectContaining({ displayName: 'IT Admins' }),
      }),
    ]);
    const groups = (await l.client
      .api(
        `/users/${JOHN.id}/transitiveMemberOf/microsoft.graph.group?$count=true&$select=id,displayName,isAssignableToRole`,
      )
      .header('ConsistencyLevel', 'eventual')
      .get()) as { value: { id: string; isAssignableToRole: boolean | null }[] };
    expect(groups.value.map((g) => [g.id, g.isAssignableToRole])).toEqual([
      [IT_ADMINS.id, true],
      [ALL_STAFF.id, null],
    ]);
    const members = (await l.client
      .api(`/groups/${IT_ADMINS.id}/transitiveMembers/microsoft.graph.user?$count=true&$select=id`)
      .header('ConsistencyLevel', 'eventual')
      .get()) as { value: { id: string }[] };
    expect(members.value.map((m) => m.id)).toEqual([JOHN.id]);
  });

  it('refuses the cast on transitiveMemberOf without the advanced-query header', async () => {
    const l = await open({ users: [JOHN], groups: [IT_ADMINS] });
    const err = await graphErrorOf(
      l.client.api(`/users/${JOHN.id}/transitiveMemberOf/microsoft.graph.group`).get(),
    );
    expect(err.code).toBe('Request_UnsupportedQuery');
  });

  it('shows groups with their id only to a caller that may not read groups', async () => {
    const l = await open({
      users: [JOHN],
      groups: [IT_ADMINS],
      grantedPermissions: TOOL_PERMISSIONS.filter((p) => p !== 'Group.Read.All'),
    });
    const groups = (await l.client
      .api(
        `/users/${JOHN.id}/transitiveMemberOf/microsoft.graph.group?$count=true&$select=id,displayName,isAssignableToRole`,
      )
      .header('ConsistencyLevel', 'eventual')
      .get()) as { value: Record<string, unknown>[] };
    expect(groups.value).toEqual([
      {
        '@odata.type': '#microsoft.graph.group',
        id: IT_ADMINS.id,
        displayName: null,
        isAssignableToRole: null,
      },
    ]);
  });

  it('answers an empty collection for a tenant that never ran directory sync', async () => {
    const l = await open({ users: [JOHN], directorySyncConfigured: false });
    const body = (await l.client.api('/directory/onPremisesSynchronization').get()) as { value: unknown[] };
    expect(body.value).toEqual([]);
  });

  it('needs Directory.AccessAsUser.All to purge or restore a privileged deleted user', async () => {
    const admin = { ...DELETED, directoryRoles: ['Global Administrator'] };
    const l = await open({ users: [JOHN], deletedUsers: [admin] });
    const purge = await graphErrorOf(l.client.api(`/directory/deletedItems/${DELETED.id}`).delete());
    expect(purge.statusCode).toBe(403);
    const restore = await graphErrorOf(
      l.client.api(`/directory/deletedItems/${DELETED.id}/restore`).post({}),
    );
    expect(restore.statusCode).toBe(403);
    expect(l.state.tenant.deletedUsers).toHaveLength(1);
    l.state.tenant.grantedPermissions = [...TOOL_PERMISSIONS, 'Directory.AccessAsUser.All'];
    await l.client.api(`/directory/deletedItems/${DELETED.id}`).delete();
    expect(l.state.tenant.deletedUsers).toEqual([]);
  });

  it('refuses a whole $batch when a request with a body has no Content-Type', async () => {
    const l = await open({ users: [JOHN] });
    const patch = { id: '2', method: 'PATCH', url: `/users/${JOHN.id}`, body: { displayName: 'J' } };
    const err = await graphErrorOf(
      l.client.api('/$batch').post({ requests: [{ id: '1', method: 'GET', url: '/users' }, patch] }),
    );
    expect(err.statusCode).toBe(400);
    expect(err.message).toBe('Write request id : 2 does not contain Content-Type header or body.');
    expect(l.state.tenant.users[0]!.displayName).toBe(JOHN.displayName);
    const ok = (await l.client.api('/$batch').post({
      requests: [{ ...patch, headers: { 'Content-Type': 'application/json' } }],
    })) as { responses: { status: number }[] };
    expect(ok.responses[0]!.status).toBe(204);
    expect(l.state.tenant.users[0]!.displayName).toBe('J');
  });
});
