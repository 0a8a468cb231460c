// Indexes over the lab tenant so the simulator answers the filters a diagnosis sends (id, UPN, mail,
// mailNickname, onPremisesImmutableId, a proxy address, a UPN prefix) without building and testing
// the representation of every object. The index only narrows: it gives a superset of the objects
// that can match, in the collection's order, and the filter is still evaluated on each candidate by
// filter-rules.ts, so answers are those of the full scan. A filter it cannot narrow (ne, not,
// ranges, other properties) is answered by the full scan, as before.
// Kept correct by: rebuilding when an indexed array is replaced or changes length, or when
// lab-state-changes.ts announces an in-place change; the simulator's own PATCH /users/{id}
// re-indexes that one user (refreshUser).
import type { LabState } from '../lab-state.js';
import { indexCheckEnabled, labStateEpoch } from '../lab-state-changes.js';
import type {
  ScenarioAdObject,
  ScenarioCloudUser,
  ScenarioDeletedUser,
  ScenarioRecipient,
} from '../scenario-schema.js';
import type { FilterNode, Literal } from './odata-filter.js';
import { deletedUpn } from './deleted-upn.js';
import type { ResourceSchema } from './schemas.js';

/** A key as the filter compares it: lower case unless the property is case-sensitive. */
type Keyed = [property: string, key: string];
/** The UPN up to and including its first `@`: what `startsWith(userPrincipalName,'jdoe@')` selects. */
const UPN_LOCAL = 'userPrincipalName@';

const lower = (v: string | null | undefined): string | null =>
  typeof v === 'string' ? v.toLowerCase() : null;

function upnLocal(upn: string): string | null {
  const at = upn.indexOf('@');
  return at < 0 ? null : upn.slice(0, at + 1).toLowerCase();
}

function recipientKeys(r: ScenarioRecipient, upn: string | null): Keyed[] {
  const out: Keyed[] = [['id', r.id.toLowerCase()]];
  const mail = lower(r.mail);
  if (mail !== null) out.push(['mail', mail]);
  const nick = lower(r.mailNickname);
  if (nick !== null) out.push(['mailNickname', nick]);
  for (const p of r.proxyAddresses) out.push(['proxyAddresses', p.toLowerCase()]);
  if (upn !== null) {
    out.push(['userPrincipalName', upn.toLowerCase()]);
    const local = upnLocal(upn);
    if (local !== null) out.push([UPN_LOCAL, local]);
  }
  return out;
}

function userKeys(u: ScenarioCloudUser, upn: string): Keyed[] {
  const out = recipientKeys(u, upn);
  // Case-sensitive (base64), as the schema compares it.
  if (typeof u.onPremisesImmutableId === 'string')
    out.push(['onPremisesImmutableId', u.onPremisesImmutableId]);
  return out;
}

/** One collection: key → objects, each object's position (for the collection's order) and keys. */
class CollectionIndex<T extends object> {
  private readonly maps = new Map<string, Map<string, Set<T>>>();
  private readonly keysOf = new Map<T, Keyed[]>();
  private readonly position = new Map<T, number>();

  readonly length: number;

  constructor(
    readonly list: readonly T[],
    private readonly keyer: (o: T) => Keyed[],
  ) {
    this.length = list.length;
    list.forEach((o, i) => {
      this.position.set(o, i);
      this.add(o);
    });
  }

  private add(o: T): void {
    const keys = this.keyer(o);
    this.keysOf.set(o, keys);
    for (const [property, key] of keys) {
      let map = this.maps.get(property);
      if (!map) this.maps.set(property, (map = new Map()));
      let set = map.get(key);
      if (!set) map.set(key, (set = new Set()));
      set.add(o);
    }
  }

  /** Re-reads one object's keys after it changed in place. */
  refresh(o: T): void {
    for (const [property, key] of this.keysOf.get(o) ?? []) this.maps.get(property)?.get(key)?.delete(o);
    if (this.position.has(o)) this.add(o);
  }

  /** Every object with a key of this property that passes `test` (cheap: keys, not representations). */
  scan(property: string, test: (key: string) => boolean): ReadonlySet<T> {
    const out = new Set<T>();
    for (const [key, set] of this.maps.get(property) ?? []) if (test(key)) for (const o of set) out.add(o);
    return out;
  }

