// `syncmatch lab generate --users N --seed S`: a large, deterministic lab scenario with the mix a
// migration workshop meets (issue 9): most users already synced or ready for a soft match, and a
// realistic share of every case the shipped scenarios teach one at a time — stale immutableIds,
// recycle-bin leftovers, placeholder duplicates, group-held addresses, admins, unverified UPN
// suffixes, on-premises duplicates, users outside the sync scope — plus cloud-only accounts.
import { guidToImmutableId } from '../../core/identifiers.js';
import type { Scenario, ScenarioAdObject, ScenarioRecipient } from '../scenario-schema.js';
import {
  addCloudCase,
  type AdView,
  type CaseContext,
  type CloudCase,
  type TenantDraft,
} from './cloud-cases.js';
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, TEAM_WORDS } from './names.js';
import { createRng, seedFrom, type Rng } from './rng.js';

export interface GenerateOptions {
  /** AD users to generate (at least 1). */
  users: number;
  seed: string | number;
  /** Cloud users to aim for; default the number of AD users (cloud-only accounts fill the gap). */
  cloudUsers?: number;
  /** Only this case of the mix for every user (e.g. 'stale-immutable-id': a migration's batch). */
  onlyCase?: string;
}

/** How the AD side of a case looks. */
type AdShape =
  | 'synced'
  | 'fresh'
  | 'migrated'
  | 'federated'
  | 'unverified-upn'
  | 'team-proxy'
  | 'contact-twin'
  | 'pair-twin'
  | 'out-of-scope'
  | 'invalid-alias';

interface GenCase {
  name: string;
  weight: number;
  ad: AdShape;
  cloud: CloudCase | 'matched-or-none';
}

/** The mix, by weight (percent-ish). Every case appears at least once when there are enough users. */
export const GENERATED_CASES: readonly GenCase[] = [
  { name: 'already-matched', weight: 38, ad: 'synced', cloud: 'matched' },
  { name: 'migrated-consistency-guid', weight: 2, ad: 'migrated', cloud: 'matched' },
  { name: 'alias-clash', weight: 1, ad: 'synced', cloud: 'alias-clash' },
  { name: 'ready-for-soft-match', weight: 11, ad: 'fresh', cloud: 'soft-match-ready' },
  { name: 'ready-for-hard-match', weight: 3, ad: 'fresh', cloud: 'hard-match-ready' },
  { name: 'new-user', weight: 10, ad: 'fresh', cloud: 'none' },
  { name: 'stale-immutable-id', weight: 4, ad: 'fresh', cloud: 'stale' },
  { name: 'federated-domain', weight: 1, ad: 'federated', cloud: 'stale' },
  { name: 'recycle-bin-leftover', weight: 2, ad: 'synced', cloud: 'recycle-leftover' },
  { name: 'recycle-bin-restore', weight: 2, ad: 'synced', cloud: 'recycle-restore' },
  { name: 'duplicate-synced-user', weight: 2, ad: 'synced', cloud: 'placeholder-duplicate' },
  { name: 'proxy-conflict-with-group', weight: 2, ad: 'team-proxy', cloud: 'group-conflict' },
  { name: 'admin-role', weight: 1.5, ad: 'fresh', cloud: 'admin' },
  { name: 'admin-role-stamped', weight: 0.5, ad: 'fresh', cloud: 'admin-stamped' },
  { name: 'non-routable-upn', weight: 3, ad: 'unverified-upn', cloud: 'hand-made-on-verified-domain' },
  { name: 'non-routable-upn-new', weight: 1, ad: 'unverified-upn', cloud: 'none' },
  { name: 'on-prem-duplicate-contact', weight: 1.5, ad: 'contact-twin', cloud: 'none' },
  { name: 'on-prem-duplicate-pair', weight: 1, ad: 'pair-twin', cloud: 'none' },
  { name: 'linked-to-other-anchor', weight: 1, ad: 'fresh', cloud: 'linked-other' },
  { name: 'out-of-sync-scope', weight: 2, ad: 'out-of-scope', cloud: 'matched-or-none' },
  { name: 'invalid-attribute', weight: 1, ad: 'invalid-alias', cloud: 'none' },
];

