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
  TenantDomain,
  TenantFeatures,
} from '../../core/snapshot.js';
import type { BulkPage, TenantBulkReader } from '../../ports.js';
import { fromClientError, type GraphOperation } from './errors.js';
import {
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
  } as const;
}

export class GraphBulkReader implements TenantBulkReader {
  constructor(
    private readonly client: Client,
    private readonly options: GraphBulkOptions = {},
  ) {}

  /** Every item of a collection, page by page, mapped as each page arrives (raw pages are dropped). */
  private async collect<T>(
    url: string,
    operation: GraphOperation,
    source: string,
    map: (item: Json) => T,
    onPage: (page: BulkPage) => void,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const out: T[] = [];
    let next: string | undefined = url;
    while (next) {
      signal?.throwIfAborted();
      let body: { value?: Json[]; '@odata.nextLink'?: string };
      try {
        body = (await this.client.api(next).get()) as typeof body;
      } catch (error) {
        throw fromClientError(error, { operation });
      }
      const items = body.value ?? [];
      for (const item of items) out.push(map(item));
      onPage({ source, objects: items.length });
      next = body['@odata.nextLink'];
    }
    return out;
  }

  private async features(): Promise<TenantFeatures | null> {
    try {
      return toFeatures(await this.client.api(bulkRequests().features).get());
    } catch (error) {
      // 403: the sign-in may not read them (app-only tokens never can, docs/matching-facts.md §2.5).
      if ((error as { statusCode?: number }).statusCode === 403) return null;
      throw fromClientError(error, { operation: 'read-sync-features' });
    }
  }

  async readAll(onPage: (page: BulkPage) => void = () => {}, signal?: AbortSignal): Promise<CloudView> {
    const r = bulkRequests(this.options.pageSize ?? 999);
    const get = <T>(url: string, operation: GraphOperation, source: string, map: (item: Json) => T) =>
      this.collect(url, operation, source, map, onPage, signal);
    const raw = (item: Json) => item;
    const [users, groups, contacts, deletedUsers, domains, features, definitions, active, eligible] =
      await Promise.all([
        get(r.users, 'read-users', 'users', (u): CloudUser => toCloudUser(u)),
        get(r.groups, 'read-groups', 'groups', (g): CloudRecipient => toRecipient(g, 'group')),
        get(r.contacts, 'read-contacts', 'contacts', (c): CloudRecipient => toRecipient(c, 'contact')),
        get(r.deletedUsers, 'read-deleted-users', 'deletedUsers', (d) => toCloudUser(d, true)),
        get(r.domains, 'read-domains', 'domains', (d): TenantDomain => toDomain(d)),
        this.features(),
        get(r.roleDefinitions, 'read-roles', 'roles', raw),
        get(r.roleAssignments, 'read-roles', 'roles', raw),
        get(r.roleEligibility, 'read-roles', 'roles', raw),
      ]);
    return {
      users,
      groups,
      contacts,
      deletedUsers,
      domains,
      features,
      roles: rolesByPrincipal(definitions, active, eligible),
    };
  }
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
