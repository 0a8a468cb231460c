// POST /$batch and the role routes, through the real Graph client.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphErrorOf, JOHN, labScenario, startLab, SYNCED, type Lab } from './graph-simulator-fixture.js';

const ADMIN = {
  id: '66666666-7777-4888-8999-aaaaaaaaaaaa',
  userPrincipalName: 'admin@contoso.com',
  directoryRoles: ['Global Administrator'],
  eligibleDirectoryRoles: ['Exchange Administrator', 'Lab Custom Role'],
};

interface Role {
  displayName?: string;
  roleTemplateId?: string;
  roleDefinitionId?: string;
  roleDefinition?: { displayName: string };
}

interface BatchAnswer {
  responses: {
    id: string;
    status: number;
    headers: Record<string, string>;
    body?: { value?: { id: string }[]; error?: { code: string } };
  }[];
}

describe('$batch', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab(labScenario({ users: [JOHN, SYNCED, ADMIN] }));
  });
  afterAll(() => lab.close());
  beforeEach(() => {
    lab.sim.faults.clear();
    lab.sim.log.clear();
  });

  const get = (id: string, url: string, headers?: Record<string, string>) => ({
    id,
    method: 'GET',
    url,
    ...(headers ? { headers } : {}),
  });
  const batch = (requests: unknown[]) => lab.client.api('/$batch').post({ requests }) as Promise<BatchAnswer>;

  it('answers each request with its own status, in an order other than the requests’', async () => {
    const requests = [
      get('1', `/users/${JOHN.id}?$select=id`),
      get('2', '/users/missing@contoso.com'),
      get('3', `/users?$filter=${encodeURIComponent("mail eq 'synced.user@contoso.com'")}&$select=id`),
      get('4', `/users?$filter=${encodeURIComponent("endsWith(mail,'x')")}`),
    ];
    const answer = await batch(requests);
    expect(answer.responses.map((r) => r.id)).not.toEqual(['1', '2', '3', '4']);
    const byId = Object.fromEntries(answer.responses.map((r) => [r.id, r]));
    expect(byId['1']).toMatchObject({ status: 200, body: { id: JOHN.id } });
    expect(byId['2']).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
    expect(byId['3']!.body?.value).toEqual([{ id: SYNCED.id }]);
    expect(byId['4']).toMatchObject({ status: 400, body: { error: { code: 'Request_UnsupportedQuery' } } });
    // One round trip on the wire, four requests served.
    expect(lab.sim.log.outer()).toHaveLength(1);
    expect(lab.sim.log.inner()).toHaveLength(4);
  });

  it('passes inner headers through (advanced queries work inside a batch)', async () => {
    const url = `/users?$filter=${encodeURIComponent("endsWith(userPrincipalName,'.doe@contoso.com')")}&$count=true&$select=id`;
    const answer = await batch([get('a', url, { ConsistencyLevel: 'eventual' })]);
    expect(answer.responses[0]).toMatchObject({
      status: 200,
      body: { '@odata.count': 1, value: [{ id: JOHN.id }] },
    });
  });

  it('refuses more than 20 requests with 400', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => get(String(i), `/users/${JOHN.id}`));
    const err = await graphErrorOf(batch(requests));
    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(/limit of 20/);
    expect((await batch(requests.slice(0, 20))).responses).toHaveLength(20);
  });

  it('refuses duplicate ids', async () => {
    const err = await graphErrorOf(batch([get('1', '/domains'), get('1', '/domains')]));
    expect(err.statusCode).toBe(400);
  });

  it('throttles an inner request with 429 and Retry-After inside a 200 batch', async () => {
    lab.sim.faults.throttle({ inBatch: true, path: '/domains', retryAfterSeconds: 2 });
    const answer = await batch([get('1', '/domains'), get('2', `/users/${JOHN.id}`)]);
    const byId = Object.fromEntries(answer.responses.map((r) => [r.id, r]));
    expect(byId['1']).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '2' },
      body: { error: { code: 'TooManyRequests' } },
    });
    expect(byId['2']!.status).toBe(200);
  });

  it('applies a write failure to a write inside a batch', async () => {
    lab.sim.faults.failNextWrite();
    const answer = await batch([
      {
        id: 'w',
        method: 'PATCH',
        url: `/users/${JOHN.id}`,
        body: { displayName: 'Y' },
        headers: { 'Content-Type': 'application/json' },
      },
    ]);
    expect(answer.responses[0]!.status).toBe(500);
    expect(lab.state.tenant.users[0]!.displayName).toBe(JOHN.displayName);
  });

  it('lets the client retry a throttled $batch as a whole', async () => {
    lab.sim.faults.throttle({ path: '/$batch', retryAfterSeconds: 0.05 });
    const answer = await batch([get('1', '/domains')]);
    expect(answer.responses[0]!.status).toBe(200);
    expect(lab.sim.log.outer().map((e) => e.status)).toEqual([429, 200]);
  });

  it('answers 403 where a permission is missing', async () => {
    lab.sim.faults.forbid('/groups');
    const answer = await batch([get('1', '/groups')]);
    expect(answer.responses[0]).toMatchObject({
      status: 403,
      body: { error: { code: 'Authorization_RequestDenied' } },
    });
  });
});

describe('directory roles', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab(labScenario({ users: [JOHN, ADMIN] }));
  });
  afterAll(() => lab.close());

  const filter = (id: string) => `$filter=${encodeURIComponent(`principalId eq '${id}'`)}`;

  it('lists active assignments with the role definition expanded', async () => {
    const res = await lab.client
      .api(`/roleManagement/directory/roleAssignments?${filter(ADMIN.id)}&$expand=roleDefinition`)
      .get();
    expect(res.value).toEqual([
      expect.objectContaining({
        principalId: ADMIN.id,
        directoryScopeId: '/',
        roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10',
        roleDefinition: expect.objectContaining({ displayName: 'Global Administrator', isBuiltIn: true }),
      }),
    ]);
    expect(
      (await lab.client.api(`/roleManagement/directory/roleAssignments?${filter(JOHN.id)}`).get()).value,
    ).toEqual([]);
  });

  it('lists eligible roles separately; memberOf shows only the active ones', async () => {
    const eligible = await lab.client
      .api(`/roleManagement/directory/roleEligibilitySchedules?${filter(ADMIN.id)}&$expand=roleDefinition`)
      .get();
    expect((eligible.value as Role[]).map((e) => e.roleDefinition?.displayName)).toEqual([
      'Exchange Administrator',
      'Lab Custom Role',
    ]);
    const custom = eligible.value[1].roleDefinitionId;
    const def = await lab.client.api(`/roleManagement/directory/roleDefinitions/${custom}`).get();
    expect(def).toMatchObject({ displayName: 'Lab Custom Role', isBuiltIn: false });
    const memberOf = await lab.client.api(`/users/${ADMIN.id}/memberOf/microsoft.graph.directoryRole`).get();
    expect((memberOf.value as Role[]).map((r) => r.displayName)).toEqual(['Global Administrator']);
    expect(memberOf.value[0].roleTemplateId).toBe('62e90394-69f5-4237-9190-012177145e10');
  });
});
