// The lab's read indexes (issue 18): the Graph simulator's tenant index and the in-memory AD's index
// must give the full scan's answers, before and after every kind of write the lab knows (the
// simulator's PATCH, changes announced with labStateChanged, "do it in the lab", sync runs, arrays
// that grow or shrink). Property-style: a generated lab with every outcome mixed, seeded random
// writes, and after each round every filter the Graph adapter sends (and some it does not) is
// answered through the index and by scanning every object, and compared.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { planTenantReads } from '../../src/adapters/graph/read-plan.js';
import { expectedAnchor } from '../../src/core/anchor.js';
import { guidToImmutableId } from '../../src/core/identifiers.js';
import { parseIdentity } from '../../src/core/identity-input.js';
import type { OnPremObject } from '../../src/core/snapshot.js';
import { generateScenario } from '../../src/lab/generator/generate.js';
import { matchesFilter } from '../../src/lab/graph-simulator/filter-rules.js';
import { filterCandidates } from '../../src/lab/graph-simulator/indexed-lists.js';
import { parseFilter } from '../../src/lab/graph-simulator/odata-filter.js';
import type { Resource } from '../../src/lab/graph-simulator/query-options.js';
import {
  contacts,
  deletedUsers,
  groups,
  scannedActiveUsers,
} from '../../src/lab/graph-simulator/representations.js';
import {
  contactSchema,
  deletedUserSchema,
  groupSchema,
  userSchema,
  type ResourceSchema,
} from '../../src/lab/graph-simulator/schemas.js';
import { tenantIndex, type TenantCollection } from '../../src/lab/graph-simulator/tenant-index.js';
import { InMemoryDirectory, toOnPremObject } from '../../src/lab/in-memory-ad.js';
import { applyLabActions } from '../../src/lab/lab-actions.js';
import type { LabState } from '../../src/lab/lab-state.js';
import { labStateChanged } from '../../src/lab/lab-state-changes.js';
import { runDeltaSync } from '../../src/lab/sync-engine/index.js';
import { startLab, type Lab } from './graph-simulator-fixture.js';

const SCHEMAS: Record<TenantCollection, ResourceSchema> = {
  users: userSchema,
  deletedUsers: deletedUserSchema,
  groups: groupSchema,
  contacts: contactSchema,
};

/** Every object of a collection, represented by scanning (the reference). */
function scanned(state: LabState, collection: TenantCollection): Resource[] {
  switch (collection) {
    case 'users':
      return scannedActiveUsers(state);
    case 'deletedUsers':
      return deletedUsers(state);
    case 'groups':
      return groups(state);
    case 'contacts':
      return contacts(state);
  }
}

const COLLECTION_OF: Record<string, TenantCollection> = {
  '/users': 'users',
  '/groups': 'groups',
  '/contacts': 'contacts',
  '/directory/deletedItems/microsoft.graph.user': 'deletedUsers',
};

/** A small seeded generator (mulberry32), so a failure replays. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const onPrem = (state: LabState): OnPremObject[] =>
  state.ad.objects.map((o) => toOnPremObject(o, { kind: 'consistencyGuid' }));

/** The filters the Graph adapter sends for these AD users, and some it never sends. */
function filtersFor(
  state: LabState,
  users: OnPremObject[],
): { collection: TenantCollection; filter: string }[] {
  const out: { collection: TenantCollection; filter: string }[] = [];
  for (const u of users) {
    const anchor = expectedAnchor(u, 'mS-DS-ConsistencyGuid').value;
    for (const lookup of planTenantReads(u, anchor)) {
      const [path, query] = lookup.request.url.split('?');
      const collection = COLLECTION_OF[path!];
      const filter = new URLSearchParams(query ?? '').get('$filter');
      if (collection && filter) out.push({ collection, filter });
    }
  }
  const cloud = state.tenant.users.slice(0, 5);
  for (const c of cloud) {
    out.push({ collection: 'users', filter: `id eq '${c.id.toUpperCase()}'` });
    out.push({
      collection: 'users',
      filter: `userPrincipalName in ('${c.userPrincipalName.toUpperCase()}', 'x@y.z')`,
    });
    // Not indexed: the full scan answers, through the same path.
    out.push({
      collection: 'users',
      filter: `startsWith(displayName,'${(c.displayName ?? 'a').slice(0, 2)}')`,
    });
    out.push({ collection: 'users', filter: `not(userPrincipalName eq '${c.userPrincipalName}')` });
    out.push({
      collection: 'users',
      filter: `mail eq '${c.mail ?? 'none@x'}' and startsWith(displayName,'${(c.displayName ?? 'a').slice(0, 1)}')`,
    });
  }
  out.push({ collection: 'users', filter: 'onPremisesImmutableId eq null' });
  return out;
}

