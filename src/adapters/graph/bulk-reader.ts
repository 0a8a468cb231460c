// The whole tenant for the scan (issue 9): every user, group, contact and deleted user with the
// properties the rules read ($select is mandatory: without it the on-premises properties come back
// null, docs/matching-facts.md §3), 999 to a page ($top's maximum), following @odata.nextLink. The collections
// are independent, so they are read in parallel; a collection's pages come one after the other
// (each page's link names the next). Roles are listed once for the whole tenant — active
// assignments and PIM eligibility, plus the role definitions for their names — instead of two
// filtered queries per user.
import type { Client } from '@microsoft/microsoft-graph-client';
import type {
  CloudRecipient,
  CloudUser,
  CloudView,
  RoleGrant,
  SkippedCheck,
  TenantDomain,
  TenantFeatures,
} from '../../core/snapshot.js';
import type { BulkPage, TenantBulkReader } from '../../ports.js';
import { fromClientError, PERMISSION, type GraphOperation } from './errors.js';
import {
  defaultFeatures,
  DELETED_USER_SELECT,
  DOMAIN_SELECT,
  RECIPIENT_SELECT,
  toCloudUser,
  toDomain,
  toFeatures,
  toRecipient,
  USER_SELECT,
} from './mapping.js';
import { withQuery } from './odata.js';
import { EVENTUAL } from './read-plan.js';

type Json = Record<string, unknown>;

export interface GraphBulkOptions {
  /** Objects per page for the large collections (Graph's maximum, and the default, is 999). */
  pageSize?: number;
}

/** The Graph calls the scan makes, in one place (tests and the docs read them from here). */
export function bulkRequests(pageSize = 999) {
  const top = String(pageSize);
  return {
    users: withQuery('/users', { $select: USER_SELECT, $top: top }),
    groups: withQuery('/groups', { $select: RECIPIENT_SELECT, $top: top }),
    contacts: withQuery('/contacts', { $select: RECIPIENT_SELECT, $top: top }),
    deletedUsers: withQuery('/directory/deletedItems/microsoft.graph.user', {
      $select: DELETED_USER_SELECT,
      $top: top,
    }),
    domains: withQuery('/domains', { $select: DOMAIN_SELECT }),
    features: '/directory/onPremisesSynchronization',
    roleDefinitions: withQuery('/roleManagement/directory/roleDefinitions', { $select: 'id,displayName' }),
    roleAssignments: '/roleManagement/directory/roleAssignments',
    roleEligibility: '/roleManagement/directory/roleEligibilitySchedules',
    // Roles held through groups (issue 19): the role-assignable groups, then the members of those
    // that hold a role (https://learn.microsoft.com/graph/api/group-list-transitivemembers; the cast
    // needs ConsistencyLevel: eventual and $count=true).
    roleGroups: withQuery('/groups', { $filter: 'isAssignableToRole eq true', $select: 'id,displayName' }),
    groupMembers: (groupId: string) =>
      withQuery(`/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user`, {
        $count: 'true',
        $select: 'id',
        $top: top,
      }),
  } as const;
}

/** A read that failed but costs only its own check (issue 19), or null to fail the scan. */
function skippedBy(
  error: unknown,
  check: SkippedCheck['check'],
  operation: GraphOperation,
): SkippedCheck | null {
  const e = error as { statusCode?: number; code?: string | null };
  const status = e.statusCode;
  const graph = { ...(status !== undefined ? { status } : {}), ...(e.code ? { graphCode: e.code } : {}) };
  if (status === 403) return { check, reason: 'permission', permission: PERMISSION[operation], ...graph };
  if (e.code === 'AadPremiumLicenseRequired') {
    return {
      check,
      reason: 'licence',
      licence: 'Microsoft Entra ID P2 or Microsoft Entra ID Governance',
      ...graph,
    };
  }
  return null;
}

export class GraphBulkReader implements TenantBulkReader {
  constructor(
    private readonly client: Client,
    private readonly options: GraphBulkOptions = {},
  ) {}