const DOMAIN = 'contoso.com';
const BASE_DN = 'DC=contoso,DC=com';
const INITIAL = 'contoso.onmicrosoft.com';
const LOCAL_DOMAIN = 'contoso.local';
const FEDERATED = 'fabrikam.com';
const AT = '2026-11-20T08:30:00Z';

interface Person {
  first: string;
  last: string;
  local: string;
  sam: string;
  display: string;
}

class People {
  private readonly byName = new Map<string, number>();
  private readonly bySam = new Map<string, number>();
  constructor(private readonly rng: Rng) {}

  next(): Person {
    const first = this.rng.pick(FIRST_NAMES);
    const last = this.rng.pick(LAST_NAMES);
    const key = `${first}.${last}`.toLowerCase();
    const n = (this.byName.get(key) ?? 0) + 1;
    this.byName.set(key, n);
    const samBase = `${first[0]}${last}`.toLowerCase().slice(0, 14);
    const s = (this.bySam.get(samBase) ?? 0) + 1;
    this.bySam.set(samBase, s);
    return {
      first,
      last,
      local: n === 1 ? key : `${key}${n}`,
      sam: s === 1 ? samBase : `${samBase}${s}`,
      display: n === 1 ? `${first} ${last}` : `${first} ${last} ${n}`,
    };
  }
}

function pickCase(rng: Rng, total: number): GenCase {
  let r = rng.next() * total;
  for (const c of GENERATED_CASES) {
    r -= c.weight;
    if (r < 0) return c;
  }
  return GENERATED_CASES[0]!;
}

/** Every case once (in a seeded order), then weighted draws. */
function caseSequence(rng: Rng, count: number): GenCase[] {
  const first = [...GENERATED_CASES];
  for (let i = first.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [first[i], first[j]] = [first[j]!, first[i]!];
  }
  const total = GENERATED_CASES.reduce((s, c) => s + c.weight, 0);
  const out: GenCase[] = [];
  let users = 0;
  while (users < count) {
    let c = out.length < first.length ? first[out.length]! : pickCase(rng, total);
    const size = c.ad === 'pair-twin' ? 2 : 1;
    if (users + size > count) c = GENERATED_CASES.find((x) => x.name === 'new-user')!;
    out.push(c);
    users += c.ad === 'pair-twin' ? 2 : 1;
  }
  return out;
}

interface Draft {
  rng: Rng;
  ad: ScenarioAdObject[];
  tenant: TenantDraft;
  people: People;
}

function adUser(d: Draft, p: Person, shape: AdShape, extraProxies: string[] = []): ScenarioAdObject {
  const upnDomain = shape === 'unverified-upn' ? LOCAL_DOMAIN : shape === 'federated' ? FEDERATED : DOMAIN;
  const upn = `${p.local}@${upnDomain}`;
  const objectGUID = d.rng.guid();
  const ou =
    shape === 'out-of-scope' ? `OU=Leavers,${BASE_DN}` : `OU=${d.rng.pick(DEPARTMENTS)},OU=Staff,${BASE_DN}`;
  const attributes: ScenarioAdObject['attributes'] = {
    sAMAccountName: p.sam,
    userPrincipalName: upn,
    displayName: p.display,
    mailNickname: shape === 'invalid-alias' ? `${p.first} ${p.last}` : p.sam,
    userAccountControl: 512,
  };
  // A UPN on a non-routable suffix usually comes with no mailbox attributes (non-routable-upn).
  if (shape !== 'unverified-upn') {
    attributes.mail = upn;
    attributes.proxyAddresses = [`SMTP:${upn}`, `smtp:${p.sam}@${upnDomain}`, ...extraProxies];
  }
  // Connect writes the anchor back into mS-DS-ConsistencyGuid once it has synced a user.
  if (shape === 'synced' || shape === 'out-of-scope') attributes['mS-DS-ConsistencyGuid'] = objectGUID;
  if (shape === 'migrated') attributes['mS-DS-ConsistencyGuid'] = d.rng.guid();
  const obj: ScenarioAdObject = {
    objectClass: 'user',
    dn: `CN=${p.display},${ou}`,
    objectGUID,
    attributes,
  };
  d.ad.push(obj);
  return obj;
}

