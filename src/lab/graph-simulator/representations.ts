// How lab objects look through Graph: full representations built fresh from the shared LabState on
// every request (never cached, because the sync engine changes the same arrays between requests);
// which AD object a cloud user is joined to comes from the tenant index (tenant-index.ts).
import type { LabState } from '../lab-state.js';
import type {
  ScenarioAdObject,
  ScenarioCloudUser,
  ScenarioDeletedUser,
  ScenarioGroup,
  ScenarioRecipient,
} from '../scenario-schema.js';
import type { Resource } from './query-options.js';
import { deletedUpn } from './deleted-upn.js';
import { tenantIndex } from './tenant-index.js';

export { deletedUpn };

/** The AD object each synced cloud user is joined to (the engine's metaverse link), by cloud id:
 *  the full scan, kept as the reference the index (tenant-index.ts) is checked against. */
function joinedAdObjects(state: LabState): Map<string, ScenarioAdObject> {
  const byGuid = new Map(state.ad.objects.map((o) => [o.objectGUID.toLowerCase(), o]));
  const out = new Map<string, ScenarioAdObject>();
  for (const [guid, cloudId] of Object.entries(state.joins)) {
    const ad = byGuid.get(guid.toLowerCase());
    if (ad) out.set(cloudId.toLowerCase(), ad);
  }
  return out;
}

function userResource(u: ScenarioCloudUser, ad: ScenarioAdObject | undefined, domain: string): Resource {
  const synced = u.onPremisesSyncEnabled === true && ad !== undefined;
  const attr = ad?.attributes;
  return {
    id: u.id,
    displayName: u.displayName,
    givenName: null,
    surname: null,
    jobTitle: null,
    mail: u.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    businessPhones: [],
    userPrincipalName: u.userPrincipalName,
    accountEnabled: true,
    userType: 'Member',
    createdDateTime: u.createdDateTime ?? null,
    deletedDateTime: null,
    // Not nullable in Graph: an unlicensed user has [] (https://learn.microsoft.com/graph/api/resources/user).
    assignedLicenses: (u.assignedLicenses ?? []).map((l) => ({
      skuId: l.skuId,
      disabledPlans: [...l.disabledPlans],
    })),
    mailNickname: u.mailNickname,
    proxyAddresses: [...u.proxyAddresses],
    onPremisesImmutableId: u.onPremisesImmutableId,
    onPremisesSyncEnabled: u.onPremisesSyncEnabled,
    onPremisesLastSyncDateTime: u.onPremisesLastSyncDateTime,
    onPremisesProvisioningErrors: u.onPremisesProvisioningErrors.map((e) => ({ ...e })),
    onPremisesDistinguishedName: synced ? ad.dn : null,
    onPremisesSamAccountName: synced ? (attr?.sAMAccountName ?? null) : null,
    onPremisesUserPrincipalName: synced ? (attr?.userPrincipalName ?? null) : null,
    onPremisesDomainName: synced ? domain : null,
  };
}

/** Every active user, as Graph represents it. */
export function activeUsers(state: LabState): Resource[] {
  return activeUsersOf(state, state.tenant.users);
}

/** These active users (a filter's candidates from the index), as Graph represents them. */
export function activeUsersOf(state: LabState, users: readonly ScenarioCloudUser[]): Resource[] {
  const index = tenantIndex(state);
  return users.map((u) => userResource(u, index.joinedForList(u.id), state.ad.domain));
}

/** Every active user built by scanning the joins and AD objects (the index's reference). */
export function scannedActiveUsers(state: LabState): Resource[] {
  const joins = joinedAdObjects(state);
  return state.tenant.users.map((u) => userResource(u, joins.get(u.id.toLowerCase()), state.ad.domain));
}

/** One active user, as Graph represents it (without building every other one: GET /users/{id}). */
export function activeUser(state: LabState, u: ScenarioCloudUser): Resource {
  return userResource(u, tenantIndex(state).joinedForOne(u.id), state.ad.domain);
}

/** Every recycle-bin user, with the rewritten UPN and its deletedDateTime. */
export function deletedUsers(state: LabState): Resource[] {
  return deletedUsersOf(state, state.tenant.deletedUsers);
}

export function deletedUsersOf(state: LabState, users: readonly ScenarioDeletedUser[]): Resource[] {
  return users.map((u: ScenarioDeletedUser) => ({
    ...userResource(u, undefined, state.ad.domain),
    userPrincipalName: deletedUpn(u),
    deletedDateTime: u.deletedDateTime,
  }));
}

function recipientResource(r: ScenarioRecipient): Resource {
  return {
    id: r.id,
    displayName: r.displayName,
    mail: r.mail,
    mailNickname: r.mailNickname,
    proxyAddresses: [...r.proxyAddresses],
    onPremisesSyncEnabled: r.onPremisesSyncEnabled,
    onPremisesLastSyncDateTime: null,
    onPremisesProvisioningErrors: r.onPremisesProvisioningErrors.map((e) => ({ ...e })),
    createdDateTime: null,
    deletedDateTime: null,
  };
}

export function groups(state: LabState): Resource[] {
  return groupsOf(state.tenant.groups);
}

export function groupsOf(list: readonly ScenarioGroup[]): Resource[] {
  return list.map((g) => ({
    ...recipientResource(g),
    description: null,
    mailEnabled: g.mailEnabled ?? true,
    securityEnabled: !(g.mailEnabled ?? true),
    groupTypes: [],
    isAssignableToRole: g.isAssignableToRole ?? null,
  }));
}

export function contacts(state: LabState): Resource[] {
  return contactsOf(state.tenant.contacts);
}

export function contactsOf(list: readonly ScenarioRecipient[]): Resource[] {
  return list.map((c) => ({
    ...recipientResource(c),
    givenName: null,
    surname: null,
    companyName: null,
    jobTitle: null,
  }));
}

/** The tenant's domains; the initial `*.onmicrosoft.com` domain is always there, verified and managed. */
export function domains(state: LabState): Resource[] {
  const { initialDomain } = state.tenant;
  const listed = state.tenant.domains.filter((d) => d.id.toLowerCase() !== initialDomain.toLowerCase());
  const anyDefault = listed.some((d) => d.isDefault === true);
  const initial = state.tenant.domains.find((d) => d.id.toLowerCase() === initialDomain.toLowerCase());
  const all = [
    {
      id: initialDomain,
      isVerified: true,
      authenticationType: 'Managed' as const,
      isDefault: initial?.isDefault ?? !anyDefault,
      isInitial: true,
    },
    ...listed.map((d) => ({ ...d, isDefault: d.isDefault ?? false, isInitial: false })),
  ];
  return all.map((d) => ({
    id: d.id,
    authenticationType: d.authenticationType,
    availabilityStatus: null,
    isAdminManaged: true,
    isDefault: d.isDefault,
    isInitial: d.isInitial,
    isRoot: true,
    isVerified: d.isVerified,
    supportedServices: d.isVerified ? ['Email', 'OfficeCommunicationsOnline'] : [],
    passwordValidityPeriodInDays: 2147483647,
    passwordNotificationWindowInDays: 14,
  }));
}

/** The domain a UPN is on, as listed by /domains (null when the tenant does not have it). */
export function domainOf(state: LabState, upn: string): Resource | null {
  const suffix = upn.slice(upn.lastIndexOf('@') + 1).toLowerCase();
  return domains(state).find((d) => String(d['id']).toLowerCase() === suffix) ?? null;
}
