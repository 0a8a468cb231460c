// /users: list with $filter/$select/$top and paging, get by id or UPN, PATCH (user-writes.ts), and
// the directory-role view under /users/{id}/memberOf.
import type { LabState } from '../../lab-state.js';
import type { ScenarioCloudUser } from '../../scenario-schema.js';
import { graphErrors } from '../errors.js';
import type { SimContext, SimRequest, SimResponse } from '../http-types.js';
import { listResponse, singleResponse, type QueryShape } from '../query-options.js';
import { activeUser, activeUsers } from '../representations.js';
import { userSchema } from '../schemas.js';
import { patchUser } from './user-writes.js';
import { userTransitiveMemberOf } from './memberships.js';
import { memberOfDirectoryRoles } from './roles.js';

const shape: QueryShape = { schema: userSchema, contextPath: 'users' };

/** An active user by object id or UPN (both case-insensitive, as in Graph). */
export function findActiveUser(state: LabState, key: string): ScenarioCloudUser | undefined {
  const k = key.toLowerCase();
  return state.tenant.users.find((u) => u.id.toLowerCase() === k || u.userPrincipalName.toLowerCase() === k);
}

export function usersRoute(req: SimRequest, ctx: SimContext, segments: string[]): SimResponse | null {
  const [, key, nav, cast] = segments;
  if (key === undefined) {
    if (req.method !== 'GET') return null;
    return listResponse(req, ctx, () => activeUsers(ctx.state), shape);
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
    return { status: 204 };
  }
  return null;
}
