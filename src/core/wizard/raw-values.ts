// The raw values view: the attribute table a technician would otherwise dig out of ldp.exe and
// Graph Explorer, AD on the left, the cloud target on the right, with differences marked.
import { placeText, showPlace } from '../ad-place.js';
import type { Diagnosis } from '../diagnosis-types.js';
import type { CloudUser } from '../snapshot.js';

export interface RawRow {
  attribute: string;
  ad: string;
  cloud: string;
  /** true equal, false different, null when the two sides are not comparable. */
  same: boolean | null;
}

const NONE = '(empty)';
const show = (v: string | null | undefined): string => (v === null || v === undefined || v === '' ? NONE : v);

function sameText(
  a: string | null | undefined,
  b: string | null | undefined,
  caseSensitive = false,
): boolean {
  const norm = (v: string | null | undefined): string =>
    caseSensitive ? (v ?? '') : (v ?? '').toLowerCase();
  return norm(a) === norm(b);
}

/** Proxy addresses compare as sets, ignoring case and order (docs/matching-facts.md §3: case is unverified). */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const norm = (xs: readonly string[]): string =>
    [...new Set(xs.map((x) => x.toLowerCase()))].sort().join('\n');
  return norm(a) === norm(b);
}

function compared(
  attribute: string,
  ad: string | null | undefined,
  cloud: string | null | undefined,
): RawRow {
  return { attribute, ad: show(ad), cloud: show(cloud), same: sameText(ad, cloud) };
}

function syncState(t: CloudUser | null): string {
  if (!t) return NONE;
  return String(t.onPremisesSyncEnabled);
}

export function rawValueRows(d: Diagnosis): RawRow[] {
  const ad = d.onPrem;
  const t = d.target;
  const anchor = d.anchorSource
    ? `${show(d.expectedImmutableId)} (from ${d.anchorSource})`
    : show(d.expectedImmutableId);
  const rows: RawRow[] = [
    {
      attribute: 'object',
      ad: show(ad?.dn),
      cloud: t ? `${t.id} (${t.management})` : '(no target)',
      same: null,
    },
    {
      attribute: 'immutableId',
      ad: anchor,
      cloud: show(t?.onPremisesImmutableId),
      // Anchors are case-sensitive base64 (docs/matching-facts.md §1).
      same: t ? sameText(d.expectedImmutableId, t.onPremisesImmutableId, true) : null,
    },
    compared('userPrincipalName', ad?.userPrincipalName, t?.userPrincipalName),
    compared('mail', ad?.mail, t?.mail),
    compared('mailNickname', ad?.mailNickname, t?.mailNickname),
    compared('displayName', ad?.displayName, t?.displayName),
    {
      attribute: 'proxyAddresses',
      ad: ad?.proxyAddresses.length ? ad.proxyAddresses.join('\n') : NONE,
      cloud: t?.proxyAddresses.length ? t.proxyAddresses.join('\n') : NONE,
      same: ad && t ? sameSet(ad.proxyAddresses, t.proxyAddresses) : null,
    },
    // Issue 21: the AD object's domain and forest, where several are configured or it is a child domain.
    ...(ad && showPlace(ad, d.forests)
      ? [{ attribute: 'domain', ad: placeText(ad), cloud: '', same: null }]
      : []),
    { attribute: 'objectGUID', ad: show(ad?.objectGuid), cloud: '', same: null },
    { attribute: 'mS-DS-ConsistencyGuid', ad: show(ad?.consistencyGuid), cloud: '', same: null },
    { attribute: 'onPremisesSyncEnabled', ad: '', cloud: syncState(t), same: null },
    { attribute: 'last sync', ad: '', cloud: show(t?.onPremisesLastSyncDateTime), same: null },
  ];
  if (t && t.roles.length > 0)
    rows.push({ attribute: 'directory roles', ad: '', cloud: t.roles.join(', '), same: null });
  if (t && t.onPremisesProvisioningErrors.length > 0) {
    const errors = t.onPremisesProvisioningErrors
      .map((e) => `${e.propertyCausingError}: ${e.value}`)
      .join('\n');
    rows.push({ attribute: 'provisioning errors', ad: '', cloud: errors, same: null });
  }
  if (d.anchorHolder && d.anchorHolder.id !== t?.id) {
    const holder = `${d.anchorHolder.userPrincipalName} (${d.anchorHolder.id})`;
    rows.push({ attribute: 'anchor held by', ad: '', cloud: holder, same: null });
  }
  return rows;
}

/** Before → after of the target across the sync, for the verdict screen. */
export function targetChanges(before: Diagnosis | null, after: Diagnosis | null): RawRow[] {
  const b = before?.target ?? null;
  const a = after?.target ?? null;
  const row = (attribute: string, x: string | null | undefined, y: string | null | undefined): RawRow => ({
    attribute,
    ad: show(x),
    cloud: show(y),
    same: sameText(x, y, true),
  });
  return [
    row('user', b?.userPrincipalName, a?.userPrincipalName),
    row('immutableId', b?.onPremisesImmutableId, a?.onPremisesImmutableId),
    row('management', b?.management, a?.management),
    row('onPremisesSyncEnabled', syncState(b), syncState(a)),
    row('last sync', b?.onPremisesLastSyncDateTime, a?.onPremisesLastSyncDateTime),
  ];
}
