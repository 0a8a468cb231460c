// Reads what the rules need from the tenant in two sequential rounds at most: round one is every
// independent lookup (parallel $batch calls), round two the roles of the users that matter.
import type { Client } from '@microsoft/microsoft-graph-client';
import { addressKey } from '../../core/proxy-addresses.js';
import type {
  CloudCheck,
  CloudRecipient,
  CloudUser,
  CloudView,
  OnPremObject,
  RoleGrant,
  SkippedCheck,
  TenantDomain,
  TenantFeatures,
} from '../../core/snapshot.js';
import { sendBatched, type BatchOptions, type BatchResponse } from './batch.js';
import { fromClientError, graphFailure, PERMISSION, type GraphErrorPayload } from './errors.js';
import { defaultFeatures, toCloudUser, toDomain, toFeatures, toRecipient } from './mapping.js';
import { readWithRetry } from './read-retry.js';
import {
  planMembershipReads,
  planRoleReads,
  planTenantReads,
  usersThatMatter,
  type Lookup,
  type LookupKind,
} from './read-plan.js';

type Json = Record<string, unknown>;

/** Pages a collection answer may still have (filters on unique values rarely need any). */
const MAX_EXTRA_PAGES = 20;

async function run(
  client: Client,
  lookups: Lookup[],
  options: BatchOptions,
): Promise<Map<string, BatchResponse>> {
  try {
    return await sendBatched(
      client,
      lookups.map((l) => l.request),
      options,
    );
  } catch (error) {
    throw fromClientError(error, { operation: lookups[0]?.operation ?? 'read-users' });
  }
}

/** The `value` items of a successful answer, following @odata.nextLink if there is one. */
async function items(client: Client, lookup: Lookup, res: BatchResponse): Promise<Json[]> {
  const body = (res.body ?? {}) as { value?: Json[]; '@odata.nextLink'?: string };
  const out = [...(body.value ?? [])];
  let next = body['@odata.nextLink'];
  for (let page = 0; next && page < MAX_EXTRA_PAGES; page++) {
    try {
      const link = next;
      const more = (await readWithRetry(() =>
        client
          .api(link)
          .headers(lookup.request.headers ?? {})
          .get(),
      )) as typeof body;
      out.push(...(more.value ?? []));
      next = more['@odata.nextLink'];
    } catch (error) {
      throw fromClientError(error, { operation: lookup.operation });
    }
  }
  return out;
}

function ok(res: BatchResponse | undefined): res is BatchResponse {
  return res !== undefined && res.status >= 200 && res.status < 300;
}

function failure(lookup: Lookup, res: BatchResponse | undefined) {
  const payload = ((res?.body as { error?: GraphErrorPayload } | undefined)?.error ??
    {}) as GraphErrorPayload;
  return graphFailure(res?.status ?? 500, payload, { operation: lookup.operation });
}

/** The check each lookup answers (issue 19: a refused lookup costs exactly that check). */
const CHECK_OF: Record<LookupKind, CloudCheck> = {
  users: 'users',
  groups: 'groups',
  contacts: 'contacts',
  deletedUsers: 'deletedUsers',
  domains: 'domains',
  features: 'features',
  roleAssignments: 'activeRoles',
  roleEligibility: 'eligibleRoles',
  memberOf: 'groupRoles',
};

/** PIM reads on a tenant without P2 answer 400 with this code (docs/matching-facts.md §6). */
const NO_P2 = 'AadPremiumLicenseRequired';

/**
 * A refusal that costs only this lookup's check: a missing permission (403), a licence the tenant
 * lacks, or (for the switches, which may always be unreadable) any answer but throttling and
 * outages. Anything else is still a failure of the whole read.
 */
function skippable(lookup: Lookup, res: BatchResponse | undefined): SkippedCheck | null {
  if (!res) return null;
  const code = ((res.body as { error?: GraphErrorPayload } | undefined)?.error?.code ?? '') || undefined;
  const check = CHECK_OF[lookup.kind];
  const graph = { status: res.status, ...(code ? { graphCode: code } : {}) };
  if (res.status === 403)
    return { check, reason: 'permission', permission: PERMISSION[lookup.operation], ...graph };
  if (code === NO_P2) {
    return {
      check,
      reason: 'licence',
      licence: 'Microsoft Entra ID P2 or Microsoft Entra ID Governance',
      ...graph,
    };
  }
  if (lookup.kind === 'features' && res.status >= 400 && res.status < 500 && res.status !== 429) {
    return { check, reason: 'graph-error', ...graph };
  }
  return null;
}

