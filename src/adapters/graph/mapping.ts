// Graph JSON → the snapshot's plain types. Graph omits or nulls what it was not asked for; the
// adapter always $selects these lists, so a null here really is null in the tenant.
import type {
  CloudRecipient,
  CloudUser,
  ProvisioningError,
  TenantDomain,
  TenantFeatures,
} from '../../core/snapshot.js';

export const USER_SELECT = [
  'id',
  'userPrincipalName',
  'displayName',
  'mail',
  'mailNickname',
  'proxyAddresses',
  'onPremisesImmutableId',
  'onPremisesSyncEnabled',
  'onPremisesLastSyncDateTime',
  'onPremisesProvisioningErrors',
].join(',');

/**
 * Recycle-bin users: also what a purge loses for good (issue 13, point 5). createdDateTime,
 * deletedDateTime and assignedLicenses are user properties returned only when $select names them
 * (https://learn.microsoft.com/graph/api/resources/user).
 */
export const DELETED_USER_SELECT = `${USER_SELECT},deletedDateTime,createdDateTime,assignedLicenses`;

export const RECIPIENT_SELECT = [
  'id',
  'displayName',
  'mail',
  'mailNickname',
  'proxyAddresses',
  'onPremisesSyncEnabled',
  'onPremisesProvisioningErrors',
].join(',');

export const DOMAIN_SELECT = 'id,isVerified,isInitial,isDefault,authenticationType';

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function provisioningErrors(v: unknown): ProvisioningError[] {
  if (!Array.isArray(v)) return [];
  return v.map((e: Json) => ({
    category: str(e['category']) ?? 'PropertyConflict',
    occurredDateTime: str(e['occurredDateTime']),
    propertyCausingError: str(e['propertyCausingError']) ?? '',
    value: str(e['value']) ?? '',
  }));
}

/**
 * Entra rewrites a deleted user's UPN to `<objectId without hyphens><original UPN>` (docs/matching-facts.md §3).
 * The snapshot carries the original UPN, so rules compare it like any other; the prefix is removed
 * only when it is exactly this object's id.
 */
export function originalUpnOfDeleted(id: string, upn: string): string {
  const prefix = id.replace(/-/g, '').toLowerCase();
  return upn.toLowerCase().startsWith(prefix) && upn.length > prefix.length ? upn.slice(prefix.length) : upn;
}

export function toCloudUser(raw: Json, deleted = false): CloudUser {
  const id = String(raw['id']);
  const upn = str(raw['userPrincipalName']) ?? '';
  const user: CloudUser = {
    id,
    userPrincipalName: deleted ? originalUpnOfDeleted(id, upn) : upn,
    displayName: str(raw['displayName']),
    mail: str(raw['mail']),
    mailNickname: str(raw['mailNickname']),
    proxyAddresses: strings(raw['proxyAddresses']),
    onPremisesImmutableId: str(raw['onPremisesImmutableId']),
    onPremisesSyncEnabled:
      typeof raw['onPremisesSyncEnabled'] === 'boolean' ? raw['onPremisesSyncEnabled'] : null,
    onPremisesLastSyncDateTime: str(raw['onPremisesLastSyncDateTime']),
    onPremisesProvisioningErrors: provisioningErrors(raw['onPremisesProvisioningErrors']),
  };
  if (deleted) {
    user.deletedDateTime = str(raw['deletedDateTime']);
    // Only when asked for: a read without them leaves them undefined ("not read"), never null.
    if ('createdDateTime' in raw) user.createdDateTime = str(raw['createdDateTime']);
    // assignedLicenses: [{ skuId, disabledPlans }] (https://learn.microsoft.com/graph/api/resources/assignedlicense).
    if (Array.isArray(raw['assignedLicenses'])) {
      user.assignedLicenseSkuIds = (raw['assignedLicenses'] as Json[])
        .map((l) => str(l?.['skuId']))
        .filter((s): s is string => s !== null);
    }
  }
  return user;
}

export function toRecipient(raw: Json, kind: 'group' | 'contact'): CloudRecipient {
  return {
    kind,
    id: String(raw['id']),
    displayName: str(raw['displayName']),
    mail: str(raw['mail']),
    mailNickname: str(raw['mailNickname']),
    proxyAddresses: strings(raw['proxyAddresses']),
    onPremisesSyncEnabled:
      typeof raw['onPremisesSyncEnabled'] === 'boolean' ? raw['onPremisesSyncEnabled'] : null,
    onPremisesProvisioningErrors: provisioningErrors(raw['onPremisesProvisioningErrors']),
  };
}

export function toDomain(raw: Json): TenantDomain {
  return {
    id: String(raw['id']),
    isVerified: raw['isVerified'] === true,
    isInitial: raw['isInitial'] === true,
    isDefault: raw['isDefault'] === true,
    authenticationType: raw['authenticationType'] === 'Federated' ? 'Federated' : 'Managed',
  };
}

/** The `features` of the first onPremisesDirectorySynchronization object (one per tenant). */
export function toFeatures(body: unknown): TenantFeatures | null {
  const value = (body as { value?: Json[] } | null)?.value;
  const f = value?.[0]?.['features'] as Json | undefined;
  if (!f) return null;
  const flag = (name: string, fallback: boolean) =>
    typeof f[name] === 'boolean' ? (f[name] as boolean) : fallback;
  return {
    blockSoftMatchEnabled: flag('blockSoftMatchEnabled', false),
    blockCloudObjectTakeoverThroughHardMatchEnabled: flag(
      'blockCloudObjectTakeoverThroughHardMatchEnabled',
      false,
    ),
    softMatchOnUpnEnabled: flag('softMatchOnUpnEnabled', true),
    quarantineUponUpnConflictEnabled: flag('quarantineUponUpnConflictEnabled', true),
    quarantineUponProxyAddressesConflictEnabled: flag('quarantineUponProxyAddressesConflictEnabled', true),
  };
}

/** The switches of a tenant that never ran directory sync: Graph's defaults. */
export function defaultFeatures(): TenantFeatures {
  return toFeatures({ value: [{ features: {} }] })!;
}