  lookup(property: string, key: string): ReadonlySet<T> {
    return this.maps.get(property)?.get(key) ?? EMPTY;
  }

  /** The candidates in the collection's order. */
  ordered(set: ReadonlySet<T>): T[] {
    return [...set].sort((a, b) => this.position.get(a)! - this.position.get(b)!);
  }
}

const EMPTY: ReadonlySet<never> = new Set();

export type TenantCollection = 'users' | 'deletedUsers' | 'groups' | 'contacts';

export class TenantIndex {
  readonly epoch: number;
  private readonly lists: readonly (readonly object[])[];
  private readonly lengths: number[];
  private readonly adObjects: readonly ScenarioAdObject[];
  private readonly adLength: number;
  private readonly joins: Record<string, string>;
  // Each part is built on first use: a paged read of every user needs the joins, not the keys.
  private usersIndex?: CollectionIndex<ScenarioCloudUser>;
  private deletedIndex?: CollectionIndex<ScenarioDeletedUser>;
  private groupsIndex?: CollectionIndex<ScenarioRecipient>;
  private contactsIndex?: CollectionIndex<ScenarioRecipient>;
  /** The AD object joined to each cloud user (by lower-case cloud id), as the list representation
   *  picks it (the last join and the last AD object with that GUID win), and as GET /users/{id}
   *  picks it (the first of each). */
  private joined?: { last: Map<string, ScenarioAdObject>; first: Map<string, ScenarioAdObject> };

  constructor(readonly state: LabState) {
    const t = state.tenant;
    this.epoch = labStateEpoch(state);
    this.lists = [t.users, t.deletedUsers, t.groups, t.contacts];
    this.lengths = this.lists.map((l) => l.length);
    this.adObjects = state.ad.objects;
    this.adLength = state.ad.objects.length;
    this.joins = state.joins;
  }

  get users(): CollectionIndex<ScenarioCloudUser> {
    return (this.usersIndex ??= new CollectionIndex(this.state.tenant.users, (u) =>
      userKeys(u, u.userPrincipalName),
    ));
  }

  get deletedUsers(): CollectionIndex<ScenarioDeletedUser> {
    return (this.deletedIndex ??= new CollectionIndex(this.state.tenant.deletedUsers, (u) =>
      userKeys(u, deletedUpn(u)),
    ));
  }

  get groups(): CollectionIndex<ScenarioRecipient> {
    return (this.groupsIndex ??= new CollectionIndex(this.state.tenant.groups, (g) =>
      recipientKeys(g, null),
    ));
  }

  get contacts(): CollectionIndex<ScenarioRecipient> {
    return (this.contactsIndex ??= new CollectionIndex(this.state.tenant.contacts, (c) =>
      recipientKeys(c, null),
    ));
  }

  /** After the simulator's PATCH of one user (only when the users' keys were built). */
  refreshUser(user: ScenarioCloudUser): void {
    this.usersIndex?.refresh(user);
  }

  private joinMaps(): { last: Map<string, ScenarioAdObject>; first: Map<string, ScenarioAdObject> } {
    if (this.joined) return this.joined;
    const last = new Map<string, ScenarioAdObject>();
    const first = new Map<string, ScenarioAdObject>();
    const lastByGuid = new Map<string, ScenarioAdObject>();
    const firstByGuid = new Map<string, ScenarioAdObject>();
    for (const o of this.state.ad.objects) {
      const g = o.objectGUID.toLowerCase();
      lastByGuid.set(g, o);
      if (!firstByGuid.has(g)) firstByGuid.set(g, o);
    }
    for (const [guid, cloudId] of Object.entries(this.state.joins)) {
      const id = cloudId.toLowerCase();
      const found = lastByGuid.get(guid.toLowerCase());
      if (found) last.set(id, found);
      // GET /users/{id} takes the first join naming the user, found or not.
      if (!first.has(id)) first.set(id, firstByGuid.get(guid.toLowerCase()) ?? NOT_FOUND);
    }
    return (this.joined = { last, first });
  }

  fresh(): boolean {
    const { state } = this;
    const t = state.tenant;
    const now = [t.users, t.deletedUsers, t.groups, t.contacts];
    return (
      labStateEpoch(state) === this.epoch &&
      now.every((l, i) => l === this.lists[i] && l.length === this.lengths[i]) &&
      state.ad.objects === this.adObjects &&
      state.ad.objects.length === this.adLength &&
      state.joins === this.joins
    );
  }

