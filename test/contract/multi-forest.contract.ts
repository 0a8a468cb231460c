// The multi-forest OnPremDirectory contract (issue 21): the same cases run against the two real
// Samba forests (LAB.EXAMPLE on 127.0.0.1, NEW.EXAMPLE on 127.0.0.2) through the LDAP adapter's
// forest directories combined by combineForests, and against the lab's multi-forest directory
// (pass its factory to runMultiForestContract). Forest 1 holds SEED_OBJECTS
// (on-prem-directory.contract.ts); forest 2 holds FOREST2_OBJECTS, which mirror
// scripts/test-services/samba-forest2-seed.ldif: change both together.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdentity } from '../../src/core/identity-input.js';
import type { OnPremObject } from '../../src/core/snapshot.js';
import type { ScenarioAdObject } from '../../src/lab/scenario-schema.js';
import type { OnPremDirectory } from '../../src/ports.js';
import { SEED } from './on-prem-directory.contract.js';

const BASE2 = 'DC=new,DC=example';

export const FOREST1 = 'lab.example';
export const FOREST2 = 'new.example';

export const FOREST2_SEED = {
  /** lab's John Doe, migrated: same mail, consistency GUID = lab John's objectGUID. */
  john: {
    guid: '7e5a0001-0000-4000-8000-00000000a001',
    consistencyGuid: SEED.john.guid,
    dn: `CN=John Doe,OU=Staff,${BASE2}`,
  },
  /** lab's Jane Roe, migrated without a consistency GUID. */
  jane: { guid: '7e5a0002-0000-4000-8000-00000000a002', dn: `CN=Jane Roe,OU=Staff,${BASE2}` },
  /** Only in the new forest. */
  nina: { guid: '7e5a0003-0000-4000-8000-00000000a003', dn: `CN=Nina New,OU=Staff,${BASE2}` },
  writeTarget: { guid: '7e5a0004-0000-4000-8000-00000000a004', dn: `CN=Guid Target,OU=Staff,${BASE2}` },
  bind: { guid: '7e5a0005-0000-4000-8000-00000000a005', dn: `CN=syncmatch svc,CN=Users,${BASE2}` },
} as const;

/** Forest 2's seed as lab scenario objects (for an in-memory forest). */
export const FOREST2_OBJECTS: ScenarioAdObject[] = [
  {
    objectClass: 'user',
    dn: FOREST2_SEED.john.dn,
    objectGUID: FOREST2_SEED.john.guid,
    attributes: {
      sAMAccountName: 'jdoe',
      userPrincipalName: 'john.doe@new.example',
      displayName: 'John Doe',
      mail: 'john@lab.example',
      mailNickname: 'jdoe',
      proxyAddresses: ['SMTP:john@lab.example', 'smtp:john.doe@new.example'],
      'mS-DS-ConsistencyGuid': FOREST2_SEED.john.consistencyGuid,
      userAccountControl: 512,
    },
  },
  {
    objectClass: 'user',
    dn: FOREST2_SEED.jane.dn,
    objectGUID: FOREST2_SEED.jane.guid,
    attributes: {
      sAMAccountName: 'jroe',
      userPrincipalName: 'jane.roe@new.example',
      displayName: 'Jane Roe',
      mail: 'Jane@Lab.Example',
      mailNickname: 'jroe',
      proxyAddresses: ['SMTP:Jane@Lab.Example', 'smtp:jane.roe@new.example'],
      userAccountControl: 512,
    },
  },
  {
    objectClass: 'user',
    dn: FOREST2_SEED.nina.dn,
    objectGUID: FOREST2_SEED.nina.guid,
    attributes: {
      sAMAccountName: 'nnew',
      userPrincipalName: 'nina.new@new.example',
      displayName: 'Nina New',
      mail: 'nina@new.example',
      mailNickname: 'nnew',
      proxyAddresses: ['SMTP:nina@new.example'],
      userAccountControl: 512,
    },
  },
  {
    objectClass: 'user',
    dn: FOREST2_SEED.writeTarget.dn,
    objectGUID: FOREST2_SEED.writeTarget.guid,
    attributes: {
      sAMAccountName: 'guidtarget',
      userPrincipalName: 'guid.target@new.example',
      displayName: 'Guid Target',
      userAccountControl: 512,
    },
  },
  {
    objectClass: 'user',
    dn: FOREST2_SEED.bind.dn,
    objectGUID: FOREST2_SEED.bind.guid,
    attributes: {
      sAMAccountName: 'svc-syncmatch',
      userPrincipalName: 'svc-syncmatch@new.example',
      displayName: 'syncmatch svc',
      userAccountControl: 66048,
    },
  },
];

/** Opens a directory over both forests (forest 1 = SEED_OBJECTS, forest 2 = FOREST2_OBJECTS). */
export type MultiForestFactory = () => Promise<OnPremDirectory>;