/** Adds a skipped check once per check. */
function skip(into: SkippedCheck[], s: SkippedCheck): void {
  if (!into.some((x) => x.check === s.check)) into.push(s);
}

function addUnique<T extends { id: string }>(into: Map<string, T>, item: T): void {
  if (!into.has(item.id)) into.set(item.id, item);
}

export async function readCloudView(
  client: Client,
  user: OnPremObject,
  expectedImmutableId: string | null,
  options: BatchOptions = {},
): Promise<CloudView> {
  const lookups = planTenantReads(user, expectedImmutableId);
  const answers = await run(client, lookups, options);
  const users = new Map<string, CloudUser>();
  const groups = new Map<string, CloudRecipient>();
  const contacts = new Map<string, CloudRecipient>();
  const deleted = new Map<string, CloudUser>();
  const skipped: SkippedCheck[] = [];
  let domains: TenantDomain[] = [];
  let features: TenantFeatures | null = null;
  let syncConfigured = true;

  for (const lookup of lookups) {
    const res = answers.get(lookup.request.id);
    if (lookup.kind === 'features' && res?.status === 404) {
      // Never configured (what Graph answers then is UNVERIFIED, docs/matching-facts.md §6): the defaults apply.
      syncConfigured = false;
      features = defaultFeatures();
      continue;
    }
    if (!ok(res)) {
      const s = skippable(lookup, res);
      if (!s) throw failure(lookup, res);
      skip(skipped, s);
      continue;
    }
    if (lookup.kind === 'features') {
      features = toFeatures(res.body);
      if (features === null) {
        // An empty collection: no onPremisesDirectorySynchronization object yet.
        syncConfigured = false;
        features = defaultFeatures();
      }
      continue;
    }
    const found = await items(client, lookup, res);
    switch (lookup.kind) {
      case 'users':
        for (const raw of found) addUnique(users, toCloudUser(raw));
        break;
      case 'groups':
        for (const raw of found) addUnique(groups, toRecipient(raw, 'group'));
        break;
      case 'contacts':
        for (const raw of found) addUnique(contacts, toRecipient(raw, 'contact'));
        break;
      case 'deletedUsers':
        for (const raw of found) {
          const d = toCloudUser(raw, true);
          // endsWith over-matches; keep the ones whose original UPN is exactly ours.
          if (lookup.exactUpn && addressKey(d.userPrincipalName) !== addressKey(lookup.exactUpn)) continue;
          addUnique(deleted, d);
        }
        break;
      case 'domains':
        domains = found.map(toDomain);
        break;
      default:
        break;
    }
  }

  const {
    roles,
    roleGrants,
    skipped: roleSkips,
  } = await readRoleGrants(
    client,
    usersThatMatter(user, expectedImmutableId, [...users.values()]).map((u) => u.id),
    options,
  );
  for (const s of roleSkips) skip(skipped, s);
  return {
    users: [...users.values()],
    groups: [...groups.values()],
    contacts: [...contacts.values()],
    deletedUsers: [...deleted.values()],
    domains,
    features,
    roles,
    roleGrants,
    skipped,
    ...(syncConfigured ? {} : { syncConfigured: false }),
  };
}

/** Role names (active, then eligible) per user id; every asked-for user gets an entry. */
export async function readRoles(
  client: Client,
  userIds: string[],
  options: BatchOptions = {},
): Promise<Record<string, string[]>> {
  return (await readRoleGrants(client, userIds, options)).roles;
}

function roleName(item: Json): string {
  const name = (item['roleDefinition'] as Json | undefined)?.['displayName'];
  return typeof name === 'string' ? name : String(item['roleDefinitionId'] ?? 'unknown role');
}

interface RoleRead {
  roles: Record<string, string[]>;
  roleGrants: Record<string, RoleGrant[]>;
  skipped: SkippedCheck[];
}

/**
 * The roles of each user: assigned to it (active and eligible) and, through the role-assignable
 * groups it belongs to (transitively), assigned to those groups. `principalId eq` returns direct
 * assignments only and v1.0 has no transitive variant (docs/matching-facts.md §6), so the groups come first
 * (beside the direct reads), then the groups' own assignments: a third round only when a user is
 * in a role-assignable group. A refused read costs its check only.
 */
