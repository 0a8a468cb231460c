// The on-premises side of a scan: every object read once, indexed by each value that must be
// unique (UPN, mail, every SMTP address, alias), so "which other objects hold this user's values"
// is a few map look-ups instead of one LDAP search per user. Same answer as the directory's
// findRelated (in-memory AD and LDAP alike): case-insensitive, across attributes, in directory order.
import { addressKey, smtpAddresses } from '../proxy-addresses.js';
import type { OnPremObject } from '../snapshot.js';

export interface DirectoryIndex {
  objects: readonly OnPremObject[];
  /** addressKey of a UPN, mail or SMTP proxy address → positions of the objects holding it. */
  byAddress: Map<string, number[]>;
  /** addressKey of a mailNickname → positions. */
  byAlias: Map<string, number[]>;
}

function add(index: Map<string, number[]>, key: string, i: number): void {
  const list = index.get(key);
  if (!list) index.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

/** The values of an object other objects may not share, each once, non-empty. */
export function uniqueValues(o: OnPremObject): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of [o.userPrincipalName, o.mail, ...smtpAddresses(o.proxyAddresses)]) {
    if (!v || !v.trim()) continue;
    const k = addressKey(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

export function indexDirectory(objects: readonly OnPremObject[]): DirectoryIndex {
  const byAddress = new Map<string, number[]>();
  const byAlias = new Map<string, number[]>();
  objects.forEach((o, i) => {
    for (const v of uniqueValues(o)) add(byAddress, addressKey(v), i);
    if (o.mailNickname?.trim()) add(byAlias, addressKey(o.mailNickname), i);
  });
  return { objects, byAddress, byAlias };
}

/** Other objects holding any of the user's values, in directory order (what findRelated returns). */
export function relatedTo(index: DirectoryIndex, user: OnPremObject): OnPremObject[] {
  const hits = new Set<number>();
  for (const v of uniqueValues(user)) for (const i of index.byAddress.get(addressKey(v)) ?? []) hits.add(i);
  if (user.mailNickname?.trim()) {
    for (const i of index.byAlias.get(addressKey(user.mailNickname)) ?? []) hits.add(i);
  }
  return [...hits]
    .sort((a, b) => a - b)
    .map((i) => index.objects[i]!)
    .filter((o) => o.objectGuid !== user.objectGuid);
}
