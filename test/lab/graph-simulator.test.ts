// The simulator through the real @microsoft/microsoft-graph-client over HTTPS: the token, the retry
// middleware, $select omission, paging.
import { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../src/adapters/graph/client.js';
import {
  DELETED,
  FED,
  graphErrorOf,
  JOHN,
  labScenario,
  OBRIEN,
  startLab,
  SYNCED,
  type Lab,
} from './graph-simulator-fixture.js';

const many = Array.from({ length: 7 }, (_, i) => ({
  id: `aaaaaaaa-0000-4000-8000-00000000000${i}`,
  userPrincipalName: `page${i}@contoso.com`,
  displayName: `Page ${i}`,
  mailNickname: 'pager',
}));

describe('Graph simulator over HTTPS with the real Graph client', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab(
      labScenario({ users: [JOHN, SYNCED, OBRIEN, FED, ...many], deletedUsers: [DELETED] }),
    );
  });
  afterAll(() => lab.close());
  beforeEach(() => {
    lab.sim.faults.clear();
    lab.sim.log.clear();
  });

  it('receives the bearer token the client was given', async () => {
    const me = await lab.client.api(`/users/${JOHN.id}`).get();
    expect(me.userPrincipalName).toBe(JOHN.userPrincipalName);
  });

  it('answers 401 InvalidAuthenticationToken to a wrong token', async () => {
    const bad = createGraphClient({
      baseUrl: lab.sim.baseUrl,
      ca: lab.sim.ca,
      getAccessToken: async () => 'nope',
    });
    const err = await graphErrorOf(bad.client.api('/users').get());
    await bad.close();
    expect(err.statusCode).toBe(401);
    expect(err.code).toBe('InvalidAuthenticationToken');
  });

  it('answers 401 when the client drops the token (host not in customHosts)', async () => {
    const { Agent } = await import('undici');
    const agent = new Agent({ connect: { ca: lab.sim.ca } });
    // Without customHosts the auth middleware does not attach the token to a non-Graph host.
    const client = Client.initWithMiddleware({
      authProvider: { getAccessToken: async () => lab.sim.token },
      baseUrl: lab.sim.baseUrl,
      fetchOptions: { dispatcher: agent } as RequestInit,
    });
    const err = await graphErrorOf(client.api('/users').get());
    await agent.close();
    expect(err.statusCode).toBe(401);
    expect(err.message).toBe('Access token is empty.');
  });

  it('refuses to build a client for plain http (the token would be dropped silently)', () => {
    expect(() =>
      createGraphClient({ baseUrl: 'http://127.0.0.1:1/', getAccessToken: async () => 't' }),
    ).toThrow(/https/);
  });

  it('is retried by the RetryHandler after a 429 with Retry-After', async () => {
    lab.sim.faults.throttle({ times: 2, retryAfterSeconds: 0.05, path: '/users' });
    const user = await lab.client.api(`/users/${JOHN.userPrincipalName}`).get();
    expect(user.id).toBe(JOHN.id);
    const tries = lab.sim.log.outer();
    expect(tries.map((t) => t.status)).toEqual([429, 429, 200]);
    expect(tries[2]!.retryAttempt).toBe('2');
  });

  it('is retried after a 503', async () => {
    lab.sim.faults.unavailable({ path: '/domains' });
    const domains = await lab.client.api('/domains').get();
    expect(domains.value.map((d: { id: string }) => d.id)).toContain('contoso.onmicrosoft.com');
    expect(lab.sim.log.outer().map((t) => t.status)).toEqual([503, 200]);
  });

  it('leaves the $select-only properties out without $select', async () => {
    const plain = await lab.client.api(`/users/${JOHN.id}`).get();
    expect(plain.userPrincipalName).toBe(JOHN.userPrincipalName);
    for (const p of ['onPremisesImmutableId', 'onPremisesSyncEnabled', 'proxyAddresses', 'mailNickname']) {
      expect(plain).not.toHaveProperty(p);
    }
    const selected = await lab.client
      .api(`/users/${JOHN.id}?$select=id,onPremisesImmutableId,proxyAddresses`)
      .get();
    expect(selected).toMatchObject({
      id: JOHN.id,
      onPremisesImmutableId: JOHN.onPremisesImmutableId,
      proxyAddresses: JOHN.proxyAddresses,
    });
    expect(selected).not.toHaveProperty('userPrincipalName');
  });

  it('rejects $select of a property the type does not have', async () => {
    const err = await graphErrorOf(lab.client.api('/users?$select=id,immutableId').get());
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain("'immutableId'");
  });

  it('pages with @odata.nextLink, and the client follows it', async () => {
    const first = await lab.client
      .api(`/users?$filter=${encodeURIComponent("mailNickname eq 'pager'")}&$select=id&$top=3`)
      .get();
    expect(first.value).toHaveLength(3);
    expect(first['@odata.nextLink']).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\?/);
    const ids = first.value.map((u: { id: string }) => u.id);
    let next: string | undefined = first['@odata.nextLink'];
    while (next) {
      const page = await lab.client.api(next).get();
      ids.push(...page.value.map((u: { id: string }) => u.id));
      next = page['@odata.nextLink'];
    }
    expect(ids).toEqual(many.map((u) => u.id));
  });

  it('refuses a $top above 999', async () => {
    const err = await graphErrorOf(lab.client.api('/users?$top=1000').get());
    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(/between 1 and 999/);
  });

  it('answers 404 Request_ResourceNotFound for an unknown user', async () => {
    const err = await graphErrorOf(lab.client.api('/users/nobody@contoso.com').get());
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('Request_ResourceNotFound');
    expect(err.body.innerError['request-id']).toBeTruthy();
  });

  it('shows a deleted user with its UPN rewritten and keeps its anchor', async () => {
    const item = await lab.client
      .api(`/directory/deletedItems/${DELETED.id}?$select=id,userPrincipalName,onPremisesImmutableId`)
      .get();
    expect(item['@odata.type']).toBe('#microsoft.graph.user');
    expect(item.userPrincipalName).toBe('20616a37f96a4b18adc4824e64b59f0bmegan.bowen@contoso.com');
    expect(item.onPremisesImmutableId).toBe(DELETED.onPremisesImmutableId);
  });

  it('reads the sync features, and answers 403 when the scenario forbids them', async () => {
    const sync = await lab.client.api('/directory/onPremisesSynchronization').get();
    expect(sync.value[0].features).toMatchObject({
      blockSoftMatchEnabled: false,
      softMatchOnUpnEnabled: true,
    });
    const forbidden = await startLab(labScenario({ features: 'forbidden' }));
    const err = await graphErrorOf(forbidden.client.api('/directory/onPremisesSynchronization').get());
    await forbidden.close();
    expect(err.statusCode).toBe(403);
    expect(err.code).toBe('Authorization_RequestDenied');
  });

  it('lists the initial domain with the scenario domains', async () => {
    const domains = await lab.client.api('/domains').get();
    expect(domains.value).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'contoso.onmicrosoft.com', isInitial: true, isVerified: true }),
        expect.objectContaining({ id: 'fabrikam.com', authenticationType: 'Federated' }),
      ]),
    );
  });
});