/** The values the cloud side is built from (the anchor as the default sourceAnchor computes it). */
export function adViewOf(obj: ScenarioAdObject): AdView {
  const a = obj.attributes;
  const consistency = a['mS-DS-ConsistencyGuid'];
  return {
    sam: a.sAMAccountName ?? '',
    upn: a.userPrincipalName ?? '',
    mail: a.mail ?? null,
    alias: a.mailNickname ?? null,
    displayName: a.displayName ?? '',
    proxies: [...(a.proxyAddresses ?? [])],
    anchor: guidToImmutableId(typeof consistency === 'string' ? consistency : obj.objectGUID),
  };
}

function syncedRecipient(d: Draft, obj: ScenarioAdObject): ScenarioRecipient {
  const a = obj.attributes;
  return {
    id: d.rng.guid(),
    displayName: a.displayName ?? null,
    mail: a.mail ?? null,
    mailNickname: a.mailNickname ?? null,
    proxyAddresses: [...(a.proxyAddresses ?? [])],
    ...(obj.objectClass === 'group' ? { mailEnabled: true } : {}),
    onPremisesSyncEnabled: true,
    onPremisesProvisioningErrors: [],
  };
}

function adRecipient(
  d: Draft,
  objectClass: 'group' | 'contact',
  name: string,
  mail: string,
  alias: string,
  proxies: string[],
): ScenarioAdObject {
  const ou = objectClass === 'group' ? 'Groups' : 'Contacts';
  const obj: ScenarioAdObject = {
    objectClass,
    dn: `CN=${name},OU=${ou},${BASE_DN}`,
    objectGUID: d.rng.guid(),
    attributes: {
      ...(objectClass === 'group' ? { sAMAccountName: alias } : {}),
      displayName: name,
      mail,
      mailNickname: alias,
      proxyAddresses: proxies,
    },
  };
  d.ad.push(obj);
  (objectClass === 'group' ? d.tenant.groups : d.tenant.contacts).push(syncedRecipient(d, obj));
  return obj;
}

function addCase(d: Draft, c: GenCase, index: number, ctx: CaseContext): string {
  const p = d.people.next();
  if (c.ad === 'pair-twin') {
    const shared = `${d.rng.pick(TEAM_WORDS)}-desk-${index}@${DOMAIN}`;
    adUser(d, p, 'fresh', [`smtp:${shared}`]);
    adUser(d, d.people.next(), 'fresh', [`smtp:${shared}`]);
    return p.sam;
  }
  const extra = c.ad === 'team-proxy' ? [`smtp:team-${d.rng.pick(TEAM_WORDS)}-${index}@${DOMAIN}`] : [];
  const shape: AdShape = c.ad === 'team-proxy' || c.ad === 'contact-twin' ? 'fresh' : c.ad;
  const obj = adUser(d, p, shape, extra);
  const view = adViewOf(obj);
  if (c.ad === 'contact-twin') {
    // Before the person was hired, a mail contact forwarded their address (on-prem-duplicates).
    const partner = `${p.local}@partner.example`;
    adRecipient(d, 'contact', `${p.display} (Partner)`, partner, `${p.sam}.partner`, [
      `SMTP:${partner}`,
      `smtp:${view.upn}`,
    ]);
  }
  const cloud: CloudCase = c.cloud === 'matched-or-none' ? (d.rng.chance(0.5) ? 'matched' : 'none') : c.cloud;
  addCloudCase(cloud, view, ctx);
  return p.sam;
}

/** Cloud-only accounts: contractors, shared mailboxes, admins, and the odd orphan of an old sync. */
function addCloudOnly(d: Draft, count: number, ctx: CaseContext): void {
  for (let i = 0; i < count; i++) {
    const p = d.people.next();
    const r = d.rng.next();
    if (r < 0.08) {
      const role = d.rng.pick(['Global Administrator', 'Security Administrator', 'Exchange Administrator']);
      d.tenant.users.push({
        id: d.rng.guid(),
        userPrincipalName: `adm.${p.local}@${INITIAL}`,
        displayName: `${p.display} (admin)`,
        mail: null,
        mailNickname: `adm.${p.local}`,
        proxyAddresses: [],
        onPremisesImmutableId: null,
        onPremisesSyncEnabled: null,
        onPremisesLastSyncDateTime: null,
        onPremisesProvisioningErrors: [],
        directoryRoles: [role],
        eligibleDirectoryRoles: [],
      });
      continue;
    }
    const upn = `${p.local}.ext@${DOMAIN}`;
    const orphan = r > 0.97;
    d.tenant.users.push({
      id: d.rng.guid(),
      userPrincipalName: upn,
      displayName: `${p.display} (external)`,
      mail: upn,
      mailNickname: `${p.local}.ext`,
      proxyAddresses: [`SMTP:${upn}`],
      onPremisesImmutableId: orphan ? guidToImmutableId(d.rng.guid()) : null,
      onPremisesSyncEnabled: orphan ? true : null,
      onPremisesLastSyncDateTime: orphan ? ctx.at : null,
      onPremisesProvisioningErrors: [],
      directoryRoles: [],
      eligibleDirectoryRoles: [],
    });
  }
}

