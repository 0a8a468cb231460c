// The recycle bin: /directory/deletedItems/microsoft.graph.user (list), /directory/deletedItems/{id}
// (get, DELETE = purge) and POST /directory/deletedItems/{id}/restore (docs/matching-facts.md §3).
import { sameProxyAddress } from '../../../core/proxy-addresses.js';
import type { LabState } from '../../lab-state.js';
import type { ScenarioCloudUser, ScenarioDeletedUser } from '../../scenario-schema.js';
import { graphErrors } from '../errors.js';
import type { SimContext, SimRequest, SimResponse } from '../http-types.js';
import { listResponse, singleResponse, type QueryShape } from '../query-options.js';
import { filterCandidates } from '../indexed-lists.js';
import { activeUsers, deletedUsers } from '../representations.js';
import { deletedUserSchema, groupSchema, userSchema } from '../schemas.js';
import { checkNewUpn } from './user-writes.js';

const userShape: QueryShape = {
  schema: deletedUserSchema,
  contextPath: 'directory/deletedItems/microsoft.graph.user',
};

function findDeleted(state: LabState, id: string): ScenarioDeletedUser {
  const user = state.tenant.deletedUsers.find((u) => u.id.toLowerCase() === id.toLowerCase());
  if (!user) throw graphErrors.notFound(id);
  return user;
}

/** Segments after `directory`: ['deletedItems', …]. */
export function deletedItemsRoute(req: SimRequest, ctx: SimContext, segments: string[]): SimResponse | null {
  const [, , key, action] = segments;
  const { state } = ctx;
  if (key === undefined) {
    // Graph needs the type cast on this collection
    // (https://learn.microsoft.com/graph/api/directory-deleteditems-list): without it, 400.
    if (req.method !== 'GET') return null;
    throw graphErrors.onlySpecificInstances();
  }
  if (key === 'microsoft.graph.user' && action === undefined && req.method === 'GET') {
    return listResponse(req, ctx, (tree) => filterCandidates(state, 'deletedUsers', tree), userShape);
  }
  if (key === 'microsoft.graph.group' && action === undefined && req.method === 'GET') {
    return listResponse(req, ctx, [], {
      schema: groupSchema,
      contextPath: 'directory/deletedItems/microsoft.graph.group',
    });
  }
  if (action === undefined && req.method === 'GET') {
    const user = findDeleted(state, key);
    const item = deletedUsers(state).find((u) => u['id'] === user.id)!;
    return singleResponse(
      req,
      ctx,
      item,
      { schema: deletedUserSchema, contextPath: 'directory/deletedItems' },
      {
        '@odata.type': '#microsoft.graph.user',
      },
    );
  }
  if (action === undefined && req.method === 'DELETE') {
    const user = findDeleted(state, key);
    state.tenant.deletedUsers.splice(state.tenant.deletedUsers.indexOf(user), 1);
    return { status: 204 };
  }
  if (action === 'restore' && segments.length === 4 && req.method === 'POST') {
    const restored = restore(state, findDeleted(state, key), req.body);
    const item = activeUsers(state).find((u) => u['id'] === restored.id)!;
    return singleResponse(
      req,
      ctx,
      item,
      { schema: userSchema, contextPath: 'directoryObjects' },
      {
        '@odata.type': '#microsoft.graph.user',
      },
    );
  }
  return null;
}

function restore(state: LabState, user: ScenarioDeletedUser, body: unknown): ScenarioCloudUser {
  const options = (typeof body === 'object' && body !== null ? body : {}) as {
    autoReconcileProxyConflict?: unknown;
    newUserPrincipalName?: unknown;
  };
  const upn =
    options.newUserPrincipalName !== undefined
      ? checkNewUpn(state, options.newUserPrincipalName, user.id)
      : user.userPrincipalName;
  if (state.tenant.users.some((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase())) {
    throw graphErrors.conflict('userPrincipalName');
  }
  if (user.onPremisesImmutableId !== null) {
    const holder = state.tenant.users.find((u) => u.onPremisesImmutableId === user.onPremisesImmutableId);
    if (holder) throw graphErrors.conflict('onPremisesImmutableId', holder.id);
  }
  const holders = [...state.tenant.users, ...state.tenant.groups, ...state.tenant.contacts];
  const conflicting = user.proxyAddresses.filter((p) =>
    holders.some((h) => h.proxyAddresses.some((q) => sameProxyAddress(p, q))),
  );
  if (conflicting.length > 0 && options.autoReconcileProxyConflict !== true) {
    throw graphErrors.conflict('proxyAddresses');
  }
  const { deletedDateTime: _deleted, ...rest } = user;
  const restored: ScenarioCloudUser = {
    ...rest,
    userPrincipalName: upn,
    proxyAddresses: user.proxyAddresses.filter((p) => !conflicting.includes(p)),
    // A user restored by hand is cloud-managed: onPremisesSyncEnabled false (docs/matching-facts.md §2.8).
    onPremisesSyncEnabled: user.onPremisesSyncEnabled === true ? false : user.onPremisesSyncEnabled,
  };
  state.tenant.deletedUsers.splice(state.tenant.deletedUsers.indexOf(user), 1);
  state.tenant.users.push(restored);
  return restored;
}
