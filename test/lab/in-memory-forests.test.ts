// The lab's multi-forest AD passes the multi-forest contract the two real Samba forests pass
// (test/contract/multi-forest.contract.ts), the single-directory contract when it holds one forest,
// and what only the lab shows: child domains, the consistency-GUID write, forest/domain on every
// object, a scenario whose DN lies outside every configured forest.
import { describe, expect, it } from 'vitest';
import { parseIdentity } from '../../src/core/identity-input.js';
import { InMemoryForests } from '../../src/lab/in-memory-forests.js';
import { createLabState, type LabState } from '../../src/lab/lab-state.js';
import { forestOrder, labForests, targetForest } from '../../src/lab/lab-forests.js';
import { parseScenario } from '../../src/lab/scenario-loader.js';
import { scenarioSchema, type ScenarioAdObject } from '../../src/lab/scenario-schema.js';
import { FOREST2_OBJECTS, FOREST2_SEED, runMultiForestContract } from '../contract/multi-forest.contract.js';
import { runOnPremDirectoryContract, SEED, SEED_OBJECTS } from '../contract/on-prem-directory.contract.js';

function state(ad: Record<string, unknown>, sourceAnchor = 'mS-DS-ConsistencyGuid'): LabState {
  return createLabState(
    scenarioSchema.parse({
      name: 'forests',
      description: 'Two forests.',
      identity: 'jdoe',
      ad,
      sync: { sourceAnchor },
      tenant: { initialDomain: 'lab.onmicrosoft.com' },
    }),
  );
}

const twoForests = (): LabState =>
  state({
    domain: 'lab.example',
    objects: [...SEED_OBJECTS, ...FOREST2_OBJECTS],
    forests: [{ name: 'lab.example' }, { name: 'new.example' }],
  });

runMultiForestContract('lab in-memory forests', async () => new InMemoryForests(twoForests()));

// One forest through the multi-forest directory: the single-directory contract still holds.
runOnPremDirectoryContract('lab in-memory forests, one forest', async (options) => {
  return new InMemoryForests(
    state(
      { domain: 'lab.example', objects: SEED_OBJECTS },
      options?.anchorAttribute ?? 'mS-DS-ConsistencyGuid',
    ),
  );
});

const child: ScenarioAdObject = {
  objectClass: 'user',
  dn: 'CN=Chris Child,OU=Staff,DC=child,DC=lab,DC=example',
  objectGUID: '5c5c0001-0000-4000-8000-00000000c001',
  attributes: {
    sAMAccountName: 'cchild',
    userPrincipalName: 'chris@lab.example',
    mail: 'chris@lab.example',
    proxyAddresses: ['SMTP:chris@lab.example'],
  },
};
const parentHolder: ScenarioAdObject = {
  objectClass: 'contact',
  dn: 'CN=Chris (old contact),OU=Contacts,DC=lab,DC=example',
  objectGUID: '5c5c0002-0000-4000-8000-00000000c002',
  attributes: { mail: 'chris@lab.example', proxyAddresses: ['SMTP:chris@lab.example'] },
};

describe('InMemoryForests (lab only)', () => {
  it('finds a child-domain user and a holder of its UPN in the parent domain, each with forest and domain', async () => {
    const dir = new InMemoryForests(
      state({
        domain: 'lab.example',
        objects: [child, parentHolder],
        forests: [{ name: 'lab.example', domains: ['lab.example', 'child.lab.example'] }],
      }),
    );
    const [user, ...more] = await dir.findUser(parseIdentity('cchild'));
    expect(more).toEqual([]);
    expect(user).toMatchObject({ forest: 'lab.example', domain: 'child.lab.example' });
    const related = await dir.findRelated(user!);
    expect(related.map((o) => [o.objectGuid, o.forest, o.domain])).toEqual([
      [parentHolder.objectGUID, 'lab.example', 'lab.example'],
    ]);
  });

  it('writes mS-DS-ConsistencyGuid in the forest holding the user, clears it, and refuses what a DC refuses', async () => {
    const s = twoForests();
    const dir = new InMemoryForests(s);
    await dir.setConsistencyGuid(FOREST2_SEED.jane.guid.toUpperCase(), SEED.jane.guid.toUpperCase());
    expect((await dir.readByGuid(FOREST2_SEED.jane.guid))?.consistencyGuid).toBe(SEED.jane.guid);
    // Found by the old account's anchor now, in both forests.
    expect((await dir.findUser(parseIdentity(SEED.jane.guid))).map((o) => o.forest).sort()).toEqual([
      'lab.example',
      'new.example',
    ]);
    await dir.setConsistencyGuid(FOREST2_SEED.jane.guid, null);
    expect((await dir.readByGuid(FOREST2_SEED.jane.guid))?.consistencyGuid).toBeNull();
    await expect(dir.setConsistencyGuid('01234567-89ab-cdef-0123-456789abcdef', null)).rejects.toThrow(
      /no object/i,
    );
    await expect(dir.setConsistencyGuid(SEED.group.guid, SEED.jane.guid)).rejects.toThrow(/not a user/);
    await expect(dir.setConsistencyGuid(FOREST2_SEED.jane.guid, 'nope')).rejects.toThrow(/not a GUID/);
    // Only the one attribute of the one object changed.
    expect(s.ad.objects.filter((o) => o.attributes['mS-DS-ConsistencyGuid'] !== undefined).length).toBe(
      [...SEED_OBJECTS, ...FOREST2_OBJECTS].filter((o) => o.attributes['mS-DS-ConsistencyGuid'] !== undefined)
        .length,
    );
  });

  it('orders forests: the listed-last one is the target unless a role says otherwise', () => {
    const plain = labForests({
      domain: 'a.example',
      forests: [{ name: 'A.example' }, { name: 'b.example' }],
    });
    expect(targetForest(plain)).toBe('b.example');
    expect(forestOrder(plain)).toEqual(['a.example', 'b.example']);
    const roles = labForests({
      domain: 'a.example',
      forests: [{ name: 'new.example', role: 'target' }, { name: 'old.example' }],
    });
    expect(forestOrder(roles)).toEqual(['old.example', 'new.example']);
  });

  it('refuses a scenario whose object lies in no configured domain, or a domain listed twice', () => {
    const text = (forests: unknown) =>
      JSON.stringify({
        name: 'bad',
        description: 'x',
        identity: 'x',
        ad: { domain: 'lab.example', objects: [child], forests },
        tenant: { initialDomain: 'lab.onmicrosoft.com' },
      });
    expect(() => parseScenario(text([{ name: 'lab.example' }]), 'bad.json')).toThrow(
      /\$\.ad\.objects\[0\]\.dn: .* is in no domain of ad\.forests \(its DC= parts name child\.lab\.example\)/,
    );
    expect(() =>
      parseScenario(
        text([{ name: 'lab.example', domains: ['child.lab.example'] }, { name: 'child.lab.example' }]),
        'bad.json',
      ),
    ).toThrow(/the domain child\.lab\.example is already in/);
  });
});
