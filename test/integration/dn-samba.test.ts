// The Samba DC as the oracle for DNs (issue 14): objects whose names hold \, \+ \" \\ and a space
// after an escaped comma are created on the DC (prefixed i14, removed afterwards); then each
// spelling of a DN is looked up by the DC itself (a base search, nothing of ours in between), by
// the lab's in-memory AD holding the same objects, and by the LDAP adapter; and the scope
// OU=Staff is searched by the DC and decided by the one scope check (src/core/dn.ts). All three
// must agree, and the DC's answers are also pinned here, so a change in either side shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, InvalidDNSyntaxError, NoSuchObjectError } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LdapDirectory } from '../../src/adapters/ldap/ldap-directory.js';
import { dnInScope } from '../../src/core/dn.js';
import { UserFacingError } from '../../src/core/errors.js';
import { parseIdentity } from '../../src/core/identity-input.js';
import { InMemoryDirectory } from '../../src/lab/in-memory-ad.js';
import { createLabState } from '../../src/lab/lab-state.js';
import { loadScenario } from '../../src/lab/scenario-loader.js';
import type { ScenarioAdObject } from '../../src/lab/scenario-schema.js';
import { openSamba, samba } from './ldap-service.js';

const ROOT_DIR = join(import.meta.dirname, '..', '..');
const BASE = 'DC=lab,DC=example';
const ROOT = `OU=i14 Root,${BASE}`;
const STAFF = `OU=Staff,${ROOT}`;

/** The objects, by key: the DN as written when created. */
const CREATE: Record<string, string> = {
  inside: `CN=i14 Inside,${STAFF}`,
  evil: `CN=i14 Evil\\,OU\\=Staff,${ROOT}`,
  plus: `CN=i14 a\\+b,${ROOT}`,
  spaced: `CN=i14 Space\\, after,${ROOT}`,
  unspaced: `CN=i14 Space\\,after,${ROOT}`,
  quote: `CN=i14 Q\\"x\\\\y,${ROOT}`,
};

type Answer = { found: string } | 'notFound' | 'invalid';

/** Spellings and what the DC answers (pinned; the test also checks the DC still says so). */
const LOOKUPS: [string, Answer][] = [
  [CREATE.evil!, { found: 'evil' }],
  [`cn=I14 EVIL\\2cou\\3dstaff,ou=i14 root,dc=lab,dc=example`, { found: 'evil' }],
  [`cn=I14 EVIL\\2c ou\\3dstaff,ou=i14 root,dc=lab,dc=example`, 'notFound'],
  [`CN=i14 Evil\\,OU\\=Staff, OU=i14 Root, DC=lab, DC=example`, { found: 'evil' }],
  [`CN=i14 Evil\\,OU=Staff,${ROOT}`, 'invalid'],
  [`CN=i14 Evil,${STAFF}`, 'notFound'],
  [CREATE.plus!, { found: 'plus' }],
  [`CN=i14 a\\2Bb,${ROOT}`, { found: 'plus' }],
  [`CN=i14 a+b,${ROOT}`, 'invalid'],
  [`CN=i14 a+UID=b,${ROOT}`, 'invalid'],
  [CREATE.spaced!, { found: 'spaced' }],
  [CREATE.unspaced!, { found: 'unspaced' }],
  [`CN=i14 Space\\2C after,${ROOT}`, { found: 'spaced' }],
  [`CN=i14 Space\\2Cafter,${ROOT}`, { found: 'unspaced' }],
  [`CN=i14 Space\\,  after,${ROOT}`, { found: 'spaced' }],
  [CREATE.quote!, { found: 'quote' }],
  [`CN=i14 Q\\22x\\5Cy,${ROOT}`, { found: 'quote' }],
  [`CN=i14 Q"x\\\\y,${ROOT}`, 'invalid'],
  [`CN=i14 Inside,OU=Staff,OU=i14 Root,DC=lab,DC=example`, { found: 'inside' }],
  [`  cn=i14 inside ,  ou=STAFF,ou=i14 root,dc=lab,dc=example `, { found: 'inside' }],
  [`CN=i14 Inside\\ ,${STAFF}`, { found: 'inside' }],
  [`CN =i14 Inside,${STAFF}`, 'invalid'],
  [`2.5.4.3=i14 Inside,${STAFF}`, 'invalid'],
  [`CN=i14 Inside,${STAFF},`, 'invalid'],
  [`CN=i14 Inside,,${STAFF}`, 'invalid'],
  [`CN=i14 Inside;${STAFF}`, 'invalid'],
];

function adminPassword(): string {
  // The test DC's administrator password lives in the script that provisions it.
  const script = readFileSync(join(ROOT_DIR, 'scripts', 'test-services', 'service-samba.sh'), 'utf8');
  return /^ADMIN_PW='([^']+)'/m.exec(script)![1]!;
}

