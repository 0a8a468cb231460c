// /users: list with $filter/$select/$top and paging, get by id or UPN, PATCH (user-writes.ts), and
// the directory-role view under /users/{id}/memberOf.
import type { LabState } from '../../lab-state.js';
import type { ScenarioCloudUser } from '../../scenario-schema.js';
import { graphErrors } from '../errors.js';
import type { SimContext, SimRequest, SimResponse } from '../http-types.js';
import { listResponse, singleResponse, type QueryShape } from '../query-options.js';
import { filterCandidates } from '../indexed-lists.js';
import { activeUser } from '../representations.js';
import { refreshUser, tenantIndex } from '../tenant-index.js';
import { userSchema } from '../schemas.js';
import { patchUser } from './user-writes.js';
import { userTransitiveMemberOf } from './memberships.js';
import { memberOfDirectoryRoles } from './roles.js';

const shape: QueryShape = { schema: userSchema, contextPath: 'users' };

/** An active user by object id or UPN (both case-insensitive, as in Graph), from the index. */
export function findActiveUser(state: LabState, key: string): ScenarioCloudUser | undefined {
  return tenantIndex(state).activeUser(key);
}

export function usersRoute(req: SimRequest, ctx: SimContext, segments: string[]): SimResponse | null {
  const [, key, nav, cast] = segments;
  if (key === undefined) {
    if (req.method !== 'GET') return null;
    return listResponse(req, ctx, (tree) => filterCandidates(ctx.state, 'users', tree), shape);
  }
  const user = findActiveUser(ctx.state, key);
  if (!user) throw graphErrors.notFound(key);
  if (
    nav === 'memberOf' &&
    cast === 'microsoft.graph.directoryRole' &&
    segments.length === 4 &&
    req.method === 'GET'
  ) {
    return memberOfDirectoryRoles(req, ctx, user.id);
  }
  if (nav === 'transitiveMemberOf' && segments.length <= 4 && req.method === 'GET') {
    return userTransitiveMemberOf(req, ctx, user.id, cast);
  }
  if (segments.length !== 2) return null;
  if (req.method === 'GET') {
    const item = activeUser(ctx.state, user);
    return singleResponse(req, ctx, item, shape);
  }
  if (req.method === 'PATCH') {
    patchUser(ctx.state, user, req.body);
    refreshUser(ctx.state, user);
    return { status: 204 };
  }
  return null;
}
