// The cloud side of a scan: the whole tenant read once and indexed, and for each AD user the
// CloudView its one-user diagnosis would have read. The view is cut with the same look-ups, in the
// same order, as the Graph adapter's per-user read (adapters/graph/read-plan.ts): UPN, mail and
// proxy address for each of the user's addresses; alias; anchor; same name on another domain; the
// recycle bin by address, anchor and original UPN. Comparisons follow Graph's: case-insensitive,
// except the immutableId (base64 is case-sensitive).
import { addressKey, primarySmtp, smtpAddresses } from '../proxy-addresses.js';
import type { CloudRecipient, CloudUser, CloudView, OnPremObject } from '../snapshot.js';

type Index = Map<string, number[]>;

interface RecipientIndex {
  items: readonly CloudRecipient[];
  byProxy: Index;
  byAlias: Index;
}

export interface TenantIndex {
  all: CloudView;
  users: {
    byUpn: Index;
    byMail: Index;
    byProxy: Index;
    byAlias: Index;
    byImmutableId: Index;
    /** The UPN up to and including its first @ (what startsWith(userPrincipalName,'name@') finds). */
    byUpnPrefix: Index;
  };
  groups: RecipientIndex;
  contacts: RecipientIndex;
  deleted: { byProxy: Index; byImmutableId: Index; byUpn: Index };
}

const lower = (s: string) => s.toLowerCase();

function add(index: Index, key: string | null | undefined, i: number): void {
  if (key === null || key === undefined) return;
  const list = index.get(key);
  if (!list) index.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

/** Keys of a proxyAddresses list as `proxyAddresses/any(p:p eq 'smtp:x')` matches them. */
function proxyKeys(values: readonly string[]): string[] {
  return values.filter((v) => lower(v).startsWith('smtp:')).map((v) => lower(v.slice(5)));
}

function indexRecipients(items: readonly CloudRecipient[]): RecipientIndex {
  const byProxy: Index = new Map();
  const byAlias: Index = new Map();
  items.forEach((r, i) => {
    for (const k of proxyKeys(r.proxyAddresses)) add(byProxy, k, i);
    if (r.mailNickname) add(byAlias, lower(r.mailNickname), i);
  });
  return { items, byProxy, byAlias };
}

export function indexTenant(all: CloudView): TenantIndex {
  const users = {
    byUpn: new Map(),
    byMail: new Map(),
    byProxy: new Map(),
    byAlias: new Map(),
    byImmutableId: new Map(),
    byUpnPrefix: new Map(),
  } satisfies TenantIndex['users'];
  all.users.forEach((u, i) => {
    add(users.byUpn, lower(u.userPrincipalName), i);
    if (u.mail) add(users.byMail, lower(u.mail), i);
    for (const k of proxyKeys(u.proxyAddresses)) add(users.byProxy, k, i);
    if (u.mailNickname) add(users.byAlias, lower(u.mailNickname), i);
    if (u.onPremisesImmutableId) add(users.byImmutableId, u.onPremisesImmutableId, i);
    const at = u.userPrincipalName.indexOf('@');
    if (at >= 0) add(users.byUpnPrefix, lower(u.userPrincipalName.slice(0, at + 1)), i);
  });
  const deleted = {
    byProxy: new Map(),
    byImmutableId: new Map(),
    byUpn: new Map(),
  } satisfies TenantIndex['deleted'];
  all.deletedUsers.forEach((d, i) => {
    for (const k of proxyKeys(d.proxyAddresses)) add(deleted.byProxy, k, i);
    if (d.onPremisesImmutableId) add(deleted.byImmutableId, d.onPremisesImmutableId, i);
    // Deleted users carry their original UPN here (the adapter strips Graph's id prefix).
    add(deleted.byUpn, addressKey(d.userPrincipalName), i);
  });
  return {
    all,
    users,
    groups: indexRecipients(all.groups),
    contacts: indexRecipients(all.contacts),
    deleted,
  };
}

/** The AD user's UPN, mail and SMTP addresses, each once: the values the per-user read looks up. */
export function lookupAddresses(user: OnPremObject): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of [user.userPrincipalName, user.mail, ...smtpAddresses(user.proxyAddresses)]) {
    if (!a || seen.has(addressKey(a))) continue;
    seen.add(addressKey(a));
    out.push(a);
  }
  return out;
}

