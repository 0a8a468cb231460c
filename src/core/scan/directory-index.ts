// The on-premises side of a scan: every object read once, indexed by each value that must be
// unique (UPN, mail, every SMTP address, alias), so "which other objects hold this user's values"
// is a few map look-ups instead of one LDAP search per user. Same answer as the directory's
// findRelated (in-memory AD and LDAP alike): case-insensitive, across attributes, in directory order.
import { addressKey } from '../proxy-addresses.js';
import type { OnPremObject } from '../snapshot.js';

export interface DirectoryIndex {
  objects: readonly OnPremObject[];
  /** addressKey of a UPN, mail or SMTP proxy address → positions of the objects holding it. */
  byAddress: Map<string, number[]>;
  /** addressKey of a mailNickname → positions. */
  byAlias: Map<string, number[]>;
  /** Each object's address keys, computed once (a user's own keys are looked up again). */
  keys: readonly string[][];
  positions: Map<OnPremObject, number>;
  /** Anchor value → positions of the objects that may export it (AD_DUPLICATE_ANCHOR); empty
   *  unless indexed with a sourceAnchor other than objectGUID. */
  byAnchor: Map<string, number[]>;
  sourceAnchor?: string;
}

function add(index: Map<string, number[]>, key: string, i: number): void {
  const list = index.get(key);
  if (!list) index.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

/** addressKeys of the values other objects may not share (UPN, mail, SMTP proxies), each once. */
export function uniqueKeys(o: OnPremObject): string[] {
  const out: string[] = [];
  const push = (v: string | null | undefined) => {
    if (!v || !v.trim()) return;
    const k = addressKey(v);
    if (!out.includes(k)) out.push(k);
  };
  push(o.userPrincipalName);
  push(o.mail);
  // `smtp:`/`SMTP:` values, as parseProxyAddress reads them (type SMTP, any case).
  for (const p of o.proxyAddresses)
    if (p.length > 5 && p[4] === ':' && p.slice(0, 4).toLowerCase() === 'smtp') push(p.slice(5));
  return out;
}

/**
 * The keys under which findRelated's anchor search finds an object (adapters/ldap/filters.ts
 * anchorFilters): its consistency GUID and objectGUID, or its custom anchor value (case-folded).
 */
function anchorKeys(o: OnPremObject, sourceAnchor: string | undefined): string[] {
  const a = sourceAnchor?.trim().toLowerCase();
  if (!a || a === 'objectguid') return [];
  if (a === 'ms-ds-consistencyguid')
    return o.consistencyGuid ? [o.consistencyGuid, o.objectGuid] : [o.objectGuid];
  const v = o.customAnchorValue?.trim();
  return v ? [`custom:${addressKey(v)}`] : [];
}

/** The key a user's own anchor is looked up under (null: nothing to look up). */
function ownAnchorKey(o: OnPremObject, sourceAnchor: string | undefined): string | null {
  const a = sourceAnchor?.trim().toLowerCase();
  if (!a || a === 'objectguid') return null;
  if (a === 'ms-ds-consistencyguid') return o.consistencyGuid ?? o.objectGuid;
  const v = o.customAnchorValue?.trim();
  return v ? `custom:${addressKey(v)}` : null;
}

export function indexDirectory(objects: readonly OnPremObject[], sourceAnchor?: string): DirectoryIndex {
  const byAddress = new Map<string, number[]>();
  const byAnchor = new Map<string, number[]>();
  const byAlias = new Map<string, number[]>();
  const positions = new Map<OnPremObject, number>();
  const keys = objects.map((o, i) => {
    positions.set(o, i);
    const own = uniqueKeys(o);
    for (const k of own) add(byAddress, k, i);
    if (o.mailNickname?.trim()) add(byAlias, addressKey(o.mailNickname), i);
    for (const k of anchorKeys(o, sourceAnchor)) add(byAnchor, k, i);
    return own;
  });
  return { objects, byAddress, byAlias, keys, positions, byAnchor, sourceAnchor };
}

/** Other objects holding any of the user's values, in directory order (what findRelated returns). */
export function relatedTo(index: DirectoryIndex, user: OnPremObject): OnPremObject[] {
  const at = index.positions.get(user);
  const own = at === undefined ? uniqueKeys(user) : index.keys[at]!;
  const hits: number[] = [];
  const collect = (list: number[] | undefined) => {
    for (const i of list ?? []) if (i !== at && !hits.includes(i)) hits.push(i);
  };
  for (const k of own) collect(index.byAddress.get(k));
  if (user.mailNickname?.trim()) collect(index.byAlias.get(addressKey(user.mailNickname)));
  const anchor = ownAnchorKey(user, index.sourceAnchor);
  if (anchor) collect(index.byAnchor.get(anchor));
  return hits
    .sort((a, b) => a - b)
    .map((i) => index.objects[i]!)
    .filter((o) => o.objectGuid !== user.objectGuid);
}