describe.skipIf(!samba)('DNs: the Samba DC, the lab AD and the LDAP adapter agree (RFC 4514)', () => {
  const s = samba!;
  let admin: Client;
  let adapter: LdapDirectory;
  let lab: InMemoryDirectory;
  /** key → objectGUID, and the DN the DC stores. */
  const guids: Record<string, string> = {};
  const dns: Record<string, string> = {};

  async function removeAll(): Promise<void> {
    const found = await admin
      .search(ROOT, { scope: 'sub', filter: '(objectClass=*)', attributes: ['dn'] })
      .then((r) => r.searchEntries.map((e) => e.dn))
      .catch((e: unknown) => (e instanceof NoSuchObjectError ? [] : Promise.reject(e)));
    // Deepest first.
    for (const dn of found.sort((a, b) => b.length - a.length)) await admin.del(dn);
  }

  beforeAll(async () => {
    admin = new Client({ url: s.url, tlsOptions: { ca: [readFileSync(s.caFile, 'utf8')] } });
    await admin.bind(`Administrator@${s.realm.toLowerCase()}`, adminPassword());
    await removeAll();
    await admin.add(ROOT, { objectClass: ['top', 'organizationalUnit'], ou: 'i14 Root' });
    await admin.add(STAFF, { objectClass: ['top', 'organizationalUnit'], ou: 'Staff' });
    let n = 0;
    for (const dn of Object.values(CREATE)) {
      await admin.add(dn, {
        objectClass: ['top', 'person', 'organizationalPerson', 'user'],
        sAMAccountName: `i14-dn-${n++}`,
      });
    }
    const entries = (
      await admin.search(ROOT, {
        scope: 'sub',
        filter: '(objectClass=user)',
        attributes: ['objectGUID', 'sAMAccountName'],
        explicitBufferAttributes: ['objectGUID'],
      })
    ).searchEntries;
    const objects: ScenarioAdObject[] = [];
    for (const e of entries) {
      const key = Object.keys(CREATE)[Number(String(e.sAMAccountName).slice('i14-dn-'.length))]!;
      const b = e.objectGUID as Buffer;
      const hex = b.toString('hex');
      const guid = `${hex.slice(6, 8)}${hex.slice(4, 6)}${hex.slice(2, 4)}${hex.slice(0, 2)}-${hex.slice(10, 12)}${hex.slice(8, 10)}-${hex.slice(14, 16)}${hex.slice(12, 14)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      guids[key] = guid;
      dns[key] = e.dn;
      objects.push({
        objectClass: 'user',
        dn: e.dn,
        objectGUID: guid,
        attributes: { sAMAccountName: String(e.sAMAccountName) },
      } as ScenarioAdObject);
    }
    expect(Object.keys(guids).sort()).toEqual(Object.keys(CREATE).sort());
    const scenario = await loadScenario(
      join(ROOT_DIR, 'test', 'fixtures', 'scenarios', 'hostile-values.json'),
    );
    const state = createLabState({ ...scenario, ad: { ...scenario.ad, objects } });
    lab = new InMemoryDirectory(state);
    adapter = await openSamba(s);
  }, 60_000);

  afterAll(async () => {
    await adapter?.close();
    if (admin) {
      await removeAll();
      await admin.unbind();
    }
  });

  const byGuid = (guid: string): Answer => {
    const key = Object.keys(guids).find((k) => guids[k] === guid);
    return key ? { found: key } : 'notFound';
  };

  /** The DC alone: a base search on the DN as typed. */
  async function dcAnswer(dn: string): Promise<Answer> {
    try {
      const r = await admin.search(dn, {
        scope: 'base',
        filter: '(objectClass=user)',
        attributes: ['objectGUID'],
        explicitBufferAttributes: ['objectGUID'],
      });
      if (r.searchEntries.length === 0) return 'notFound';
      const found = Object.keys(dns).find((k) => dns[k] === r.searchEntries[0]!.dn);
      return found ? { found } : 'notFound';
    } catch (e) {
      if (e instanceof NoSuchObjectError) return 'notFound';
      if (e instanceof InvalidDNSyntaxError) return 'invalid';
      throw e;
    }
  }

  async function oursAnswer(find: () => Promise<{ objectGuid: string }[]>): Promise<Answer> {
    try {
      const found = await find();
      if (found.length !== 1) return found.length === 0 ? 'notFound' : 'invalid';
      return byGuid(found[0]!.objectGuid);
    } catch (e) {
      if (e instanceof UserFacingError && e.exitCode === 2) return 'invalid';
      throw e;
    }
  }

  it.each(LOOKUPS)('%s', async (dn, expected) => {
    const dc = await dcAnswer(dn);
    const inLab = await oursAnswer(() => lab.findUser(parseIdentity(dn)));
    const viaAdapter = await oursAnswer(() => adapter.findUser(parseIdentity(dn)));
    expect({ dc, inLab, viaAdapter }).toEqual({ dc: expected, inLab: expected, viaAdapter: expected });
  });

  it.each([STAFF, 'ou=staff, ou=I14 ROOT,dc=lab,dc=example', ROOT])(
    'scope %s: the DC’s subtree search and the one scope check list the same users',
    async (scope) => {
      const r = await admin.search(scope, { scope: 'sub', filter: '(objectClass=user)', attributes: ['dn'] });
      const dc = r.searchEntries.map((e) => Object.keys(dns).find((k) => dns[k] === e.dn)).sort();
      const ours = Object.keys(dns)
        .filter((k) => dnInScope(dns[k]!, [scope]))
        .sort();
      expect(ours).toEqual(dc);
      if (scope !== ROOT) expect(dc).toEqual(['inside']); // never "i14 Evil,OU=Staff"
    },
  );
});
