// What every rule needs, derived once from the snapshot: the AD user, the expected anchor, the
// cloud target and the anchor holder (issue 4 definitions).
import { expectedAnchor, type ExpectedAnchor } from '../anchor.js';
import { addressKey, hasSmtpAddress, primarySmtp, smtpAddresses } from '../proxy-addresses.js';
import type { CloudUser, CloudView, OnPremObject, Snapshot, TenantFeatures } from '../snapshot.js';

export interface RuleContext {
  snapshot: Snapshot;
  user: OnPremObject;
  anchor: ExpectedAnchor;
  cloud: CloudView | null;
  /** The AD primary SMTP address (SMTP: proxy, else mail). */
  primarySmtp: string | null;
  /** Every SMTP address of the AD user (proxies and mail), primary first. */
  smtp: string[];
  byUpn: CloudUser | null;
  bySmtp: CloudUser | null;
  /** With an unverified UPN suffix: the cloud user with the same name on a verified domain. */
  byUpnPrefix: CloudUser | null;
  /** The cloud user this AD user should become. */
  target: CloudUser | null;
  /** The active cloud user whose immutableId equals the expected anchor. */
  holder: CloudUser | null;
  features: TenantFeatures | null;
  initialDomain: string | null;
  targetRoles: string[];
}

export function same(a: string | null | undefined, b: string | null | undefined): boolean {
  return a != null && b != null && addressKey(a) === addressKey(b);
}

/** True when the cloud object carries `address` as an SMTP proxy or as mail. */
export function holdsAddress(o: { mail: string | null; proxyAddresses: string[] }, address: string): boolean {
  return same(o.mail, address) || hasSmtpAddress(o.proxyAddresses, address);
}

export function isSynced(u: CloudUser): boolean {
  return u.onPremisesSyncEnabled === true;
}

/** The one cloud user named `<prefix>@<verified domain>` when the AD UPN's own suffix is unverified. */
function sameNameOnVerifiedDomain(user: OnPremObject, cloud: CloudView | null): CloudUser | null {
  const upn = user.userPrincipalName;
  if (!cloud || !upn?.includes('@')) return null;
  const [prefix, suffix] = upn.split('@') as [string, string];
  const verified = new Set(cloud.domains.filter((d) => d.isVerified).map((d) => d.id.toLowerCase()));
  if (verified.has(suffix.toLowerCase())) return null;
  const hits = cloud.users.filter((u) => {
    const [p, s] = u.userPrincipalName.toLowerCase().split('@');
    return p === prefix.toLowerCase() && s !== undefined && verified.has(s);
  });
  return hits.length === 1 ? hits[0]! : null;
}

export function buildContext(snapshot: Snapshot, user: OnPremObject): RuleContext {
  const anchor = expectedAnchor(user, snapshot.sync.sourceAnchor);
  const cloud = snapshot.cloud;
  const primary = primarySmtp(user.proxyAddresses) ?? user.mail;
  const smtp = smtpAddresses([
    ...user.proxyAddresses,
    ...(user.mail ? [`smtp:${user.mail}`] : []),
    ...(primary ? [`SMTP:${primary}`] : []),
  ]);
  const users = cloud?.users ?? [];
  const byUpn = users.find((u) => same(u.userPrincipalName, user.userPrincipalName)) ?? null;
  const bySmtp = primary ? (users.find((u) => holdsAddress(u, primary)) ?? null) : null;
  const holder = anchor.value ? (users.find((u) => u.onPremisesImmutableId === anchor.value) ?? null) : null;
  const byUpnPrefix = byUpn || bySmtp ? null : sameNameOnVerifiedDomain(user, cloud);
  const target = byUpn ?? bySmtp ?? byUpnPrefix ?? holder;
  const initialDomain = cloud?.domains.find((d) => d.isInitial)?.id ?? null;
  return {
    snapshot,
    user,
    anchor,
    cloud,
    primarySmtp: primary,
    smtp,
    byUpn,
    bySmtp,
    byUpnPrefix,
    target,
    holder,
    features: cloud?.features ?? null,
    initialDomain,
    targetRoles: target ? (cloud?.roles[target.id] ?? []) : [],
  };
}

/** Short description of a cloud user for evidence. */
export function cloudRef(u: CloudUser): Record<string, unknown> {
  return {
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    onPremisesImmutableId: u.onPremisesImmutableId,
    onPremisesSyncEnabled: u.onPremisesSyncEnabled,
  };
}

export function management(u: CloudUser): string {
  return isSynced(u) ? 'synced from on-premises' : 'cloud-managed';
}
