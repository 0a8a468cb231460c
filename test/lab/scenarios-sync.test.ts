// Every shipped scenario through the sync engine: it tells its story on the first run, a second
// run changes nothing, and the fix its lesson teaches works.
import { describe, expect, it } from 'vitest';
import { guidToImmutableId } from '../../src/core/identifiers.js';
import { createLabState, type LabState } from '../../src/lab/lab-state.js';
import { listShippedScenarios, loadScenario } from '../../src/lab/scenario-loader.js';
import { runDeltaSync } from '../../src/lab/sync-engine/index.js';

const clock = { now: () => new Date('2026-11-22T09:00:00.000Z') };

async function labFor(name: string): Promise<LabState> {
  return createLabState(await loadScenario(name));
}

function identityObject(state: LabState) {
  return state.ad.objects.find((o) => o.attributes.sAMAccountName === state.scenario.identity)!;
}

function expectedAnchor(state: LabState): string {
  const a = identityObject(state).attributes['mS-DS-ConsistencyGuid'];
  return guidToImmutableId(typeof a === 'string' ? a : identityObject(state).objectGUID);
}

/** The identity's run-log outcomes in one run. */
function storyOf(state: LabState, run: number): string[] {
  const dn = identityObject(state).dn;
  return state.syncLog.filter((e) => e.run === run && e.dn === dn).map((e) => e.outcome);
}

const ALSO_IN_STORY: Record<string, string[]> = {
  'anchor-collision': ['CN=Pradeep Gupta,OU=Staff,DC=contoso,DC=com'],
  // John's migrated account (refused soft match) and Adele's, already stamped (joined to her cloud user).
  'forest-migration': ['CN=John Doe,OU=Staff,DC=new,DC=example', 'CN=Adele Vance,OU=Staff,DC=new,DC=example'],
};

const snapshot = (s: LabState) => structuredClone({ ad: s.ad, tenant: s.tenant, joins: s.joins });

describe('every shipped scenario', async () => {
  const names = (await listShippedScenarios()).map((s) => s.name);

  it.each(names)('%s: a second sync changes nothing in AD or the tenant', async (name) => {
    const state = await labFor(name);
    runDeltaSync(state, clock);
    const afterFirst = snapshot(state);
    const report = runDeltaSync(state, clock);
    expect(snapshot(state)).toEqual(afterFirst);
    expect(report).toMatchObject({ adds: 0, updates: 0, deletes: 0 });
  });

  // A tenant that never synced (small-business-p1) has no background in sync: its first sync
  // soft-matches every hand-made cloud user, which the next test checks instead.
  const synced = names.filter((n) => n !== 'small-business-p1');
  it('small-business-p1: the first sync soft-matches every hand-made cloud user', async () => {
    const state = await labFor('small-business-p1');
    runDeltaSync(state, clock);
    const users = state.syncLog.filter((e) => e.dn.startsWith('CN=') && !e.dn.includes('OU=Contacts'));
    expect(users.map((e) => e.outcome)).toEqual(['SoftMatch', 'SoftMatch', 'SoftMatch', 'SoftMatch']);
    expect(state.tenant.directorySyncConfigured).toBe(true);
  });

  it.each(synced)(
    '%s: background objects are already in sync (only the identity has a story)',
    async (name) => {
      const state = await labFor(name);
      runDeltaSync(state, clock);
      const dn = identityObject(state).dn;
      // anchor-collision: the new hire whose objectGUID John carries is part of the story.
      const cast = ALSO_IN_STORY[name] ?? [];
      const others = state.syncLog.filter(
        (e) => e.dn !== dn && e.dn !== '' && e.outcome !== 'Unchanged' && !cast.includes(e.dn),
      );
      expect(others).toEqual([]);
    },
  );
});

describe('the story each scenario tells on the first sync', () => {
  it.each([
    ['healthy', ['Unchanged']],
    ['migrated-consistency-guid', ['Unchanged']],
    ['ready-for-soft-match', ['SoftMatch']],
    ['stale-immutable-id', ['InvalidSoftMatch']],
    ['federated-domain', ['InvalidSoftMatch']],
    ['non-routable-upn', ['Created']],
    ['recycle-bin-leftover', ['Restored', 'Quarantined', 'Quarantined']],
    ['duplicate-synced-user', ['Unchanged']],
    ['proxy-conflict-with-group', ['ExportError']],
    ['admin-role', ['ExistingAdminRoleConflict', 'Created', 'Quarantined', 'Quarantined']],
    // The role comes through a role-assignable group: blocked as a direct one is.
    ['admin-role-through-group', ['ExistingAdminRoleConflict', 'Created', 'Quarantined', 'Quarantined']],
    ['small-business-p1', ['SoftMatch']],
    ['on-prem-duplicates', ['Created', 'Quarantined', 'Quarantined']],
    ['anchor-collision', ['ExportError']],
    ['upn-rename', ['SoftMatch']],
    // The old account keeps the cloud user; the migrated one is the story of test/scenarios/forests.test.ts.
    ['forest-migration', ['Unchanged']],
    ['child-domain-upn', ['SoftMatch']],
  ])('%s → %j', async (name, story) => {
    const state = await labFor(name);
    runDeltaSync(state, clock);
    expect(storyOf(state, 1)).toEqual(story);
  });

  it('migrated-consistency-guid: the anchor is the consistencyGuid, not the objectGUID', async () => {
    const state = await labFor('migrated-consistency-guid');
    const obj = identityObject(state);
    expect(obj.attributes['mS-DS-ConsistencyGuid']).not.toBe(obj.objectGUID);
    runDeltaSync(state, clock);
    expect(state.tenant.users.find((u) => u.id === state.joins[obj.objectGUID])!.onPremisesImmutableId).toBe(
      expectedAnchor(state),
    );
  });

  it('non-routable-upn: the new user lands on the initial domain', async () => {
    const state = await labFor('non-routable-upn');
    runDeltaSync(state, clock);
    const created = state.tenant.users.find((u) => u.id === state.joins[identityObject(state).objectGUID])!;
    expect(created.userPrincipalName).toBe('john.doe@contoso.onmicrosoft.com');
  });
});

