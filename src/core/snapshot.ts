// The plain data one diagnosis reads: what AD and the tenant hold for one identity.
// Adapters fill it; the rules only read it (no I/O past this point).

/** An on-premises AD object as the rules see it. GUID-valued attributes are GUID strings. */
export interface OnPremObject {
  objectClass: 'user' | 'group' | 'contact';
  dn: string;
  /** objectGUID as a GUID string. */
  objectGuid: string;
  sAMAccountName: string | null;
  userPrincipalName: string | null;
  mail: string | null;
  mailNickname: string | null;
  displayName: string | null;
  proxyAddresses: string[];
  /** mS-DS-ConsistencyGuid as a GUID string, or null when empty. */
  consistencyGuid: string | null;
  /** The value of a custom (non-GUID) anchor attribute, when one is configured. */
  customAnchorValue?: string | null;
  userAccountControl?: number | null;
  isCriticalSystemObject?: boolean;
  /** The forest's root domain DNS name (e.g. `lab.example`), set by every reader (issue 21). */
  forest?: string;
  /** The DNS name of the object's own domain (e.g. `child.lab.example`), from its DN's DC= parts. */
  domain?: string;
}

/** `onPremisesProvisioningErrors` entry (Graph). */
export interface ProvisioningError {
  category: string;
  occurredDateTime: string | null;
  propertyCausingError: string;
  value: string;
}

/** A cloud user (active or soft-deleted) with the properties the rules need. */
export interface CloudUser {
  id: string;
  userPrincipalName: string;
  displayName: string | null;
  mail: string | null;
  mailNickname: string | null;
  proxyAddresses: string[];
  onPremisesImmutableId: string | null;
  /** true while synced; null or false means cloud-managed (docs/matching-facts.md §2.8). */
  onPremisesSyncEnabled: boolean | null;
  onPremisesLastSyncDateTime: string | null;
  onPremisesProvisioningErrors: ProvisioningError[];
  /** Set for recycle-bin users only. */
  deletedDateTime?: string | null;
  /** Recycle-bin users only (issue 13, point 5: what a purge loses): when it was created. */
  createdDateTime?: string | null;
  /** Recycle-bin users only: the skuIds of its assignedLicenses; undefined when not read. */
  assignedLicenseSkuIds?: string[];
}

/** A cloud group or organisational contact: holders of proxy addresses and aliases. */
export interface CloudRecipient {
  kind: 'group' | 'contact';
  id: string;
  displayName: string | null;
  mail: string | null;
  mailNickname: string | null;
  proxyAddresses: string[];
  onPremisesSyncEnabled?: boolean | null;
  onPremisesProvisioningErrors?: ProvisioningError[];
}

export interface TenantDomain {
  id: string;
  isVerified: boolean;
  isInitial: boolean;
  isDefault?: boolean;
  authenticationType: 'Managed' | 'Federated';
}

/** `GET /directory/onPremisesSynchronization` features that change matching. */
export interface TenantFeatures {
  blockSoftMatchEnabled: boolean;
  blockCloudObjectTakeoverThroughHardMatchEnabled: boolean;
  softMatchOnUpnEnabled: boolean;
  quarantineUponUpnConflictEnabled?: boolean;
  quarantineUponProxyAddressesConflictEnabled?: boolean;
}

/** Which attribute the sourceAnchor comes from. */
export type AnchorAttribute = 'mS-DS-ConsistencyGuid' | 'objectGUID' | (string & {});

/** How the sync is configured, as far as matching depends on it. */
export interface SyncSettings {
  sourceAnchor: AnchorAttribute;
  /** OU DNs in scope; empty means the whole domain. */
  scope: string[];
  /** The configured forests' root domain names, oldest first: the last is the migration's target
   *  forest (issue 21). Absent or one name: a single forest. */
  forests?: string[];
}

/** What the on-premises read found. */
export interface OnPremView {
  /** Every object the identity matched (more than one is ambiguous). */
  matches: OnPremObject[];
  /** Other objects holding any of the user's values (UPN, mail, SMTP proxies, alias). */
  related: OnPremObject[];
}

/** A part of the tenant read that answers one or more checks (issue 19). */
export type CloudCheck =
  | 'users'
  | 'deletedUsers'
  | 'groups'
  | 'contacts'
  | 'domains'
  | 'features'
  | 'activeRoles'
  | 'eligibleRoles'
  | 'groupRoles';

/** A check the tenant read could not make, and why: the rest of the diagnosis goes on without it. */
export interface SkippedCheck {
  check: CloudCheck;
  /** permission: the sign-in lacks it; licence: the tenant's tier has no such data; graph-error: another refusal. */
  reason: 'permission' | 'licence' | 'graph-error';
  /** The permission that would allow the read (reason 'permission'). */
  permission?: string;
  /** The licence the read needs (reason 'licence'). */
  licence?: string;
  /** What Graph answered. */
  status?: number;
  graphCode?: string;
}

/** One directory role a user holds, and how: assigned (active) or eligible, directly or through a group. */
export interface RoleGrant {
  role: string;
  kind: 'active' | 'eligible';
  /** The role-assignable group the role reaches the user through (null: assigned to the user). */
  viaGroup: { id: string; displayName: string | null } | null;
}

/** What the tenant read found for this user's values. */
export interface CloudView {
  /** Active users found by UPN, any SMTP address, alias or the expected immutableId. */
  users: CloudUser[];
  groups: CloudRecipient[];
  contacts: CloudRecipient[];
  /** Recycle-bin users found by UPN, address or immutableId. */
  deletedUsers: CloudUser[];
  domains: TenantDomain[];
  /** null when the sign-in may not read them (app-only, or 403). */
  features: TenantFeatures | null;
  /** Directory role names per cloud user id (active and eligible), for the users that matter. */
  roles: Record<string, string[]>;
  /** How each role in `roles` is held (direct or through a group), where the reader knows it. */
  roleGrants?: Record<string, RoleGrant[]>;
  /** Checks the read could not make (a permission, a licence, a refusal); absent or empty: none. */
  skipped?: SkippedCheck[];
  /** false: the tenant has never run directory sync (no onPremisesSynchronization object). */
  syncConfigured?: boolean;
}

/** Everything one diagnosis needs. */
export interface Snapshot {
  identity: string;
  sync: SyncSettings;
  onPrem: OnPremView;
  /** null when the AD read found no single user (then the tenant is not read). */
  cloud: CloudView | null;
}
