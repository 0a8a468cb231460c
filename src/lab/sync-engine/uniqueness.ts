// Who already holds a UPN or an SMTP address in the tenant. Entra ID keeps UPNs and SMTP proxy
// addresses unique across users, groups and contacts (docs/matching-facts.md §F4), and checks one attribute
// against the other: a UPN equal to another object's proxy address is a conflict too (the case
// IdFix misses, docs/matching-facts.md §5). UNVERIFIED: the exact cross-attribute rule; the lab applies both ways.
// Values compare case-insensitively (UNVERIFIED for proxyAddresses in Graph, docs/matching-facts.md §3; AD and
// Exchange treat addresses so). Soft-deleted users do not block a value (docs/matching-facts.md §2.8: proxies kept but not blocking; their
// UPN is rewritten anyway).
import { addressKey, parseProxyAddress } from '../../core/proxy-addresses.js';
import type { LabTenant } from '../lab-state.js';
import { indexCheckEnabled } from '../lab-state-changes.js';
import { holderIndexFor } from './holder-index.js';

export interface Holder {
  kind: 'user' | 'group' | 'contact';
  id: string;
  displayName: string | null;
  /** How it holds the value. */
  via: 'userPrincipalName' | 'proxyAddresses';
}

function holdsSmtp(proxies: readonly string[], key: string): boolean {
  return proxies.some((p) => {
    const parsed = parseProxyAddress(p);
    return parsed.isSmtp && addressKey(parsed.address) === key;
  });
}

/** Every object other than `selfId` that holds `address` as a UPN or an SMTP proxy address. */
export function holdersOf(tenant: LabTenant, address: string, selfId: string | null): Holder[] {
  const key = addressKey(address);
  // During a run, only the objects the run's index names as possible holders (holder-index.ts).
  const index = holderIndexFor(tenant);
  if (!index) return collect(tenant.users, tenant.groups, tenant.contacts, key, selfId);
  const out = collect(
    index.users.candidates(key),
    index.groups.candidates(key),
    index.contacts.candidates(key),
    key,
    selfId,
  );
  if (indexCheckEnabled()) {
    const scanned = collect(tenant.users, tenant.groups, tenant.contacts, key, selfId);
    if (JSON.stringify(scanned) !== JSON.stringify(out))
      throw new Error(`lab holder index out of date for ${key}`);
  }
  return out;
}

function collect(
  users: readonly LabTenant['users'][number][],
  groups: readonly LabTenant['groups'][number][],
  contacts: readonly LabTenant['contacts'][number][],
  key: string,
  selfId: string | null,
): Holder[] {
  const out: Holder[] = [];
  for (const u of users) {
    if (u.id === selfId) continue;
    if (addressKey(u.userPrincipalName) === key) {
      out.push({ kind: 'user', id: u.id, displayName: u.displayName, via: 'userPrincipalName' });
    } else if (holdsSmtp(u.proxyAddresses, key)) {
      out.push({ kind: 'user', id: u.id, displayName: u.displayName, via: 'proxyAddresses' });
    }
  }
  for (const g of groups) {
    if (g.id !== selfId && holdsSmtp(g.proxyAddresses, key)) {
      out.push({ kind: 'group', id: g.id, displayName: g.displayName, via: 'proxyAddresses' });
    }
  }
  for (const c of contacts) {
    if (c.id !== selfId && holdsSmtp(c.proxyAddresses, key)) {
      out.push({ kind: 'contact', id: c.id, displayName: c.displayName, via: 'proxyAddresses' });
    }
  }
  return out;
}

export function isTaken(tenant: LabTenant, address: string, selfId: string | null): boolean {
  return holdersOf(tenant, address, selfId).length > 0;
}
