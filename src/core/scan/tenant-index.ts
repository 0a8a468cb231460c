// The cloud side of a scan: the whole tenant read once and indexed, and for each AD user the
// CloudView its one-user diagnosis would have read. The view is cut with the same look-ups, in the
// same order, as the Graph adapter's per-user read (adapters/graph/read-plan.ts): UPN, mail and
// proxy address for each of the user's addresses; alias; anchor; same name on another domain; the
// recycle bin by address, anchor and original UPN. Comparisons follow Graph's: case-insensitive,
// except the immutableId (base64 is case-sensitive).
import { usersThatMatter } from '../users-that-matter.js';
import { addressKey, userAddresses } from '../proxy-addresses.js';
import type { CloudView, OnPremObject, RoleGrant } from '../snapshot.js';

type Index = Map<string, number[]>;

/**
 * One map for every look-up an address makes (users by UPN, mail and proxy; groups, contacts and
 * deleted users by proxy): one probe per address instead of six. Each hit is `kind * SLOT + position`,
 * and the lists are built kind after kind, so a list is already in the read's order.
 */
const SLOT = 2 ** 26;
const Hit = {
  UserUpn: 0,
  UserMail: 1,
  UserProxy: 2,
  GroupProxy: 3,
  ContactProxy: 4,
  DeletedProxy: 5,
} as const;
/** Aliases: users, groups, contacts. */
const AliasHit = { User: 0, Group: 1, Contact: 2 } as const;

export interface TenantIndex {
  all: CloudView;
  byAddress: Index;
  byAlias: Index;
  usersByImmutableId: Index;
  /** The UPN up to and including its first @ (what startsWith(userPrincipalName,'name@') finds). */
  usersByUpnPrefix: Index;
  deletedByImmutableId: Index;
  /** A deleted user's original UPN. */
  deletedByUpn: Index;
}

const lower = (s: string) => s.toLowerCase();

function add(index: Index, key: string | null | undefined, code: number): void {
  if (key === null || key === undefined) return;
  const list = index.get(key);
  if (!list) index.set(key, [code]);
  else if (list[list.length - 1] !== code) list.push(code);
}

/** Keys of a proxyAddresses list as `proxyAddresses/any(p:p eq 'smtp:x')` matches them. */
function proxyKeys(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) if (v.length >= 5 && lower(v.slice(0, 5)) === 'smtp:') out.push(lower(v.slice(5)));
  return out;
}

export function indexTenant(all: CloudView): TenantIndex {
  const byAddress: Index = new Map();
  const byAlias: Index = new Map();
  const usersByImmutableId: Index = new Map();
  const usersByUpnPrefix: Index = new Map();
  const deletedByImmutableId: Index = new Map();
  const deletedByUpn: Index = new Map();
  const code = (kind: number, i: number) => kind * SLOT + i;
  all.users.forEach((u, i) => add(byAddress, lower(u.userPrincipalName), code(Hit.UserUpn, i)));
  all.users.forEach((u, i) => u.mail && add(byAddress, lower(u.mail), code(Hit.UserMail, i)));
  all.users.forEach((u, i) => {
    for (const k of proxyKeys(u.proxyAddresses)) add(byAddress, k, code(Hit.UserProxy, i));
  });
  all.groups.forEach((g, i) => {
    for (const k of proxyKeys(g.proxyAddresses)) add(byAddress, k, code(Hit.GroupProxy, i));
  });
  all.contacts.forEach((c, i) => {
    for (const k of proxyKeys(c.proxyAddresses)) add(byAddress, k, code(Hit.ContactProxy, i));
  });
  all.deletedUsers.forEach((d, i) => {
    for (const k of proxyKeys(d.proxyAddresses)) add(byAddress, k, code(Hit.DeletedProxy, i));
  });
  all.users.forEach((u, i) => u.mailNickname && add(byAlias, lower(u.mailNickname), code(AliasHit.User, i)));
  all.groups.forEach(
    (g, i) => g.mailNickname && add(byAlias, lower(g.mailNickname), code(AliasHit.Group, i)),
  );
  all.contacts.forEach(
    (c, i) => c.mailNickname && add(byAlias, lower(c.mailNickname), code(AliasHit.Contact, i)),
  );
  all.users.forEach((u, i) => {
    if (u.onPremisesImmutableId) add(usersByImmutableId, u.onPremisesImmutableId, i);
    const at = u.userPrincipalName.indexOf('@');
    if (at >= 0) add(usersByUpnPrefix, lower(u.userPrincipalName.slice(0, at + 1)), i);
  });
  all.deletedUsers.forEach((d, i) => {
    if (d.onPremisesImmutableId) add(deletedByImmutableId, d.onPremisesImmutableId, i);
    // Deleted users carry their original UPN here (the adapter strips Graph's id prefix).
    add(deletedByUpn, addressKey(d.userPrincipalName), i);
  });
  return {
    all,
    byAddress,
    byAlias,
    usersByImmutableId,
    usersByUpnPrefix,
    deletedByImmutableId,
    deletedByUpn,
  };
}

/** Collects hits in look-up order, each object once (like the adapter's addUnique). */
class Picker<T> {
  readonly found: T[] = [];
  constructor(private readonly items: readonly T[]) {}
  take(positions: readonly number[] | undefined): void {
    if (positions) for (const i of positions) this.takeOne(i);
  }
  takeOne(i: number): void {
    // Views hold a handful of objects: a linear check beats a Set per user.
    const item = this.items[i]!;
    if (!this.found.includes(item)) this.found.push(item);
  }
}

/** What the tenant read for this user would have returned. */
export function cloudViewFor(index: TenantIndex, user: OnPremObject, anchor: string | null): CloudView {
  const { all } = index;
  const users = new Picker(all.users);
  const groups = new Picker(all.groups);
  const contacts = new Picker(all.contacts);
  const deleted = new Picker(all.deletedUsers);
  const route = (hits: readonly number[] | undefined, pickers: readonly Picker<{ id: string }>[]) => {
    if (!hits) return;
    for (const h of hits) pickers[Math.floor(h / SLOT)]!.takeOne(h % SLOT);
  };
  const byKind = [users, users, users, groups, contacts, deleted];
  for (const address of userAddresses(user)) route(index.byAddress.get(lower(address)), byKind);
  if (user.mailNickname) route(index.byAlias.get(lower(user.mailNickname)), [users, groups, contacts]);
  if (anchor) {
    users.take(index.usersByImmutableId.get(anchor));
    deleted.take(index.deletedByImmutableId.get(anchor));
  }
  if (user.userPrincipalName?.includes('@')) {
    users.take(index.usersByUpnPrefix.get(lower(`${user.userPrincipalName.split('@')[0]}@`)));
  }
  if (user.userPrincipalName) deleted.take(index.deletedByUpn.get(addressKey(user.userPrincipalName)));

  const found = users.found;
  const roles: Record<string, string[]> = {};
  const roleGrants: Record<string, RoleGrant[]> = {};
  for (const u of usersThatMatter(user, anchor, found)) {
    roles[u.id] = [...(all.roles[u.id] ?? [])];
    roleGrants[u.id] = [...(all.roleGrants?.[u.id] ?? [])];
  }
  return {
    users: found,
    groups: groups.found,
    contacts: contacts.found,
    deletedUsers: deleted.found,
    domains: all.domains,
    features: all.features,
    roles,
    // What the bulk read could not check holds for every user (issue 19).
    ...(all.roleGrants ? { roleGrants } : {}),
    ...(all.skipped ? { skipped: all.skipped } : {}),
    ...(all.syncConfigured === false ? { syncConfigured: false } : {}),
  };
}