  /** The AD object the list representation shows for a cloud user (representations.ts joinedAdObjects). */
  joinedForList(cloudId: string): ScenarioAdObject | undefined {
    return this.joinMaps().last.get(cloudId.toLowerCase());
  }

  /** The AD object GET /users/{id} shows (representations.ts activeUser). */
  joinedForOne(cloudId: string): ScenarioAdObject | undefined {
    const o = this.joinMaps().first.get(cloudId.toLowerCase());
    return o === NOT_FOUND ? undefined : o;
  }

  /** An active user by object id or UPN (case-insensitive), the first in the collection's order. */
  activeUser(key: string): ScenarioCloudUser | undefined {
    const k = key.toLowerCase();
    const set = new Set([...this.users.lookup('id', k), ...this.users.lookup('userPrincipalName', k)]);
    const found = this.users
      .ordered(set)
      .find((u) => u.id.toLowerCase() === k || u.userPrincipalName.toLowerCase() === k);
    this.check(`the user ${key}`, found, () =>
      this.state.tenant.users.find(
        (u) => u.id.toLowerCase() === k || u.userPrincipalName.toLowerCase() === k,
      ),
    );
    return found;
  }

  /** The first active user other than `selfId` holding this immutableId (compared exactly). */
  immutableIdHolder(value: string, selfId: string | null): ScenarioCloudUser | undefined {
    const found = this.users
      .ordered(this.users.lookup('onPremisesImmutableId', value))
      .find((u) => u.id !== selfId && u.onPremisesImmutableId === value);
    this.check('immutableId holder', found, () =>
      this.state.tenant.users.find((u) => u.id !== selfId && u.onPremisesImmutableId === value),
    );
    return found;
  }

  /** The first recycle-bin user holding this immutableId. */
  deletedImmutableIdHolder(value: string): ScenarioDeletedUser | undefined {
    const found = this.deletedUsers
      .ordered(this.deletedUsers.lookup('onPremisesImmutableId', value))
      .find((u) => u.onPremisesImmutableId === value);
    this.check('deleted immutableId holder', found, () =>
      this.state.tenant.deletedUsers.find((u) => u.onPremisesImmutableId === value),
    );
    return found;
  }

  /** The first active user other than `selfId` with this UPN (case-insensitive). */
  upnHolder(upn: string, selfId: string | null): ScenarioCloudUser | undefined {
    const k = upn.toLowerCase();
    const found = this.users
      .ordered(this.users.lookup('userPrincipalName', k))
      .find((u) => u.id !== selfId && u.userPrincipalName.toLowerCase() === k);
    this.check('UPN holder', found, () =>
      this.state.tenant.users.find((u) => u.id !== selfId && u.userPrincipalName.toLowerCase() === k),
    );
    return found;
  }

  /** With SYNCMATCH_LAB_INDEX_CHECK=1: the indexed answer must be the scan's. */
  private check<T>(what: string, found: T, scan: () => T): void {
    if (indexCheckEnabled() && scan() !== found) throw new Error(`lab index out of date: ${what}`);
  }
}

const NOT_FOUND = {
  objectGUID: '',
  dn: '',
  objectClass: 'user',
  attributes: {},
} as unknown as ScenarioAdObject;

const indexes = new WeakMap<LabState, TenantIndex>();

/** The state's tenant index, rebuilt first when the state changed since it was built. */
export function tenantIndex(state: LabState): TenantIndex {
  let index = indexes.get(state);
  if (!index || !index.fresh()) {
    index = new TenantIndex(state);
    indexes.set(state, index);
  }
  return index;
}

/** After the simulator's own PATCH of one user: that user's keys are read again. */
export function refreshUser(state: LabState, user: ScenarioCloudUser): void {
  const index = indexes.get(state);
  if (index?.fresh()) index.refreshUser(user);
}

/**
 * The objects of a collection that may match `tree` (a superset, in the collection's order), or
 * null when the filter gives no indexed way in (then every object is a candidate).
 */