  /**
   * Every item of a collection, page by page, mapped as each page arrives (raw pages are dropped).
   * With `skip`, a refusal that costs only this check (403, no licence) is recorded there and the
   * collection reads as empty; anything else fails the scan.
   */
  private async collect<T>(
    url: string,
    operation: GraphOperation,
    source: string,
    map: (item: Json) => T,
    onPage: (page: BulkPage) => void,
    signal?: AbortSignal,
    skip?: { check: SkippedCheck['check']; into: SkippedCheck[] },
    headers: Record<string, string> = {},
  ): Promise<T[]> {
    const out: T[] = [];
    let next: string | undefined = url;
    while (next) {
      signal?.throwIfAborted();
      let body: { value?: Json[]; '@odata.nextLink'?: string };
      try {
        body = (await this.client.api(next).headers(headers).get()) as typeof body;
      } catch (error) {
        const skipped = skip && skippedBy(error, skip.check, operation);
        if (skipped) {
          skip.into.push(skipped);
          return [];
        }
        throw fromClientError(error, { operation });
      }
      const items = body.value ?? [];
      for (const item of items) out.push(map(item));
      onPage({ source, objects: items.length });
      next = body['@odata.nextLink'];
    }
    return out;
  }

  /** The switches; null when unreadable (and why), defaults when sync was never configured. */
  private async features(
    skipped: SkippedCheck[],
  ): Promise<{ features: TenantFeatures | null; syncConfigured: boolean }> {
    try {
      const f = toFeatures(await this.client.api(bulkRequests().features).get());
      if (f) return { features: f, syncConfigured: true };
      // An empty collection: never configured (UNVERIFIED what Graph answers then, docs/matching-facts.md §6).
      return { features: defaultFeatures(), syncConfigured: false };
    } catch (error) {
      const e = error as { statusCode?: number; code?: string | null };
      if (e.statusCode === 404) {
        return { features: defaultFeatures(), syncConfigured: false };
      }
      // 403: the sign-in may not read them (app-only tokens never can, docs/matching-facts.md §2.5).
      if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500 && e.statusCode !== 429) {
        skipped.push({
          check: 'features',
          reason: e.statusCode === 403 ? 'permission' : 'graph-error',
          ...(e.statusCode === 403 ? { permission: PERMISSION['read-sync-features'] } : {}),
          status: e.statusCode,
          ...(e.code ? { graphCode: e.code } : {}),
        });
        return { features: null, syncConfigured: true };
      }
      throw fromClientError(error, { operation: 'read-sync-features' });
    }
  }

  async readAll(onPage: (page: BulkPage) => void = () => {}, signal?: AbortSignal): Promise<CloudView> {
    const r = bulkRequests(this.options.pageSize ?? 999);
    const skipped: SkippedCheck[] = [];
    const get = <T>(
      url: string,
      operation: GraphOperation,
      source: string,
      map: (item: Json) => T,
      check: SkippedCheck['check'],
    ) => this.collect(url, operation, source, map, onPage, signal, { check, into: skipped });
    const raw = (item: Json) => item;
    const [users, groups, contacts, deletedUsers, domains, sync, definitions, active, eligible, roleGroups] =
      await Promise.all([
        get(r.users, 'read-users', 'users', (u): CloudUser => toCloudUser(u), 'users'),
        get(r.groups, 'read-groups', 'groups', (g): CloudRecipient => toRecipient(g, 'group'), 'groups'),
        get(
          r.contacts,
          'read-contacts',
          'contacts',
          (c): CloudRecipient => toRecipient(c, 'contact'),
          'contacts',
        ),
        get(
          r.deletedUsers,
          'read-deleted-users',
          'deletedUsers',
          (d) => toCloudUser(d, true),
          'deletedUsers',
        ),
        get(r.domains, 'read-domains', 'domains', (d): TenantDomain => toDomain(d), 'domains'),
        this.features(skipped),
        get(r.roleDefinitions, 'read-roles', 'roles', raw, 'activeRoles'),
        get(r.roleAssignments, 'read-roles', 'roles', raw, 'activeRoles'),
        get(r.roleEligibility, 'read-roles', 'roles', raw, 'eligibleRoles'),
        get(r.roleGroups, 'read-groups', 'groups', raw, 'groupRoles'),
      ]);
    const { roles, roleGrants } = await this.groupRoles(definitions, active, eligible, roleGroups, {
      onPage,
      signal,
      skipped,
    });
    const unique: SkippedCheck[] = [];
    for (const s of skipped) if (!unique.some((x) => x.check === s.check)) unique.push(s);
    return {
      users,
      groups,
      contacts,
      deletedUsers,
      domains,
      features: sync.features,
      roles,
      roleGrants,
      skipped: unique,
      ...(sync.syncConfigured ? {} : { syncConfigured: false }),
    };
  }

  /** Adds to each member of a role-assignable group the roles assigned to that group. */
  private async groupRoles(
    definitions: readonly Json[],
    active: readonly Json[],
    eligible: readonly Json[],
    roleGroups: readonly Json[],
    ctx: { onPage: (page: BulkPage) => void; signal?: AbortSignal; skipped: SkippedCheck[] },
  ): Promise<{ roles: Record<string, string[]>; roleGrants: Record<string, RoleGrant[]> }> {
    const roles: Record<string, string[]> = {};
    const roleGrants: Record<string, RoleGrant[]> = {};
    const names = definitionNames(definitions);
    const groupName = new Map(
      roleGroups.map((g) => [
        String(g['id']).toLowerCase(),
        { id: String(g['id']), displayName: typeof g['displayName'] === 'string' ? g['displayName'] : null },
      ]),
    );
    const add = (principal: string, g: RoleGrant) => {
      const list = (roles[principal] ??= []);
      if (!list.includes(g.role)) list.push(g.role);
      (roleGrants[principal] ??= []).push(g);
    };
    for (const [list, kind] of [
      [active, 'active'],
      [eligible, 'eligible'],
    ] as const) {
      for (const item of list) {
        const principal = item['principalId'];
        if (typeof principal !== 'string' || groupName.has(principal.toLowerCase())) continue;
        const defId = String(item['roleDefinitionId'] ?? 'unknown role');
        add(principal, { role: names.get(defId.toLowerCase()) ?? defId, kind, viaGroup: null });
      }
    }
    const activeSkip = ctx.skipped.find((x) => x.check === 'activeRoles');
    // The groups' assignments come from the same refused read.
    if (activeSkip) ctx.skipped.push({ ...activeSkip, check: 'groupRoles' });
    const holding = [...groupName.keys()].filter((id) =>
      [...active, ...eligible].some((a) => String(a['principalId']).toLowerCase() === id),
    );
    const r = bulkRequests(this.options.pageSize ?? 999);
    const members = await Promise.all(
      holding.map((id) =>
        this.collect(
          r.groupMembers(id),
          'read-groups',
          'groups',
          (m) => String(m['id']),
          ctx.onPage,
          ctx.signal,
          { check: 'groupRoles', into: ctx.skipped },
          EVENTUAL,
        ),
      ),
    );
    holding.forEach((groupId, i) => {
      const viaGroup = groupName.get(groupId)!;
      for (const [list, kind] of [
        [active, 'active'],
        [eligible, 'eligible'],
      ] as const) {
        for (const item of list) {
          if (String(item['principalId']).toLowerCase() !== groupId) continue;
          const defId = String(item['roleDefinitionId'] ?? 'unknown role');
          const role = names.get(defId.toLowerCase()) ?? defId;
          for (const userId of members[i]!) add(userId, { role, kind, viaGroup });
        }
      }
    });
    return { roles, roleGrants };
  }
}

function definitionNames(definitions: readonly Json[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const d of definitions) {
    if (typeof d['id'] === 'string' && typeof d['displayName'] === 'string') {
      names.set(d['id'].toLowerCase(), d['displayName']);
    }
  }
  return names;
}

/** Role names per principal id: active assignments first, then eligible ones, each name once. */
export function rolesByPrincipal(
  definitions: readonly Json[],
  active: readonly Json[],
  eligible: readonly Json[],
): Record<string, string[]> {
  const names = new Map<string, string>();
  for (const d of definitions) {
    if (typeof d['id'] === 'string' && typeof d['displayName'] === 'string') {
      names.set(d['id'].toLowerCase(), d['displayName']);
    }
  }
  const roles: Record<string, string[]> = {};
  for (const item of [...active, ...eligible]) {
    const principal = item['principalId'];
    if (typeof principal !== 'string') continue;
    const defId = String(item['roleDefinitionId'] ?? 'unknown role');
    const label = names.get(defId.toLowerCase()) ?? defId;
    const list = (roles[principal] ??= []);
    if (!list.includes(label)) list.push(label);
  }
  return roles;
}