describe('anchor-collision: what Connect does with two objects exporting one sourceAnchor', () => {
  const pradeep = (s: LabState) => s.ad.objects.find((o) => o.attributes.sAMAccountName === 'pgupta')!;

  it('the object processed first takes the anchor; the second gets an export error naming the first', async () => {
    const state = await labFor('anchor-collision');
    runDeltaSync(state, clock);
    const created = state.tenant.users.find((u) => u.id === state.joins[pradeep(state).objectGUID])!;
    expect(created.userPrincipalName).toBe('pradeep.gupta@contoso.com');
    expect(created.onPremisesImmutableId).toBe(expectedAnchor(state));
    const line = state.syncLog.find((e) => e.dn === identityObject(state).dn)!;
    expect(line.outcome).toBe('ExportError');
    expect(line.message).toContain(`sourceAnchor ${expectedAnchor(state)}`);
    expect(line.message).toContain(pradeep(state).dn);
    expect(state.joins[identityObject(state).objectGUID]).toBeUndefined();
  });

  it('stamping the shared anchor on John’s cloud user hands it to Pradeep (the wrong person)', async () => {
    const state = await labFor('anchor-collision');
    const john = state.tenant.users.find((u) => u.userPrincipalName === 'john.doe@contoso.com')!;
    john.onPremisesImmutableId = expectedAnchor(state);
    runDeltaSync(state, clock);
    expect(state.joins[pradeep(state).objectGUID]).toBe(john.id);
    expect(john).toMatchObject({
      userPrincipalName: 'pradeep.gupta@contoso.com',
      displayName: 'Pradeep Gupta',
    });
  });

  it('after the copy is cleared in AD, each object gets its own cloud user', async () => {
    const state = await labFor('anchor-collision');
    delete identityObject(state).attributes['mS-DS-ConsistencyGuid'];
    const john = state.tenant.users.find((u) => u.userPrincipalName === 'john.doe@contoso.com')!;
    john.onPremisesImmutableId = guidToImmutableId(identityObject(state).objectGUID);
    runDeltaSync(state, clock);
    expect(storyOf(state, 1)).toEqual(['HardMatch']);
    expect(john.displayName).toBe('John Doe');
    expect(state.joins[pradeep(state).objectGUID]).not.toBe(john.id);
  });
});