export function generateScenario(options: GenerateOptions): Scenario {
  const count = Math.max(1, Math.floor(options.users));
  const seed = typeof options.seed === 'number' ? options.seed >>> 0 : seedFrom(options.seed);
  const rng = createRng(seed);
  const tenant: TenantDraft = {
    initialDomain: INITIAL,
    verifiedDomain: DOMAIN,
    users: [],
    groups: [],
    contacts: [],
    deletedUsers: [],
  };
  const d: Draft = { rng, ad: [], tenant, people: new People(rng) };
  const ctx: CaseContext = { rng, tenant, at: AT };
  let identity: string | null = null;
  const only = options.onlyCase ? GENERATED_CASES.find((c) => c.name === options.onlyCase) : undefined;
  if (options.onlyCase && (!only || only.ad === 'pair-twin')) {
    throw new Error(`"${options.onlyCase}" is not a single-user case of the generated mix.`);
  }
  const cases = only ? Array.from({ length: count }, () => only) : caseSequence(rng, count);
  cases.forEach((c, i) => {
    const sam = addCase(d, c, i, ctx);
    if (identity === null && c.name === 'stale-immutable-id') identity = sam;
    // Mail-enabled groups and contacts synced from AD, spread through the directory.
    if (i % 25 === 24) {
      const word = rng.pick(TEAM_WORDS);
      const alias = `${word}.${i}`;
      adRecipient(d, 'group', `Team ${word} ${i}`, `${alias}@${DOMAIN}`, alias, [`SMTP:${alias}@${DOMAIN}`]);
    }
    if (i % 60 === 59) {
      const mail = `ext${i}@partner.example`;
      adRecipient(d, 'contact', `External ${i}`, mail, `ext${i}`, [`SMTP:${mail}`]);
    }
  });
  const wanted = options.cloudUsers ?? count;
  addCloudOnly(d, Math.max(0, wanted - tenant.users.length), ctx);
  const name = `generated-${count}-${String(options.seed)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')}`.replace(/-+$/, '');
  return {
    name,
    description:
      `Generated lab: ${count} AD users and ${tenant.users.length} cloud users (seed ${String(options.seed)}), ` +
      'a realistic mix of every case of the shipped scenarios. Made for `syncmatch scan` and training at scale.',
    identity: identity ?? d.ad.find((o) => o.objectClass === 'user')?.attributes.sAMAccountName ?? 'nobody',
    ad: { domain: DOMAIN, objects: d.ad },
    sync: {
      sourceAnchor: 'mS-DS-ConsistencyGuid',
      scope: [`OU=Staff,${BASE_DN}`, `OU=Groups,${BASE_DN}`, `OU=Contacts,${BASE_DN}`],
    },
    tenant: {
      initialDomain: INITIAL,
      domains: [
        { id: DOMAIN, isVerified: true, authenticationType: 'Managed', isDefault: true },
        { id: FEDERATED, isVerified: true, authenticationType: 'Federated' },
        { id: INITIAL, isVerified: true, authenticationType: 'Managed' },
      ],
      features: {
        blockSoftMatchEnabled: false,
        blockCloudObjectTakeoverThroughHardMatchEnabled: false,
        softMatchOnUpnEnabled: true,
        quarantineUponUpnConflictEnabled: true,
        quarantineUponProxyAddressesConflictEnabled: true,
      },
      users: tenant.users,
      groups: tenant.groups,
      contacts: tenant.contacts,
      deletedUsers: tenant.deletedUsers,
    },
  };
}