export async function readRoleGrants(
  client: Client,
  userIds: string[],
  options: BatchOptions = {},
): Promise<RoleRead> {
  const roles: Record<string, string[]> = {};
  const roleGrants: Record<string, RoleGrant[]> = {};
  const skipped: SkippedCheck[] = [];
  if (userIds.length === 0) return { roles, roleGrants, skipped };
  for (const id of userIds) {
    roles[id] = [];
    roleGrants[id] = [];
  }
  const grant = (userId: string, g: RoleGrant) => {
    const list = roles[userId]!;
    if (!list.includes(g.role)) list.push(g.role);
    const grants = roleGrants[userId]!;
    if (!grants.some((x) => x.role === g.role && x.kind === g.kind && x.viaGroup?.id === g.viaGroup?.id)) {
      grants.push(g);
    }
  };

  const direct = planRoleReads(userIds);
  const memberships = planMembershipReads(userIds);
  const answers = await run(client, [...direct, ...memberships], options);
  for (const lookup of direct) {
    const res = answers.get(lookup.request.id);
    if (!ok(res)) {
      const s = skippable(lookup, res);
      if (!s) throw failure(lookup, res);
      skip(skipped, s);
      continue;
    }
    const kind = lookup.kind === 'roleEligibility' ? 'eligible' : 'active';
    for (const item of await items(client, lookup, res)) {
      grant(lookup.principalId!, { role: roleName(item), kind, viaGroup: null });
    }
  }

  // Role-assignable groups per user; a group seen with its id only means the sign-in may not read groups.
  const groupsOf = new Map<string, { id: string; displayName: string | null }[]>();
  const groupNames = new Map<string, string | null>();
  for (const lookup of memberships) {
    const res = answers.get(lookup.request.id);
    if (!ok(res)) {
      const s = skippable(lookup, res);
      if (!s) throw failure(lookup, res);
      skip(skipped, s);
      continue;
    }
    const found = await items(client, lookup, res);
    if (found.some((g) => typeof g['isAssignableToRole'] !== 'boolean' && g['displayName'] == null)) {
      // "Limited information returned for inaccessible member objects"
      // (https://learn.microsoft.com/graph/permissions-overview): without a group permission only
      // the ids come back, so which groups are role-assignable cannot be told.
      skip(skipped, {
        check: 'groupRoles',
        reason: 'permission',
        permission: 'Group.Read.All',
        status: res.status,
      });
      continue;
    }
    const assignable = found
      .filter((g) => g['isAssignableToRole'] === true)
      .map((g) => ({
        id: String(g['id']),
        displayName: typeof g['displayName'] === 'string' ? g['displayName'] : null,
      }));
    groupsOf.set(lookup.principalId!, assignable);
    for (const g of assignable) groupNames.set(g.id, g.displayName);
  }
  const groupIds = [...groupNames.keys()];
  if (groupIds.length === 0) return { roles, roleGrants, skipped };
  const active = skipped.find((s) => s.check === 'activeRoles');
  if (active) {
    // The same refusal would answer the groups' assignments: do not ask again.
    skip(skipped, { ...active, check: 'groupRoles' });
    return { roles, roleGrants, skipped };
  }
  const eligibleSkipped = skipped.some((s) => s.check === 'eligibleRoles');
  const groupReads = planRoleReads(groupIds).filter(
    (l) => !(eligibleSkipped && l.kind === 'roleEligibility'),
  );
  const groupAnswers = await run(client, groupReads, options);
  const heldBy = new Map<string, RoleGrant[]>();
  for (const lookup of groupReads) {
    const res = groupAnswers.get(lookup.request.id);
    if (!ok(res)) {
      const s = skippable(lookup, res);
      if (!s) throw failure(lookup, res);
      skip(skipped, { ...s, check: 'groupRoles' });
      continue;
    }
    const groupId = lookup.principalId!;
    const kind = lookup.kind === 'roleEligibility' ? 'eligible' : 'active';
    for (const item of await items(client, lookup, res)) {
      const list = heldBy.get(groupId) ?? [];
      list.push({
        role: roleName(item),
        kind,
        viaGroup: { id: groupId, displayName: groupNames.get(groupId) ?? null },
      });
      heldBy.set(groupId, list);
    }
  }
  for (const [userId, assignable] of groupsOf) {
    for (const g of assignable) for (const r of heldBy.get(g.id) ?? []) grant(userId, r);
  }
  return { roles, roleGrants, skipped };
}
