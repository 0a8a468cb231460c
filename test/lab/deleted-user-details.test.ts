// What a purge loses (issue 13, point 5), read from Graph: the simulator returns a deleted user's
// createdDateTime and assignedLicenses only when $select names them, as Graph does (both "returned
// only on $select", https://learn.microsoft.com/graph/api/resources/user), and the Graph adapter
// asks for them and maps them. Through the real Graph client against the HTTPS simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphTenant } from '../../src/adapters/graph/graph-tenant.js';
import { labScenario, startLab, type Lab } from './graph-simulator-fixture.js';

const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const deleted = {
  id: 'f7703a62-3a09-4478-8c11-7b7de5feb5ed',
  userPrincipalName: 'john.doe@contoso.com',
  displayName: 'John Doe',
  mail: 'john.doe@contoso.com',
  proxyAddresses: ['SMTP:john.doe@contoso.com'],
  createdDateTime: '2023-04-03T09:12:00Z',
  assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
  deletedDateTime: '2026-11-01T10:00:00Z',
};
const bare = { ...deleted, id: '120e61d2-aa14-4dca-bc9b-2da4a9dfaddf', userPrincipalName: 'p@contoso.com' };
delete (bare as Partial<typeof bare>).createdDateTime;
delete (bare as Partial<typeof bare>).assignedLicenses;

let lab: Lab;
beforeAll(async () => {
  lab = await startLab(labScenario({ deletedUsers: [deleted, bare] }));
});
afterAll(async () => lab.close());

const list = '/directory/deletedItems/microsoft.graph.user';

describe('the simulator: a deleted user’s dates and licences only on $select', () => {
  it('leaves createdDateTime and assignedLicenses out of the default representation', async () => {
    const page = (await lab.client.api(list).get()) as { value: Record<string, unknown>[] };
    const item = page.value.find((u) => u['id'] === deleted.id)!;
    expect(item).toHaveProperty('deletedDateTime', deleted.deletedDateTime);
    expect(item).not.toHaveProperty('createdDateTime');
    expect(item).not.toHaveProperty('assignedLicenses');
  });

  it('returns them when $select names them; an unlicensed user has [] (not nullable), an unknown date null', async () => {
    const page = (await lab.client.api(list).select(['id', 'createdDateTime', 'assignedLicenses']).get()) as {
      value: Record<string, unknown>[];
    };
    expect(page.value.find((u) => u['id'] === deleted.id)).toEqual({
      id: deleted.id,
      createdDateTime: deleted.createdDateTime,
      assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
    });
    expect(page.value.find((u) => u['id'] === bare.id)).toEqual({
      id: bare.id,
      createdDateTime: null,
      assignedLicenses: [],
    });
  });
});

describe('the Graph adapter reads them for recycle-bin users', () => {
  it('maps createdDateTime and the licences’ skuIds', async () => {
    const tenant = new GraphTenant({ client: lab.client, tenantLabel: 'lab' });
    expect(await tenant.getDeletedUser(deleted.id)).toMatchObject({
      id: deleted.id,
      userPrincipalName: 'john.doe@contoso.com',
      createdDateTime: deleted.createdDateTime,
      deletedDateTime: deleted.deletedDateTime,
      assignedLicenseSkuIds: [E3],
    });
    expect(await tenant.getDeletedUser(bare.id)).toMatchObject({
      createdDateTime: null,
      assignedLicenseSkuIds: [],
    });
  });
});