/** Every filter answered through the index and by the scan: the same objects in the same order. */
function expectGraphAgrees(
  state: LabState,
  filters: { collection: TenantCollection; filter: string }[],
): void {
  for (const { collection, filter } of filters) {
    const tree = parseFilter(filter);
    const schema = SCHEMAS[collection];
    const keep = (r: Resource) => matchesFilter(tree, r, schema);
    const ids = (rs: Resource[]) => rs.filter(keep).map((r) => r['id']);
    expect(ids(filterCandidates(state, collection, tree)), `${collection}: ${filter}`).toEqual(
      ids(scanned(state, collection)),
    );
  }
  // GET /users/{id or UPN}: the index's user is the scan's.
  const index = tenantIndex(state);
  for (const u of state.tenant.users.slice(0, 40)) {
    for (const key of [u.id, u.userPrincipalName.toUpperCase()]) {
      const k = key.toLowerCase();
      const scan = state.tenant.users.find(
        (x) => x.id.toLowerCase() === k || x.userPrincipalName.toLowerCase() === k,
      );
      expect(index.activeUser(key)).toBe(scan);
    }
  }
}

/** Every identity form and the related search for these users, through the in-memory AD. */
async function exerciseAd(ad: InMemoryDirectory, users: OnPremObject[]): Promise<void> {
  for (const u of users) {
    const identities = [
      u.sAMAccountName,
      u.userPrincipalName,
      u.mail,
      u.dn,
      u.objectGuid,
      guidToImmutableId(u.objectGuid),
      u.consistencyGuid ? guidToImmutableId(u.consistencyGuid) : null,
    ];
    for (const identity of identities) {
      if (!identity) continue;
      let query;
      try {
        query = parseIdentity(identity);
      } catch {
        continue; // not an identity the tool takes (refused before any search)
      }
      await ad.findUser(query);
    }
    await ad.findRelated(u);
    await ad.readByGuid(u.objectGuid);
  }
}

