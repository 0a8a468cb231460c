// The OnPremDirectory contract: the same cases run against the real Samba DC (through the LDAP
// adapter) and against the lab's in-memory AD, so the two cannot drift. SEED mirrors
// scripts/test-services/samba-seed.ldif; the Samba run checks the DC holds exactly these GUIDs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { parseIdentity } from '../../src/core/identity-input.js';
import { guidToImmutableId } from '../../src/core/identifiers.js';
import type { OnPremObject } from '../../src/core/snapshot.js';
import type { ScenarioAdObject } from '../../src/lab/scenario-schema.js';
import type { OnPremDirectory } from '../../src/ports.js';

const BASE = 'DC=lab,DC=example';

export const SEED = {
  john: {
    guid: '5c29282a-8e00-41ff-b639-dc4da1aa9294',
    consistencyGuid: '67452301-ab89-efcd-2a28-295c00fedcba',
    dn: `CN=John Doe,OU=Lab,${BASE}`,
  },
  jane: {
    guid: '11111111-2222-3333-4444-555555555555',
    consistencyGuid: '11111111-2222-3333-4444-555555555555',
    dn: `CN=Jane Roe,OU=Lab,${BASE}`,
  },
  obrien: { guid: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', dn: `CN=Pat O'Brien,OU=Lab,${BASE}` },
  johnny: { guid: '22222222-3333-4444-5555-666666666666', dn: `CN=Johnny Dup,OU=Lab,${BASE}` },
  outScope: { guid: '33333333-4444-5555-6666-777777777777', dn: `CN=Out Scope,OU=Elsewhere,${BASE}` },
  group: { guid: '44444444-5555-6666-7777-888888888888', dn: `CN=Mail Group,OU=Lab,${BASE}` },
  contact: { guid: '55555555-6666-7777-8888-999999999999', dn: `CN=Shadow Contact,OU=Lab,${BASE}` },
  bind: { guid: '66666666-7777-8888-9999-aaaaaaaaaaaa', dn: `CN=syncmatch svc,CN=Users,${BASE}` },
} as const;

/** The seed as lab scenario objects (for the in-memory AD). */
export const SEED_OBJECTS: ScenarioAdObject[] = [
  {
    objectClass: 'user',
    dn: SEED.john.dn,
    objectGUID: SEED.john.guid,
    attributes: {
      sAMAccountName: 'jdoe',
      userPrincipalName: 'john.doe@lab.example',
      displayName: 'John Doe',
      mail: 'john@lab.example',
      mailNickname: 'jdoe',
      proxyAddresses: ['SMTP:john@lab.example', 'smtp:j.doe@lab.example'],
      'mS-DS-ConsistencyGuid': SEED.john.consistencyGuid,
      userAccountControl: 66048,
    },
  },
  {
    objectClass: 'user',
    dn: SEED.jane.dn,
    objectGUID: SEED.jane.guid,
    attributes: {
      sAMAccountName: 'jroe',
      userPrincipalName: 'jane.roe@lab.example',
      displayName: 'Jane Roe',
      employeeID: 'E1001',
      mail: 'Jane@Lab.Example',
      mailNickname: 'jroe',
      proxyAddresses: [
        'SMTP:Jane@Lab.Example',
        'smtp:JANE.ROE@LAB.EXAMPLE',
        'smtp:Roe.Jane@Lab.Example',
        'X500:/o=Lab/ou=Exchange/cn=Recipients/cn=jroe',
      ],
      'mS-DS-ConsistencyGuid': SEED.jane.consistencyGuid,
      userAccountControl: 66048,
    },
  },
  {
    objectClass: 'user',
    dn: SEED.obrien.dn,
    objectGUID: SEED.obrien.guid,
    attributes: {
      sAMAccountName: 'obrien',
      userPrincipalName: "o'brien@lab.example",
      displayName: "Pat O'Brien",
      mail: "o'brien@lab.example",
      proxyAddresses: ["SMTP:o'brien@lab.example", 'smtp:shared@lab.example'],
      userAccountControl: 66048,
    },
  },
  {
    objectClass: 'user',
    dn: SEED.johnny.dn,
    objectGUID: SEED.johnny.guid,
    attributes: {
      sAMAccountName: 'jdup',
      userPrincipalName: 'johnny@lab.example',
      displayName: 'Johnny Dup',
      mail: 'shared@lab.example',
      mailNickname: 'jdoe',
      proxyAddresses: ['SMTP:johnny@lab.example'],
      userAccountControl: 66048,
    },
  },
  {
    objectClass: 'user',
    dn: SEED.outScope.dn,
    objectGUID: SEED.outScope.guid,
    attributes: {
      sAMAccountName: 'oscope',
      userPrincipalName: 'out.scope@lab.example',
      displayName: 'Out Scope',
      mail: 'out.scope@lab.example',
      proxyAddresses: ['SMTP:out.scope@lab.example'],
      userAccountControl: 66048,
    },
  },
  {
    objectClass: 'group',
    dn: SEED.group.dn,
    objectGUID: SEED.group.guid,
    attributes: {
      sAMAccountName: 'mailgroup',
      displayName: 'Mail Group',
      mail: 'mailgroup@lab.example',
      mailNickname: 'mailgroup',
      proxyAddresses: ['SMTP:mailgroup@lab.example', 'smtp:J.DOE@lab.example'],
    },
  },
  {
    objectClass: 'contact',
    dn: SEED.contact.dn,
    objectGUID: SEED.contact.guid,
    attributes: {
      displayName: 'Shadow Contact',
      mail: 'shadow@partner.example',
      mailNickname: 'shadow',
      proxyAddresses: ['SMTP:shadow@partner.example', 'smtp:John.Doe@lab.example'],
    },
  },
  {
    objectClass: 'user',
    dn: SEED.bind.dn,
    objectGUID: SEED.bind.guid,
    attributes: {
      sAMAccountName: 'svc-syncmatch',
      userPrincipalName: 'svc-syncmatch@lab.example',
      displayName: 'syncmatch svc',
      userAccountControl: 66048,
    },
  },
];

export interface DirectoryFactoryOptions {
  /** sourceAnchor attribute; the default is mS-DS-ConsistencyGuid. */
  anchorAttribute?: string;
}

export type DirectoryFactory = (options?: DirectoryFactoryOptions) => Promise<OnPremDirectory>;

const guids = (objects: OnPremObject[]) => objects.map((o) => o.objectGuid).sort();
const find = (dir: OnPremDirectory, identity: string) => dir.findUser(parseIdentity(identity));
const sortedCi = (values: string[]) => [...values].sort((a, b) => a.localeCompare(b));

/**
 * Registers the contract cases. `factory` null = skip the whole suite (the reason is printed by
 * whoever decided to skip).
 */
export function runOnPremDirectoryContract(name: string, factory: DirectoryFactory | null): void {
  describe.skipIf(factory === null)(`OnPremDirectory contract: ${name}`, () => {
    let dir: OnPremDirectory;
    const opened: OnPremDirectory[] = [];
    async function open(options?: DirectoryFactoryOptions) {
      const d = await factory!(options);
      opened.push(d);
      return d;
    }
    beforeAll(async () => {
      dir = await open();
    });
    afterAll(async () => {
      await Promise.all(opened.map((d) => d.close()));
    });

    it('maps every attribute the rules read', async () => {
      const [john, ...rest] = await find(dir, 'jdoe');
      expect(rest).toEqual([]);
      expect({ ...john!, proxyAddresses: sortedCi(john!.proxyAddresses) }).toMatchObject({
        objectClass: 'user',
        dn: SEED.john.dn,
        objectGuid: SEED.john.guid,
        consistencyGuid: SEED.john.consistencyGuid,
        sAMAccountName: 'jdoe',
        userPrincipalName: 'john.doe@lab.example',
        mail: 'john@lab.example',
        mailNickname: 'jdoe',
        displayName: 'John Doe',
        proxyAddresses: ['smtp:j.doe@lab.example', 'SMTP:john@lab.example'],
        userAccountControl: 66048,
        isCriticalSystemObject: false,
      });
    });

    it('leaves consistencyGuid null when the attribute is empty', async () => {
      const [pat] = await find(dir, 'obrien');
      expect(pat?.consistencyGuid).toBeNull();
      expect(pat?.mailNickname).toBeNull();
    });

    it('finds a user by sAMAccountName in any case', async () => {
      expect(guids(await find(dir, 'JDOE'))).toEqual([SEED.john.guid]);
    });

    it('finds a user whose objectGUID bytes need filter escaping, by GUID and by immutableId', async () => {
      expect(guids(await find(dir, SEED.john.guid))).toEqual([SEED.john.guid]);
      expect(guids(await find(dir, `{${SEED.john.guid.toUpperCase()}}`))).toEqual([SEED.john.guid]);
      const immutableId = guidToImmutableId(SEED.john.guid);
      expect(immutableId).toBe('KigpXACO/0G2OdxNoaqSlA==');
      expect(guids(await find(dir, immutableId))).toEqual([SEED.john.guid]);
    });

    it('finds a user by its mS-DS-ConsistencyGuid (the default anchor), as GUID and immutableId', async () => {
      expect(guids(await find(dir, SEED.john.consistencyGuid))).toEqual([SEED.john.guid]);
      expect(guids(await find(dir, 'ASNFZ4mrze8qKClcAP7cug=='))).toEqual([SEED.john.guid]);
    });

    it('ignores mS-DS-ConsistencyGuid when the anchor is objectGUID', async () => {
      const byGuid = await open({ anchorAttribute: 'objectGUID' });
      expect(await find(byGuid, 'ASNFZ4mrze8qKClcAP7cug==')).toEqual([]);
      expect(guids(await find(byGuid, guidToImmutableId(SEED.john.guid)))).toEqual([SEED.john.guid]);
    });

    it('finds a user by a custom string anchor and reports its value', async () => {
      const byEmployeeId = await open({ anchorAttribute: 'employeeID' });
      const found = await find(byEmployeeId, 'e1001');
      expect(guids(found)).toEqual([SEED.jane.guid]);
      expect(found[0]?.customAnchorValue).toBe('E1001');
      const [john] = await find(byEmployeeId, 'jdoe');
      expect(john?.customAnchorValue).toBeNull();
    });

    it('finds a user by UPN, mail or any SMTP proxy address, ignoring case', async () => {
      expect(guids(await find(dir, 'JOHN.DOE@Lab.Example'))).toEqual([SEED.john.guid]);
      expect(guids(await find(dir, 'john@LAB.example'))).toEqual([SEED.john.guid]);
      expect(guids(await find(dir, 'J.Doe@lab.example'))).toEqual([SEED.john.guid]);
      // Held only as smtp:Roe.Jane@Lab.Example: the proxy alone matches.
      expect(guids(await find(dir, 'roe.jane@LAB.EXAMPLE'))).toEqual([SEED.jane.guid]);
      expect(guids(await find(dir, 'SMTP:jane@lab.example'))).toEqual([SEED.jane.guid]);
    });

    it('finds a UPN with an apostrophe', async () => {
      expect(guids(await find(dir, "o'brien@lab.example"))).toEqual([SEED.obrien.guid]);
    });

    it('returns users only: a contact or group holding the address is not a match', async () => {
      expect(await find(dir, 'shadow@partner.example')).toEqual([]);
      expect(await find(dir, 'mailgroup@lab.example')).toEqual([]);
      expect(await find(dir, 'mailgroup')).toEqual([]);
      expect(await find(dir, SEED.contact.guid)).toEqual([]);
    });

    it('returns every user an identity names (ambiguous across attributes)', async () => {
      expect(guids(await find(dir, 'shared@lab.example'))).toEqual(
        [SEED.obrien.guid, SEED.johnny.guid].sort(),
      );
    });

    it('finds a user by DN, in any case, and nothing for a group DN or a missing DN', async () => {
      expect(guids(await find(dir, SEED.john.dn))).toEqual([SEED.john.guid]);
      expect(guids(await find(dir, 'cn=john doe,ou=lab,dc=lab,dc=example'))).toEqual([SEED.john.guid]);
      expect(guids(await find(dir, 'CN=John Doe, OU=Lab, DC=lab, DC=example'))).toEqual([SEED.john.guid]);
      expect(await find(dir, SEED.group.dn)).toEqual([]);
      expect(await find(dir, `CN=Nobody,OU=Lab,${BASE}`)).toEqual([]);
    });

    it('refuses a malformed DN as a usage error, naming it', async () => {
      for (const dn of ['CN=a,,,DC=x', 'CN=x=y,DC=lab,DC=example']) {
        const e = await find(dir, dn).then(
          () => null,
          (err: unknown) => err,
        );
        expect(e, dn).toBeInstanceOf(UsageError);
        expect((e as UsageError).message).toContain(dn);
      }
    });

    it('finds users outside any sync scope (scope is a rule, not a search limit)', async () => {
      const [out] = await find(dir, 'oscope');
      expect(out?.dn).toBe(SEED.outScope.dn);
    });

    it('finds nothing for unknown identities', async () => {
      expect(await find(dir, 'nobody@lab.example')).toEqual([]);
      expect(await find(dir, 'nosuchuser')).toEqual([]);
      expect(await find(dir, '01234567-89ab-cdef-0123-456789abcdef')).toEqual([]);
    });

    it('finds related objects across attributes: UPN vs proxy, proxy vs proxy, alias', async () => {
      const [john] = await find(dir, 'jdoe');
      const related = await dir.findRelated(john!);
      expect(guids(related)).toEqual([SEED.johnny.guid, SEED.group.guid, SEED.contact.guid].sort());
      const byGuid = Object.fromEntries(related.map((o) => [o.objectGuid, o]));
      expect(byGuid[SEED.group.guid]?.objectClass).toBe('group');
      expect(byGuid[SEED.contact.guid]?.objectClass).toBe('contact');
      expect(byGuid[SEED.contact.guid]?.dn).toBe(SEED.contact.dn);
      expect(byGuid[SEED.johnny.guid]?.mailNickname).toBe('jdoe');
    });

    it('finds a user holding another user’s proxy address in its mail attribute', async () => {
      const [pat] = await find(dir, 'obrien');
      expect(guids(await dir.findRelated(pat!))).toEqual([SEED.johnny.guid]);
    });

    it('finds nothing related when no other object holds the values', async () => {
      const [jane] = await find(dir, 'jroe');
      expect(await dir.findRelated(jane!)).toEqual([]);
      const [svc] = await find(dir, 'svc-syncmatch');
      expect(await dir.findRelated(svc!)).toEqual([]);
    });

    it('reads any object back by objectGUID', async () => {
      expect((await dir.readByGuid(SEED.group.guid))?.dn).toBe(SEED.group.dn);
      expect((await dir.readByGuid(SEED.john.guid.toUpperCase()))?.sAMAccountName).toBe('jdoe');
      expect(await dir.readByGuid('01234567-89ab-cdef-0123-456789abcdef')).toBeNull();
    });
  });
}
