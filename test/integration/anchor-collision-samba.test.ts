// Issue 13, point 1, against the real Samba DC: two users whose anchors collide (one's
// mS-DS-ConsistencyGuid is the other's objectGUID) are found by the related search's binary
// filters, diagnosed as AD_DUPLICATE_ANCHOR, found the same way by the in-memory AD and by the
// scan's index. The two users (names prefixed i13) are created for the test and removed after it.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Attribute, Client } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LdapDirectory } from '../../src/adapters/ldap/ldap-directory.js';
import { diagnose } from '../../src/core/diagnose.js';
import { guidToBytes, guidToImmutableId } from '../../src/core/identifiers.js';
import { parseIdentity } from '../../src/core/identity-input.js';
import { createScanner } from '../../src/core/scan/scanner.js';
import type { CloudView, OnPremObject } from '../../src/core/snapshot.js';
import { InMemoryDirectory } from '../../src/lab/in-memory-ad.js';
import { createLabState } from '../../src/lab/lab-state.js';
import { parseScenario } from '../../src/lab/scenario-loader.js';
import { openSamba, samba } from './ldap-service.js';

/** The DC's administrator password, as the service script that provisioned it sets it. */
function adminPassword(): string {
  const script = readFileSync(
    join(import.meta.dirname, '../../scripts/test-services/service-samba.sh'),
    'utf8',
  );
  const pw = /^ADMIN_PW='([^']*)'/m.exec(script)?.[1];
  if (!pw) throw new Error('ADMIN_PW not found in service-samba.sh');
  return pw;
}

const EMPTY_TENANT: CloudView = {
  users: [],
  groups: [],
  contacts: [],
  deletedUsers: [],
  domains: [{ id: 'lab.example', isVerified: true, isInitial: true, authenticationType: 'Managed' }],
  features: null,
  roles: {},
};

describe.skipIf(!samba)('AD_DUPLICATE_ANCHOR against the Samba DC', () => {
  const s = samba!;
  const tag = randomBytes(3).toString('hex');
  const ownerDn = `CN=i13 owner ${tag},${s.scopeOu}`;
  const copyDn = `CN=i13 copy ${tag},${s.scopeOu}`;
  let admin: Client;
  let dir: LdapDirectory;
  let owner: OnPremObject;
  let copy: OnPremObject;

  beforeAll(async () => {
    admin = new Client({ url: s.url, tlsOptions: { ca: [readFileSync(s.caFile)] } });
    await admin.bind(`Administrator@${s.realm.toLowerCase()}`, adminPassword());
    const user = (sam: string) => ({
      objectClass: ['top', 'person', 'organizationalPerson', 'user'],
      sAMAccountName: sam,
      userPrincipalName: `${sam}@lab.example`,
      userAccountControl: '514',
    });
    await admin.add(ownerDn, user(`i13o${tag}`));
    dir = await openSamba(s);
    owner = (await dir.findUser(parseIdentity(`i13o${tag}`)))[0]!;
    // The copy carries the owner's objectGUID in mS-DS-ConsistencyGuid, as raw bytes.
    await admin.add(copyDn, [
      ...Object.entries(user(`i13c${tag}`)).map(
        ([type, v]) => new Attribute({ type, values: Array.isArray(v) ? v : [v] }),
      ),
      new Attribute({ type: 'mS-DS-ConsistencyGuid', values: [Buffer.from(guidToBytes(owner.objectGuid))] }),
    ]);
    copy = (await dir.findUser(parseIdentity(`i13c${tag}`)))[0]!;
  });

  afterAll(async () => {
    for (const dn of [copyDn, ownerDn]) await admin?.del(dn).catch(() => undefined);
    await admin?.unbind().catch(() => undefined);
    await dir?.close();
  });

  it('reads the copied value back as the owner’s GUID', () => {
    expect(copy.consistencyGuid).toBe(owner.objectGuid);
    expect(copy.objectGuid).not.toBe(owner.objectGuid);
  });

  it('finds each one from the other through the related search (binary filters on both attributes)', async () => {
    expect((await dir.findRelated(copy)).map((o) => o.dn)).toEqual([ownerDn]);
    expect((await dir.findRelated(owner)).map((o) => o.dn)).toEqual([copyDn]);
  });

  it('diagnoses AD_DUPLICATE_ANCHOR with both objects and the command that clears the copy', async () => {
    const d = diagnose({
      identity: copy.sAMAccountName!,
      sync: { sourceAnchor: 'mS-DS-ConsistencyGuid', scope: [s.scopeOu] },
      onPrem: { matches: [copy], related: await dir.findRelated(copy) },
      cloud: EMPTY_TENANT,
    });
    const f = d.findings.find((x) => x.code === 'AD_DUPLICATE_ANCHOR');
    expect(f?.severity).toBe('error');
    expect(f?.evidence).toMatchObject({
      anchor: guidToImmutableId(owner.objectGuid),
      owner: 'other',
      user: { dn: copyDn },
      other: { dn: ownerDn },
    });
    expect(d.plan.map((p) => p.action)).toEqual(['MANUAL']);
    expect(d.plan[0]!.manual!.instructions.join(' ')).toContain(
      `Set-ADObject -Identity '${copy.objectGuid}' -Clear 'mS-DS-ConsistencyGuid'`,
    );
  });

  it('the in-memory AD and the scan index find the same objects as the DC', async () => {
    const toScenario = (o: OnPremObject) => ({
      objectClass: o.objectClass,
      dn: o.dn,
      objectGUID: o.objectGuid,
      attributes: {
        sAMAccountName: o.sAMAccountName!,
        userPrincipalName: o.userPrincipalName!,
        ...(o.consistencyGuid ? { 'mS-DS-ConsistencyGuid': o.consistencyGuid } : {}),
      },
    });
    const state = createLabState(
      parseScenario(
        JSON.stringify({
          name: 'i13-samba',
          description: 'The two colliding users as the DC returned them.',
          identity: copy.sAMAccountName,
          ad: { domain: 'lab.example', objects: [owner, copy].map(toScenario) },
          tenant: { initialDomain: 'lab.onmicrosoft.com' },
        }),
        'i13-samba',
      ),
    );
    const mem = new InMemoryDirectory(state);
    expect((await mem.findRelated(copy)).map((o) => o.dn)).toEqual([ownerDn]);
    expect((await mem.findRelated(owner)).map((o) => o.dn)).toEqual([copyDn]);
    const scanner = createScanner({
      objects: [owner, copy],
      tenant: EMPTY_TENANT,
      sync: { sourceAnchor: 'mS-DS-ConsistencyGuid', scope: [s.scopeOu] },
      scope: [],
    });
    expect(scanner.users).toHaveLength(2);
    for (const u of scanner.users) {
      expect(scanner.forecastUser(u).findings.map((f) => f.code)).toContain('AD_DUPLICATE_ANCHOR');
    }
  });
});
