// Which Graph queries one diagnosis needs (docs/matching-facts.md §2–§3, issue 4 "Reading"): every lookup is
// independent, so all of them go out in one round of parallel $batch calls; only the role lookups
// wait for the first round, because they need the ids of the users that matter.
import { userAddresses } from '../../core/proxy-addresses.js';
import type { OnPremObject } from '../../core/snapshot.js';
import type { BatchRequest } from './batch.js';
import type { GraphOperation } from './errors.js';
import { DELETED_USER_SELECT, DOMAIN_SELECT, RECIPIENT_SELECT, USER_SELECT } from './mapping.js';
import { proxyAddressFilter, quote, withQuery } from './odata.js';

export type LookupKind =
  | 'users'
  | 'groups'
  | 'contacts'
  | 'deletedUsers'
  | 'domains'
  | 'features'
  | 'roleAssignments'
  | 'roleEligibility'
  | 'memberOf';

export interface Lookup {
  kind: LookupKind;
  operation: GraphOperation;
  request: BatchRequest;
  /** For roles: whose roles these are. */
  principalId?: string;
  /** For the endsWith lookup of deleted users: keep only this original UPN (endsWith over-matches). */
  exactUpn?: string;
}

/** Advanced queries (endsWith, ne, …) need this header and `$count=true` (docs/matching-facts.md §3). */
export const EVENTUAL = { ConsistencyLevel: 'eventual' };

export function planTenantReads(user: OnPremObject, expectedImmutableId: string | null): Lookup[] {
  const lookups: Lookup[] = [];
  const add = (
    kind: LookupKind,
    operation: GraphOperation,
    url: string,
    headers?: Record<string, string>,
    exactUpn?: string,
  ) =>
    lookups.push({
      kind,
      operation,
      request: { id: String(lookups.length + 1), method: 'GET', url, ...(headers ? { headers } : {}) },
      ...(exactUpn ? { exactUpn } : {}),
    });
  const users = (filter: string) =>
    add('users', 'read-users', withQuery('/users', { $filter: filter, $select: USER_SELECT }));
  const groups = (filter: string) =>
    add('groups', 'read-groups', withQuery('/groups', { $filter: filter, $select: RECIPIENT_SELECT }));
  const contacts = (filter: string) =>
    add('contacts', 'read-contacts', withQuery('/contacts', { $filter: filter, $select: RECIPIENT_SELECT }));
  const deleted = (filter: string, exactUpn?: string) =>
    add(
      'deletedUsers',
      'read-deleted-users',
      withQuery('/directory/deletedItems/microsoft.graph.user', {
        $filter: filter,
        $select: DELETED_USER_SELECT,
        $count: exactUpn ? 'true' : undefined,
      }),
      exactUpn ? EVENTUAL : undefined,
      exactUpn,
    );

  // Every address is checked against every attribute that can hold it, across object types: a UPN
  // may collide with another user's proxy address, a proxy with a group's (docs/matching-facts.md §3).
  for (const address of userAddresses(user)) {
    users(`userPrincipalName eq ${quote(address)}`);
    users(`mail eq ${quote(address)}`);
    users(proxyAddressFilter(address));
    groups(proxyAddressFilter(address));
    contacts(proxyAddressFilter(address));
    deleted(proxyAddressFilter(address));
  }
  if (user.mailNickname) {
    const alias = `mailNickname eq ${quote(user.mailNickname)}`;
    users(alias);
    groups(alias);
    contacts(alias);
  }
  if (expectedImmutableId) {
    users(`onPremisesImmutableId eq ${quote(expectedImmutableId)}`);
    deleted(`onPremisesImmutableId eq ${quote(expectedImmutableId)}`);
  }
  if (user.userPrincipalName?.includes('@')) {
    // The same name on another domain: with a UPN suffix the tenant has not verified (.local), this
    // is how the cloud user the technician created by hand is found (docs/matching-facts.md §F1).
    const prefix = `${user.userPrincipalName.split('@')[0]}@`;
    users(`startsWith(userPrincipalName,${quote(prefix)})`);
  }
  if (user.userPrincipalName) {
    // A deleted user's UPN is `<objectId hex><original UPN>`: only endsWith finds it, and endsWith
    // is an advanced query. Over-matches (`xjdoe@…` for `jdoe@…`) are dropped by the reader.
    deleted(`endsWith(userPrincipalName,${quote(user.userPrincipalName)})`, user.userPrincipalName);
  }
  add('domains', 'read-domains', withQuery('/domains', { $select: DOMAIN_SELECT }));
  // This endpoint takes no query options; a 403 here means "features unknown", not a failure.
  add('features', 'read-sync-features', '/directory/onPremisesSynchronization');
  return lookups;
}

export { usersThatMatter } from '../../core/users-that-matter.js';

/** Active and eligible role assignments of each user, with the role's name expanded. */
export function planRoleReads(userIds: string[]): Lookup[] {
  return userIds.flatMap((id, i) => {
    const filter = `principalId eq ${quote(id)}`;
    const params = { $filter: filter, $expand: 'roleDefinition' };
    return [
      {
        kind: 'roleAssignments' as const,
        operation: 'read-roles' as const,
        principalId: id,
        request: {
          id: `r${i}a`,
          method: 'GET' as const,
          url: withQuery('/roleManagement/directory/roleAssignments', params),
        },
      },
      {
        kind: 'roleEligibility' as const,
        operation: 'read-roles' as const,
        principalId: id,
        request: {
          id: `r${i}e`,
          method: 'GET' as const,
          url: withQuery('/roleManagement/directory/roleEligibilitySchedules', params),
        },
      },
    ];
  });
}

/**
 * The groups each user belongs to, directly or not, with whether each is role-assignable
 * (https://learn.microsoft.com/graph/api/user-list-transitivememberof). The OData cast to groups
 * needs `ConsistencyLevel: eventual` and `$count=true` (that page, "Request headers").
 */
export function planMembershipReads(userIds: string[]): Lookup[] {
  return userIds.map((id, i) => ({
    kind: 'memberOf' as const,
    operation: 'read-memberships' as const,
    principalId: id,
    request: {
      id: `m${i}`,
      method: 'GET' as const,
      url: withQuery(`/users/${encodeURIComponent(id)}/transitiveMemberOf/microsoft.graph.group`, {
        $count: 'true',
        $select: 'id,displayName,isAssignableToRole',
      }),
      headers: EVENTUAL,
    },
  }));
}