describe('lab indexes against the full scan', () => {
  let lab: Lab;
  beforeAll(async () => {
    // Every AD search compares its indexed answer with the full scan and throws on a difference.
    vi.stubEnv('SYNCMATCH_LAB_INDEX_CHECK', '1');
    lab = await startLab(generateScenario({ users: 160, seed: 'lab-indexes-18' }));
  });
  afterAll(async () => {
    await lab.close();
    vi.unstubAllEnvs();
  });

  it('answers every filter and identity like the scan on a lab with every outcome mixed', async () => {
    const { state } = lab;
    expect(state.tenant.deletedUsers.length).toBeGreaterThan(0);
    expect(state.tenant.groups.length + state.tenant.contacts.length).toBeGreaterThan(0);
    const users = onPrem(state).filter((o) => o.objectClass === 'user');
    expectGraphAgrees(state, filtersFor(state, users));
    await exerciseAd(new InMemoryDirectory(state), users);
  });

  it('stays the scan through seeded rounds of writes of every kind', async () => {
    const { state, client } = lab;
    const ad = new InMemoryDirectory(state);
    const random = rng(18);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    for (let round = 0; round < 6; round++) {
      for (let w = 0; w < 10; w++) {
        const kind = Math.floor(random() * 6);
        const cloud = pick(state.tenant.users);
        const adUser = pick(state.ad.objects.filter((o) => o.objectClass === 'user'));
        if (kind === 0) {
          // The simulator's own PATCH (re-indexes that one user), successful or refused.
          const body =
            random() < 0.5
              ? { onPremisesImmutableId: random() < 0.3 ? null : guidToImmutableId(adUser.objectGUID) }
              : { userPrincipalName: `moved${round}x${w}@contoso.com` };
          await client
            .api(`/users/${cloud.id}`)
            .patch(body)
            .catch(() => undefined);
        } else if (kind === 1) {
          // An in-place change announced as the rules say.
          cloud.proxyAddresses = [...cloud.proxyAddresses, `smtp:extra${round}x${w}@contoso.com`];
          cloud.mail = random() < 0.5 ? null : `mail${round}x${w}@contoso.com`;
          cloud.mailNickname = `nick${round}x${w}`;
          labStateChanged(state);
        } else if (kind === 2) {
          // "Do it in the lab" on the AD side.
          applyLabActions(state, [
            {
              kind: 'setAdAttribute',
              objectGuid: adUser.objectGUID,
              attribute: 'mail',
              value: `ad${round}x${w}@contoso.com`,
            },
          ]);
        } else if (kind === 3) {
          applyLabActions(state, [
            {
              kind: 'moveAdObject',
              objectGuid: adUser.objectGUID,
              newParentDn: 'OU=Moved,DC=contoso,DC=com',
            },
          ]);
        } else if (kind === 4) {
          // An array that grows, without any announcement: the length shows it.
          state.tenant.users.push({
            ...structuredClone(cloud),
            id: `00000000-0000-4000-8000-${String(round * 100 + w).padStart(12, '0')}`,
            userPrincipalName: `pushed${round}x${w}@contoso.com`,
          });
        } else {
          // A sync run: joins, hard and soft matches, consistency GUIDs written back, soft deletes.
          runDeltaSync(state);
        }
        // After every write: the objects it touched and a slice of the others.
        const users = onPrem(state).filter((o) => o.objectClass === 'user');
        const touched = users.filter((o) => o.objectGuid === adUser.objectGUID.toLowerCase());
        const sample = [...touched, ...users.slice((round * 10 + w) % 100, ((round * 10 + w) % 100) + 6)];
        const filters = filtersFor(state, sample);
        filters.push({ collection: 'users', filter: `id eq '${cloud.id}'` });
        if (cloud.onPremisesImmutableId) {
          filters.push({
            collection: 'users',
            filter: `onPremisesImmutableId eq '${cloud.onPremisesImmutableId}'`,
          });
        }
        for (const p of cloud.proxyAddresses) {
          filters.push({
            collection: 'users',
            filter: `proxyAddresses/any(p:p eq '${p.replace(/'/g, "''")}')`,
          });
        }
        expectGraphAgrees(state, filters);
        await exerciseAd(ad, sample);
      }
    }
  });

  it('finds what a write changed: written, then read through the index', async () => {
    const { state, client } = lab;
    const ad = new InMemoryDirectory(state);
    const target = state.tenant.users.find((u) => u.onPremisesSyncEnabled !== true)!;
    const value = guidToImmutableId('0a1b2c3d-0000-4000-8000-000000000018');
    await client.api(`/users/${target.id}`).patch({ onPremisesImmutableId: value });
    const found = await client.api('/users').filter(`onPremisesImmutableId eq '${value}'`).select('id').get();
    expect(found.value.map((u: { id: string }) => u.id)).toEqual([target.id]);

    const adUser = state.ad.objects.find((o) => o.objectClass === 'user')!;
    applyLabActions(state, [
      {
        kind: 'setAdAttribute',
        objectGuid: adUser.objectGUID,
        attribute: 'mail',
        value: 'written18@contoso.com',
      },
    ]);
    const matches = await ad.findUser(parseIdentity('written18@contoso.com'));
    expect(matches.map((m) => m.objectGuid)).toEqual([adUser.objectGUID.toLowerCase()]);
  });

  it('is out of date after an in-place change nobody announced, and the check says so', async () => {
    const { state } = lab;
    const ad = new InMemoryDirectory(state);
    const adUser = state.ad.objects.find((o) => o.objectClass === 'user' && o.attributes.sAMAccountName)!;
    await ad.findUser(parseIdentity(String(adUser.attributes.sAMAccountName))); // index built
    adUser.attributes.sAMAccountName = 'unannounced18';
    await expect(ad.findUser(parseIdentity('unannounced18'))).rejects.toThrow(/out of date/);
    labStateChanged(state);
    const found = await ad.findUser(parseIdentity('unannounced18'));
    expect(found.map((m) => m.dn)).toEqual([adUser.dn]);
  });
});