describe('the fix each lesson teaches works in the lab', () => {
  const cloudJohn = (s: LabState) =>
    s.tenant.users.find((u) => u.userPrincipalName === 'john.doe@contoso.com')!;

  it('stale-immutable-id: clearing the immutableId lets soft match work', async () => {
    const state = await labFor('stale-immutable-id');
    cloudJohn(state).onPremisesImmutableId = null;
    runDeltaSync(state, clock);
    expect(storyOf(state, 1)).toEqual(['SoftMatch']);
  });

  it('stale-immutable-id: setting the expected immutableId hard-matches', async () => {
    const state = await labFor('stale-immutable-id');
    cloudJohn(state).onPremisesImmutableId = expectedAnchor(state);
    runDeltaSync(state, clock);
    expect(storyOf(state, 1)).toEqual(['HardMatch']);
    expect(cloudJohn(state).onPremisesSyncEnabled).toBe(true);
  });

  it('federated-domain: parked on the initial domain, stamped, then synced back to contoso.com', async () => {
    const state = await labFor('federated-domain');
    const u = cloudJohn(state);
    u.userPrincipalName = 'john.doe@contoso.onmicrosoft.com';
    u.onPremisesImmutableId = expectedAnchor(state);
    runDeltaSync(state, clock);
    expect(storyOf(state, 1)).toEqual(['HardMatch']);
    expect(u.userPrincipalName).toBe('john.doe@contoso.com');
  });

  it('non-routable-upn: a hard match works, and the UPN follows the AD suffix to the initial domain', async () => {
    const state = await labFor('non-routable-upn');
    const u = cloudJohn(state);
    // The anchor is written back on the first sync; before it, it is the objectGUID.
    u.onPremisesImmutableId = guidToImmutableId(identityObject(state).objectGUID);
    runDeltaSync(state, clock);
    expect(storyOf(state, 1)).toEqual(['HardMatch']);
    expect(u.userPrincipalName).toBe('john.doe@contoso.onmicrosoft.com');
    identityObject(state).attributes.userPrincipalName = 'john.doe@contoso.com';
    runDeltaSync(state, clock);
    expect(u.userPrincipalName).toBe('john.doe@contoso.com');
  });

  it('upn-rename: with the AD UPN set to the cloud one, the soft match keeps the sign-in name', async () => {
    const state = await labFor('upn-rename');
    identityObject(state).attributes.userPrincipalName = 'john.doe@contoso.com';
    runDeltaSync(state, clock);
    expect(storyOf(state, 1)).toEqual(['SoftMatch']);
    expect(cloudJohn(state).onPremisesSyncEnabled).toBe(true);
  });

  it('upn-rename: left alone, the soft match renames the cloud user (what the forecast warns of)', async () => {
    const state = await labFor('upn-rename');
    const id = cloudJohn(state).id;
    runDeltaSync(state, clock);
    expect(state.tenant.users.find((u) => u.id === id)!.userPrincipalName).toBe('jdoe@contoso.com');
  });

  it('recycle-bin-leftover: purging the deleted user lets the active one be matched', async () => {
    const state = await labFor('recycle-bin-leftover');
    const anchor = expectedAnchor(state);
    state.tenant.deletedUsers = state.tenant.deletedUsers.filter((u) => u.onPremisesImmutableId !== anchor);
    runDeltaSync(state, clock);
    expect(storyOf(state, 1)).toEqual(['SoftMatch']);
    expect(cloudJohn(state).onPremisesImmutableId).toBe(anchor);
  });

  it('duplicate-synced-user: out of scope, purge, stamp the original, back in scope', async () => {
    const state = await labFor('duplicate-synced-user');
    const obj = identityObject(state);
    const anchor = expectedAnchor(state);
    const original = cloudJohn(state);
    const staffDn = obj.dn;
    obj.dn = obj.dn.replace('OU=Staff', 'OU=Parked');
    runDeltaSync(state, clock);
    expect(storyOf(state, 1)).toEqual(['SoftDeleted']);
    state.tenant.deletedUsers = state.tenant.deletedUsers.filter((u) => u.onPremisesImmutableId !== anchor);
    original.onPremisesImmutableId = anchor;
    obj.dn = staffDn;
    runDeltaSync(state, clock);
    expect(storyOf(state, 2)).toEqual(['HardMatch']);
    expect(state.tenant.users.filter((u) => u.displayName === 'John Doe')).toEqual([original]);
    expect(original.userPrincipalName).toBe('john.doe@contoso.com');
    expect(original.proxyAddresses).toEqual(['SMTP:john.doe@contoso.com', 'smtp:jdoe@contoso.com']);
  });

  it('proxy-conflict-with-group: removing the address from the group lets the export through', async () => {
    const state = await labFor('proxy-conflict-with-group');
    const group = state.tenant.groups.find((g) => g.displayName === 'Projects')!;
    group.proxyAddresses = group.proxyAddresses.filter((p) => !/^smtp:projects@contoso\.com$/i.test(p));
    runDeltaSync(state, clock);
    expect(storyOf(state, 1)).toEqual(['SoftMatch']);
  });

  it('admin-role: without the role the user is soft-matched', async () => {
    const state = await labFor('admin-role');
    cloudJohn(state).directoryRoles = [];
    runDeltaSync(state, clock);
    expect(storyOf(state, 1)).toEqual(['SoftMatch']);
  });

  it('admin-role: after the quarantined object is deleted and the role removed, the next sync matches', async () => {
    const state = await labFor('admin-role');
    runDeltaSync(state, clock);
    const quarantinedId = state.joins[identityObject(state).objectGUID]!;
    state.tenant.users = state.tenant.users.filter((u) => u.id !== quarantinedId);
    cloudJohn(state).directoryRoles = [];
    runDeltaSync(state, clock);
    expect(storyOf(state, 2)).toEqual(['SoftMatch']);
  });

  it('on-prem-duplicates: fixing the contact in AD gives John his UPN back', async () => {
    const state = await labFor('on-prem-duplicates');
    runDeltaSync(state, clock);
    const contact = state.ad.objects.find((o) => o.objectClass === 'contact' && o.dn.includes('John Doe'))!;
    contact.attributes.proxyAddresses = ['SMTP:john.doe@fabrikam.example'];
    runDeltaSync(state, clock);
    const user = state.tenant.users.find((u) => u.id === state.joins[identityObject(state).objectGUID])!;
    expect(user.userPrincipalName).toBe('john.doe@contoso.com');
    expect(user.onPremisesProvisioningErrors).toEqual([]);
  });
});
