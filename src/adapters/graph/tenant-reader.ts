// Reads what the rules need from the tenant in two sequential rounds at most: round one is every
// independent lookup (parallel $batch calls), round two the roles of the users that matter.
import type { Client } from '@microsoft/microsoft-graph-client';
import { addressKey } from '../../core/proxy-addresses.js';
import type {
  CloudRecipient,
  CloudUser,
  CloudView,
  OnPremObject,
  TenantDomain,
  TenantFeatures,
} from '../../core/snapshot.js';
import { sendBatched, type BatchOptions, type BatchResponse } from './batch.js';
import { fromClientError, graphFailure, type GraphErrorPayload } from './errors.js';
import { toCloudUser, toDomain, toFeatures, toRecipient } from './mapping.js';
import { readWithRetry } from './read-retry.js';
import { planRoleReads, planTenantReads, usersThatMatter, type Lookup } from './read-plan.js';

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
  let domains: TenantDomain[] = [];
  let features: TenantFeatures | null = null;

  for (const lookup of lookups) {
    const res = answers.get(lookup.request.id);
    if (lookup.kind === 'features') {
      // 403: the sign-in may not read them (app-only tokens never can, docs/matching-facts.md §2.5).
      if (res?.status === 403) continue;
      if (!ok(res)) throw failure(lookup, res);
      features = toFeatures(res.body);
      continue;
    }
    if (!ok(res)) throw failure(lookup, res);
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

  const roles = await readRoles(
    client,
    usersThatMatter(user, expectedImmutableId, [...users.values()]).map((u) => u.id),
    options,
  );
  return {
    users: [...users.values()],
    groups: [...groups.values()],
    contacts: [...contacts.values()],
    deletedUsers: [...deleted.values()],
    domains,
    features,
    roles,
  };
}

/** Role names (active, then eligible) per user id; every asked-for user gets an entry. */
export async function readRoles(
  client: Client,
  userIds: string[],
  options: BatchOptions = {},
): Promise<Record<string, string[]>> {
  const roles: Record<string, string[]> = {};
  if (userIds.length === 0) return roles;
  const lookups = planRoleReads(userIds);
  const answers = await run(client, lookups, options);
  for (const id of userIds) roles[id] = [];
  for (const lookup of lookups) {
    const res = answers.get(lookup.request.id);
    if (!ok(res)) throw failure(lookup, res);
    for (const item of await items(client, lookup, res)) {
      const name = (item['roleDefinition'] as Json | undefined)?.['displayName'];
      const label = typeof name === 'string' ? name : String(item['roleDefinitionId'] ?? 'unknown role');
      const list = roles[lookup.principalId!]!;
      if (!list.includes(label)) list.push(label);
    }
  }
  return roles;
}
