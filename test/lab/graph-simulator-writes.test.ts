// Writes and their refusals (docs/matching-facts.md §2.11, §2.12, §3), through the real Graph client; each test
// checks that the shared LabState changed, or did not.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLabState } from '../../src/lab/lab-state.js';
import {
  DELETED,
  FED,
  graphErrorOf,
  JOHN,
  labScenario,
  startLab,
  SYNCED,
  type Lab,
} from './graph-simulator-fixture.js';

const CLOUD = {
  id: '44444444-5555-4666-8777-888888888888',
  userPrincipalName: 'cloud.only@contoso.com',
  displayName: 'Cloud Only',
  proxyAddresses: ['SMTP:cloud.only@contoso.com'],
};

describe('Graph simulator writes', () => {
  const scenario = labScenario({ users: [JOHN, SYNCED, FED, CLOUD], deletedUsers: [DELETED] });
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab(scenario);
  });
  afterAll(() => lab.close());
  beforeEach(() => {
    // A fresh world in the same state object the simulator serves.
    Object.assign(lab.state, createLabState(scenario));
    lab.sim.faults.clear();
  });

  const user = (id: string) => lab.state.tenant.users.find((u) => u.id === id)!;
  const patch = (id: string, body: unknown) => lab.client.api(`/users/${id}`).patch(body);

  it('sets and clears (with null) the immutableId of a cloud user, in the shared state', async () => {
    const stateObject = user(CLOUD.id);
    await patch(CLOUD.id, { onPremisesImmutableId: 'BpazOkLGm0iEtljAONPvOQ==' });
    expect(stateObject.onPremisesImmutableId).toBe('BpazOkLGm0iEtljAONPvOQ==');
    const read = await lab.client.api(`/users/${CLOUD.id}?$select=onPremisesImmutableId`).get();
    expect(read.onPremisesImmutableId).toBe('BpazOkLGm0iEtljAONPvOQ==');
    await patch(CLOUD.id, { onPremisesImmutableId: null });
    expect(user(CLOUD.id).onPremisesImmutableId).toBeNull();
  });

  it('refuses an empty string as the immutableId (null clears it)', async () => {
    const err = await graphErrorOf(patch(JOHN.id, { onPremisesImmutableId: '' }));
    expect(err.statusCode).toBe(400);
    expect(user(JOHN.id).onPremisesImmutableId).toBe(JOHN.onPremisesImmutableId);
  });

  it('sees a change the sync engine made to the state (no cached copy)', async () => {
    user(CLOUD.id).displayName = 'Changed By Sync';
    const read = await lab.client.api(`/users/${CLOUD.id}`).get();
    expect(read.displayName).toBe('Changed By Sync');
  });

  it('refuses writes to a synced user', async () => {
    for (const body of [{ onPremisesImmutableId: null }, { userPrincipalName: 'other@contoso.com' }]) {
      const err = await graphErrorOf(patch(SYNCED.id, body));
      expect(err.statusCode).toBe(400);
      expect(err.code).toBe('Request_BadRequest');
      expect(err.message).toBe(
        'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.',
      );
    }
    expect(user(SYNCED.id)).toMatchObject({
      onPremisesImmutableId: SYNCED.onPremisesImmutableId,
      userPrincipalName: SYNCED.userPrincipalName,
    });
  });

  it('refuses a duplicate immutableId and names the holder', async () => {
    const err = await graphErrorOf(patch(CLOUD.id, { onPremisesImmutableId: JOHN.onPremisesImmutableId }));
    expect(err.statusCode).toBe(400);
    expect(err.message).toBe(
      'Another object with the same value for property onPremisesImmutableId already exists.',
    );
    expect(err.body.details).toEqual([
      expect.objectContaining({ code: 'ObjectConflict', target: 'onPremisesImmutableId' }),
      expect.objectContaining({ code: 'ConflictingObjects', target: `User_${JOHN.id}` }),
    ]);
    expect(user(CLOUD.id).onPremisesImmutableId).toBeNull();
  });

  it('refuses an immutableId a recycle-bin user still holds (assumed, docs/matching-facts.md §3)', async () => {
    const err = await graphErrorOf(patch(CLOUD.id, { onPremisesImmutableId: DELETED.onPremisesImmutableId }));
    expect(err.body.details?.[1]?.target).toBe(`User_${DELETED.id}`);
  });

  it('refuses a duplicate UPN (case-insensitive)', async () => {
    const err = await graphErrorOf(patch(CLOUD.id, { userPrincipalName: 'JOHN.DOE@contoso.com' }));
    expect(err.statusCode).toBe(400);
    expect(err.body.details).toEqual([
      expect.objectContaining({ code: 'ObjectConflict', target: 'userPrincipalName' }),
    ]);
  });

  it('refuses a UPN on a domain the tenant has not verified', async () => {
    const err = await graphErrorOf(patch(CLOUD.id, { userPrincipalName: 'cloud.only@pending.example' }));
    expect(err.message).toMatch(/verified domain/);
    const local = await graphErrorOf(patch(CLOUD.id, { userPrincipalName: 'cloud.only@contoso.local' }));
    expect(local.statusCode).toBe(400);
  });

  it('refuses to change the immutableId while the UPN is on a federated domain, until the UPN moves', async () => {
    const err = await graphErrorOf(patch(FED.id, { onPremisesImmutableId: null }));
    expect(err.statusCode).toBe(400);
    expect(user(FED.id).onPremisesImmutableId).toBe(FED.onPremisesImmutableId);
    await patch(FED.id, { userPrincipalName: 'fed.user@contoso.onmicrosoft.com' });
    await patch(FED.id, { onPremisesImmutableId: null });
    expect(user(FED.id)).toMatchObject({
      userPrincipalName: 'fed.user@contoso.onmicrosoft.com',
      onPremisesImmutableId: null,
    });
  });

  it('refuses read-only properties', async () => {
    const err = await graphErrorOf(patch(CLOUD.id, { proxyAddresses: [] }));
    expect(err.statusCode).toBe(400);
  });

  it('fails the next write with 500 when told to, and not the one after', async () => {
    lab.sim.faults.failNextWrite();
    const err = await graphErrorOf(patch(CLOUD.id, { displayName: 'X' }));
    expect(err.statusCode).toBe(500);
    expect(user(CLOUD.id).displayName).toBe(CLOUD.displayName);
    await patch(CLOUD.id, { displayName: 'X' });
    expect(user(CLOUD.id).displayName).toBe('X');
  });

  it('purges a deleted user (204), then answers 404 for it', async () => {
    await lab.client.api(`/directory/deletedItems/${DELETED.id}`).delete();
    expect(lab.state.tenant.deletedUsers).toEqual([]);
    const err = await graphErrorOf(lab.client.api(`/directory/deletedItems/${DELETED.id}`).delete());
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('Request_ResourceNotFound');
  });

  it('restores a deleted user with its original UPN, cloud-managed', async () => {
    const restored = await lab.client.api(`/directory/deletedItems/${DELETED.id}/restore`).post({});
    expect(restored.userPrincipalName).toBe(DELETED.userPrincipalName);
    expect(lab.state.tenant.deletedUsers).toEqual([]);
    expect(user(DELETED.id)).toMatchObject({
      userPrincipalName: DELETED.userPrincipalName,
      onPremisesImmutableId: DELETED.onPremisesImmutableId,
      onPremisesSyncEnabled: false,
    });
    expect(user(DELETED.id)).not.toHaveProperty('deletedDateTime');
  });

  it('refuses to restore over an active user holding the same UPN, unless given a new one', async () => {
    lab.state.tenant.users.push({
      ...user(CLOUD.id),
      id: '55555555-6666-4777-8888-999999999999',
      userPrincipalName: DELETED.userPrincipalName,
      proxyAddresses: [],
    });
    const err = await graphErrorOf(lab.client.api(`/directory/deletedItems/${DELETED.id}/restore`).post({}));
    expect(err.body.details?.[0]?.target).toBe('userPrincipalName');
    await lab.client
      .api(`/directory/deletedItems/${DELETED.id}/restore`)
      .post({ newUserPrincipalName: 'megan.restored@contoso.com' });
    expect(user(DELETED.id).userPrincipalName).toBe('megan.restored@contoso.com');
  });
});