const find = (dir: OnPremDirectory, identity: string) => dir.findUser(parseIdentity(identity));
const where = (objects: OnPremObject[]) =>
  objects.map((o) => `${o.objectGuid}@${o.forest}/${o.domain}`).sort();

/** Registers the contract cases; `factory` null = skip (the reason is printed by whoever decided). */
export function runMultiForestContract(name: string, factory: MultiForestFactory | null): void {
  describe.skipIf(factory === null)(`multi-forest OnPremDirectory contract: ${name}`, () => {
    let dir: OnPremDirectory;
    beforeAll(async () => {
      dir = await factory!();
    });
    afterAll(async () => {
      await dir?.close();
    });

    it('finds a user only the second forest holds, by UPN, address, sAMAccountName and GUID', async () => {
      const expected = [`${FOREST2_SEED.nina.guid}@${FOREST2}/${FOREST2}`];
      expect(where(await find(dir, 'nina.new@new.example'))).toEqual(expected);
      expect(where(await find(dir, 'NINA@new.example'))).toEqual(expected);
      expect(where(await find(dir, 'nnew'))).toEqual(expected);
      expect(where(await find(dir, FOREST2_SEED.nina.guid))).toEqual(expected);
      expect(where(await find(dir, FOREST2_SEED.nina.dn))).toEqual(expected);
    });

    it('an address both forests hold finds both accounts, each with its forest and domain', async () => {
      expect(where(await find(dir, 'john@lab.example'))).toEqual(
        [`${SEED.john.guid}@${FOREST1}/${FOREST1}`, `${FOREST2_SEED.john.guid}@${FOREST2}/${FOREST2}`].sort(),
      );
      // A sAMAccountName is unique per domain only: jdoe exists in both forests.
      expect((await find(dir, 'jdoe')).map((o) => o.forest).sort()).toEqual([FOREST1, FOREST2]);
    });

    it('reads the migrated account in full, with the consistency GUID the Global Catalog lacks', async () => {
      const [john] = await find(dir, 'john.doe@new.example');
      expect(john).toMatchObject({
        dn: FOREST2_SEED.john.dn,
        objectGuid: FOREST2_SEED.john.guid,
        consistencyGuid: SEED.john.guid,
        mail: 'john@lab.example',
        mailNickname: 'jdoe',
        forest: FOREST2,
        domain: FOREST2,
      });
      expect([...john!.proxyAddresses].sort()).toEqual([
        'SMTP:john@lab.example',
        'smtp:john.doe@new.example',
      ]);
      const [jane] = await find(dir, 'jane.roe@new.example');
      expect(jane?.consistencyGuid).toBeNull();
    });

    it("finds an account by another forest's objectGUID held in its consistency GUID", async () => {
      // Lab John's objectGUID is his own GUID and the migrated account's anchor value.
      expect(where(await find(dir, SEED.john.guid))).toEqual(
        [`${SEED.john.guid}@${FOREST1}/${FOREST1}`, `${FOREST2_SEED.john.guid}@${FOREST2}/${FOREST2}`].sort(),
      );
    });

    it('finds related objects across forests: the same mail, and the anchor equal to an objectGUID', async () => {
      const [newJohn] = await find(dir, 'john.doe@new.example');
      const related = await dir.findRelated(newJohn!);
      const byGuid = new Map(related.map((o) => [o.objectGuid, o]));
      // Lab John holds the same mail and proxy, and his objectGUID is this account's anchor.
      expect(byGuid.get(SEED.john.guid)).toMatchObject({
        forest: FOREST1,
        domain: FOREST1,
        dn: SEED.john.dn,
      });
      expect(byGuid.has(FOREST2_SEED.john.guid)).toBe(false);
      for (const o of related) expect(o.forest && o.domain, o.dn).toBeTruthy();

      const [labJohn] = await find(dir, SEED.john.dn);
      const fromLab = (await dir.findRelated(labJohn!)).map((o) => o.objectGuid);
      expect(fromLab).toContain(FOREST2_SEED.john.guid);
      // Forest 1's own duplicates are still found (johnny, the group, the contact).
      expect(fromLab).toEqual(expect.arrayContaining([SEED.johnny.guid, SEED.group.guid, SEED.contact.guid]));

      const [nina] = await find(dir, 'nnew');
      expect(await dir.findRelated(nina!)).toEqual([]);
    });

    it('reads any object back by objectGUID, in whichever forest holds it', async () => {
      expect(await dir.readByGuid(SEED.john.guid)).toMatchObject({ dn: SEED.john.dn, forest: FOREST1 });
      expect(await dir.readByGuid(FOREST2_SEED.john.guid.toUpperCase())).toMatchObject({
        dn: FOREST2_SEED.john.dn,
        forest: FOREST2,
        domain: FOREST2,
        consistencyGuid: SEED.john.guid,
      });
      expect(await dir.readByGuid('01234567-89ab-cdef-0123-456789abcdef')).toBeNull();
    });
  });
}