export function candidates<T extends object>(
  index: CollectionIndex<T>,
  tree: FilterNode,
  schema: ResourceSchema,
): T[] | null {
  const set = narrow(index, tree, schema);
  return set === null ? null : index.ordered(set);
}

function keyOf(schema: ResourceSchema, property: string, value: Literal): string | null {
  if (typeof value !== 'string') return null;
  return schema.properties[property]?.caseSensitive === true ? value : value.toLowerCase();
}

const INDEXED = new Set(['id', 'userPrincipalName', 'mail', 'mailNickname', 'onPremisesImmutableId']);

function narrow<T extends object>(
  index: CollectionIndex<T>,
  node: FilterNode,
  schema: ResourceSchema,
): ReadonlySet<T> | null {
  switch (node.kind) {
    case 'compare': {
      if (node.op !== 'eq' || !INDEXED.has(node.property)) return null;
      const key = keyOf(schema, node.property, node.value);
      return key === null ? null : index.lookup(node.property, key);
    }
    case 'in': {
      if (!INDEXED.has(node.property)) return null;
      const out = new Set<T>();
      for (const v of node.values) {
        const key = keyOf(schema, node.property, v);
        if (key === null) return null;
        for (const o of index.lookup(node.property, key)) out.add(o);
      }
      return out;
    }
    case 'call': {
      if (node.property !== 'userPrincipalName' || typeof node.value !== 'string') return null;
      if (node.fn === 'endswith') {
        // endsWith(userPrincipalName,'jdoe@contoso.com') (the recycle bin's rewritten UPNs): the keys.
        const suffix = node.value.toLowerCase();
        return index.scan('userPrincipalName', (k) => k.endsWith(suffix));
      }
      // startsWith(userPrincipalName,'jdoe@'): the UPNs whose part up to the first @ is 'jdoe@'.
      const at = node.value.indexOf('@');
      if (at < 0 || at !== node.value.length - 1) return null;
      return index.lookup(UPN_LOCAL, node.value.toLowerCase());
    }
    case 'lambda': {
      // proxyAddresses/any(p:p eq 'SMTP:x') (or several such terms joined by or).
      if (node.quantifier !== 'any' || node.property !== 'proxyAddresses') return null;
      const values = lambdaValues(node.predicate, node.variable);
      if (values === null) return null;
      const caseSensitive = schema.properties[node.property]?.caseSensitive === true;
      const out = new Set<T>();
      for (const v of values) {
        for (const o of index.lookup(node.property, caseSensitive ? v : v.toLowerCase())) out.add(o);
      }
      return out;
    }
    case 'or': {
      const left = narrow(index, node.left, schema);
      if (left === null) return null;
      const right = narrow(index, node.right, schema);
      if (right === null) return null;
      return new Set([...left, ...right]);
    }
    case 'and': {
      // Either side narrows the whole: the filter is evaluated on every candidate afterwards.
      const left = narrow(index, node.left, schema);
      const right = narrow(index, node.right, schema);
      if (left === null) return right;
      if (right === null) return left;
      return left.size <= right.size
        ? new Set([...left].filter((o) => right.has(o)))
        : new Set([...right].filter((o) => left.has(o)));
    }
    case 'not':
      return null;
  }
}

/** The values `v eq '…'` (joined by or) compares the lambda variable with; null for anything else. */
function lambdaValues(node: FilterNode, variable: string): string[] | null {
  if (node.kind === 'compare') {
    return node.op === 'eq' && node.property === variable && typeof node.value === 'string'
      ? [node.value]
      : null;
  }
  if (node.kind === 'or') {
    const left = lambdaValues(node.left, variable);
    const right = left && lambdaValues(node.right, variable);
    return left && right ? [...left, ...right] : null;
  }
  return null;
}

/** With SYNCMATCH_LAB_INDEX_CHECK=1: the indexed answer must be the full scan's (same ids, same order). */
export function checkAgainstScan(
  what: string,
  indexed: readonly Record<string, unknown>[],
  scanned: readonly Record<string, unknown>[],
): void {
  if (!indexCheckEnabled()) return;
  const a = indexed.map((r) => String(r['id'])).join(',');
  const b = scanned.map((r) => String(r['id'])).join(',');
  if (a !== b)
    throw new Error(`lab index out of date for ${what}: indexed [${a}] but a full scan gives [${b}]`);
}
