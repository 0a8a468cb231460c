// Transitive memberships (issue 19): GET /users/{id}/transitiveMemberOf[/microsoft.graph.group]
// (https://learn.microsoft.com/graph/api/user-list-transitivememberof) and
// GET /groups/{id}/transitiveMembers[/microsoft.graph.user]
// (https://learn.microsoft.com/graph/api/group-list-transitivemembers). An OData cast on these lists
// needs `ConsistencyLevel: eventual` and `$count=true` (both pages, "Request headers"); without
// them the simulator refuses (what Graph answers then is UNVERIFIED). A caller that may not read
// groups gets them with their id and type only, the other properties null ("Limited information
// returned for inaccessible member objects", https://learn.microsoft.com/graph/permissions-overview).
import { transitiveGroupsOf, transitiveMembersOf } from '../../group-roles.js';
import { graphErrors } from '../errors.js';
import type { SimContext, SimRequest, SimResponse } from '../http-types.js';
import { isAdvancedQuery, listResponse, type Resource } from '../query-options.js';
import { activeUsers, groupsOf } from '../representations.js';
import { groupSchema, userSchema, type ResourceSchema } from '../schemas.js';
import { hasPermission } from '../tenant-profile.js';

const GROUP_READERS = [
  'GroupMember.Read.All',
  'Group.Read.All',
  'Group.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'Directory.AccessAsUser.All',
];

function requireCastHeaders(req: SimRequest): void {
  if (!isAdvancedQuery(req)) {
    throw graphErrors.unsupportedQuery(
      'OData cast on this relationship is supported only with the ConsistencyLevel:eventual header and $count=true. ' +
        'Refer to https://aka.ms/graph-docs/advanced-queries for more information',
    );
  }
}

/** Only id and type are visible for an object the caller may not read. */
function limited(item: Resource, schema: ResourceSchema): Resource {
  const out: Resource = {};
  for (const p of Object.keys(schema.properties)) out[p] = null;
  out['id'] = item['id'];
  return out;
}

/** Segments: ['users', key, 'transitiveMemberOf', cast?]. */
export function userTransitiveMemberOf(
  req: SimRequest,
  ctx: SimContext,
  userId: string,
  cast: string | undefined,
): SimResponse {
  if (cast !== undefined && cast !== 'microsoft.graph.group') {
    throw graphErrors.badRequest(`The lab simulates the microsoft.graph.group cast only (got '${cast}').`);
  }
  if (cast) requireCastHeaders(req);
  const ids = new Set(transitiveGroupsOf(ctx.state, userId).map((g) => g.id));
  const readable = hasPermission(ctx.state, ...GROUP_READERS);
  // Only the user's groups are represented (not every group of the tenant, then filtered).
  const items = groupsOf(ctx.state.tenant.groups.filter((g) => ids.has(g.id))).map((g) =>
    readable ? g : limited(g, groupSchema),
  );
  const res = listResponse(req, ctx, items, { schema: groupSchema, contextPath: 'groups' });
  const body = res.body as { value: Resource[] };
  body.value = body.value.map((v) => ({ '@odata.type': '#microsoft.graph.group', ...v }));
  return res;
}

/** Segments: ['groups', key, 'transitiveMembers', cast?]. */
export function groupTransitiveMembers(
  req: SimRequest,
  ctx: SimContext,
  groupId: string,
  cast: string | undefined,
): SimResponse {
  if (!ctx.state.tenant.groups.some((g) => g.id.toLowerCase() === groupId.toLowerCase())) {
    throw graphErrors.notFound(groupId);
  }
  if (cast !== undefined && cast !== 'microsoft.graph.user') {
    throw graphErrors.badRequest(`The lab simulates the microsoft.graph.user cast only (got '${cast}').`);
  }
  if (cast) requireCastHeaders(req);
  const ids = new Set(transitiveMembersOf(ctx.state, groupId).map((m) => m.toLowerCase()));
  const users = activeUsers(ctx.state).filter((u) => ids.has(String(u['id']).toLowerCase()));
  const res = listResponse(req, ctx, users, { schema: userSchema, contextPath: 'users' });
  const body = res.body as { value: Resource[] };
  body.value = body.value.map((v) => ({ '@odata.type': '#microsoft.graph.user', ...v }));
  return res;
}