/** Collects hits in look-up order, each object once (like the adapter's addUnique). */
class Picker<T extends { id: string }> {
  readonly found = new Map<string, T>();
  constructor(private readonly items: readonly T[]) {}
  take(positions: readonly number[] | undefined): void {
    for (const i of positions ?? []) {
      const item = this.items[i]!;
      if (!this.found.has(item.id)) this.found.set(item.id, item);
    }
  }
  list(): T[] {
    return [...this.found.values()];
  }
}

/**
 * The cloud users whose roles the per-user read asks for: those the UPN (or its name part) or the
 * primary SMTP address points at, and the holder of the expected anchor.
 */
function usersThatMatter(user: OnPremObject, anchor: string | null, found: CloudUser[]): CloudUser[] {
  const upn = user.userPrincipalName ? addressKey(user.userPrincipalName) : null;
  const upnPrefix = upn?.includes('@') ? `${upn.split('@')[0]}@` : null;
  const primary = primarySmtp(user.proxyAddresses) ?? user.mail;
  const primaryKey = primary ? addressKey(primary) : null;
  return found.filter((c) => {
    const keys = [c.userPrincipalName, c.mail, ...smtpAddresses(c.proxyAddresses)]
      .filter((v): v is string => !!v)
      .map(addressKey);
    return (
      (upn !== null && addressKey(c.userPrincipalName) === upn) ||
      (upnPrefix !== null && addressKey(c.userPrincipalName).startsWith(upnPrefix)) ||
      (primaryKey !== null && keys.includes(primaryKey)) ||
      (anchor !== null && c.onPremisesImmutableId === anchor)
    );
  });
}

/** What the tenant read for this user would have returned. */
export function cloudViewFor(index: TenantIndex, user: OnPremObject, anchor: string | null): CloudView {
  const { all } = index;
  const users = new Picker(all.users);
  const groups = new Picker(all.groups);
  const contacts = new Picker(all.contacts);
  const deleted = new Picker(all.deletedUsers);
  for (const address of lookupAddresses(user)) {
    const k = lower(address);
    users.take(index.users.byUpn.get(k));
    users.take(index.users.byMail.get(k));
    users.take(index.users.byProxy.get(k));
    groups.take(index.groups.byProxy.get(k));
    contacts.take(index.contacts.byProxy.get(k));
    deleted.take(index.deleted.byProxy.get(k));
  }
  if (user.mailNickname) {
    const k = lower(user.mailNickname);
    users.take(index.users.byAlias.get(k));
    groups.take(index.groups.byAlias.get(k));
    contacts.take(index.contacts.byAlias.get(k));
  }
  if (anchor) {
    users.take(index.users.byImmutableId.get(anchor));
    deleted.take(index.deleted.byImmutableId.get(anchor));
  }
  if (user.userPrincipalName?.includes('@')) {
    users.take(index.users.byUpnPrefix.get(lower(`${user.userPrincipalName.split('@')[0]}@`)));
  }
  if (user.userPrincipalName) deleted.take(index.deleted.byUpn.get(addressKey(user.userPrincipalName)));

  const found = users.list();
  const roles: Record<string, string[]> = {};
  for (const u of usersThatMatter(user, anchor, found)) roles[u.id] = [...(all.roles[u.id] ?? [])];
  return {
    users: found,
    groups: groups.list(),
    contacts: contacts.list(),
    deletedUsers: deleted.list(),
    domains: all.domains,
    features: all.features,
    roles,
  };
}
