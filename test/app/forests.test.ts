// combineForests is generic over the ports (issue 21): two lab directories (the Samba seeds of
// both test forests, in the lab's in-memory AD) combine the way the real LDAP forests do.
import { describe, expect, it } from 'vitest';
import { combineBulkReaders, combineForests } from '../../src/app/forests.js';
import { parseIdentity } from '../../src/core/identity-input.js';
import type { OnPremObject } from '../../src/core/snapshot.js';
import { InMemoryDirectory } from '../../src/lab/in-memory-ad.js';
import { createLabState } from '../../src/lab/lab-state.js';
import { scenarioSchema } from '../../src/lab/scenario-schema.js';
import type { OnPremBulkReader, OnPremWriter } from '../../src/ports.js';
import { FOREST2_OBJECTS, FOREST2_SEED } from '../contract/multi-forest.contract.js';
import { SEED, SEED_OBJECTS } from '../contract/on-prem-directory.contract.js';

function lab(domain: string, objects: typeof SEED_OBJECTS) {
  return new InMemoryDirectory(
    createLabState(
      scenarioSchema.parse({
        name: `forest-${domain.replaceAll('.', '-')}`,
        description: 'One forest of two.',
        identity: 'jdoe',
        ad: { domain, objects },
        sync: { sourceAnchor: 'mS-DS-ConsistencyGuid', scope: [] },
        tenant: { initialDomain: 'lab.onmicrosoft.com' },
      }),
    ),
  );
}

describe('combineForests', () => {
  it('asks every forest and concatenates, once per objectGUID', async () => {
    const both = combineForests([lab('lab.example', SEED_OBJECTS), lab('new.example', FOREST2_OBJECTS)]);
    const john = await both.findUser(parseIdentity('john@lab.example'));
    expect(john.map((o) => o.objectGuid).sort()).toEqual([SEED.john.guid, FOREST2_SEED.john.guid].sort());
    const [newJohn] = await both.findUser(parseIdentity('john.doe@new.example'));
    expect((await both.findRelated(newJohn!)).map((o) => o.objectGuid)).toContain(SEED.john.guid);
    expect((await both.readByGuid(FOREST2_SEED.nina.guid))?.dn).toBe(FOREST2_SEED.nina.dn);
    expect(await both.readByGuid('01234567-89ab-cdef-0123-456789abcdef')).toBeNull();
    // The same forest twice (a profile mistake) does not double the answers.
    const twice = combineForests([lab('lab.example', SEED_OBJECTS), lab('lab.example', SEED_OBJECTS)]);
    expect(await twice.findUser(parseIdentity('jdoe'))).toHaveLength(1);
  });

  it('writes in the forest that holds the object, and says so when none does or it cannot write', async () => {
    const calls: string[] = [];
    const writable = (dir: InMemoryDirectory, label: string) =>
      Object.assign(dir, {
        setConsistencyGuid: async (guid: string, value: string | null) =>
          void calls.push(`${label}:${guid}=${value}`),
      } satisfies OnPremWriter);
    const both = combineForests([
      writable(lab('lab.example', SEED_OBJECTS), 'lab'),
      writable(lab('new.example', FOREST2_OBJECTS), 'new'),
    ]);
    await both.setConsistencyGuid(FOREST2_SEED.writeTarget.guid, SEED.john.guid);
    expect(calls).toEqual([`new:${FOREST2_SEED.writeTarget.guid}=${SEED.john.guid}`]);
    await expect(both.setConsistencyGuid('01234567-89ab-cdef-0123-456789abcdef', null)).rejects.toMatchObject(
      {
        code: 'AD_OBJECT_NOT_FOUND',
      },
    );
    const readOnly = combineForests([lab('new.example', FOREST2_OBJECTS)]);
    await expect(readOnly.setConsistencyGuid(FOREST2_SEED.writeTarget.guid, null)).rejects.toMatchObject({
      code: 'AD_WRITE_UNSUPPORTED',
    });
  });

  it('the scan reads every forest in turn and stops when cancelled', async () => {
    const reader = (objects: OnPremObject[]): OnPremBulkReader => ({
      readAll: async (onPage) => (onPage?.({ source: 'ad', objects: objects.length }), objects),
    });
    const a = await lab('lab.example', SEED_OBJECTS).findUser(parseIdentity('jdoe'));
    const b = await lab('new.example', FOREST2_OBJECTS).findUser(parseIdentity('nnew'));
    const pages: number[] = [];
    const all = await combineBulkReaders([reader(a), reader(b)]).readAll((p) => pages.push(p.objects));
    expect(all.map((o) => o.objectGuid)).toEqual([SEED.john.guid, FOREST2_SEED.nina.guid]);
    expect(pages).toEqual([1, 1]);
    const stop = new AbortController();
    stop.abort();
    await expect(combineBulkReaders([reader(a)]).readAll(undefined, stop.signal)).rejects.toBeDefined();
  });
});
