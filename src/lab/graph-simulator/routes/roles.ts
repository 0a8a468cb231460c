// Directory roles as Graph shows them (docs/matching-facts.md §2.4): active assignments
// (/roleManagement/directory/roleAssignments), PIM eligibility
// (/roleManagement/directory/roleEligibilitySchedules), role definitions, and the older
// /users/{id}/memberOf/microsoft.graph.directoryRole view that misses eligible roles.
// Scenario users list role names (directoryRoles, eligibleDirectoryRoles).
import { createHash } from 'node:crypto';
import type { LabState } from '../../lab-state.js';
import type { ScenarioCloudUser } from '../../scenario-schema.js';
import type { FilterNode } from '../odata-filter.js';
import { tenantIndex } from '../tenant-index.js';
import type { SimContext, SimRequest, SimResponse } from '../http-types.js';
import { listResponse, singleResponse, type Resource } from '../query-options.js';
import {
  directoryRoleSchema,
  roleAssignmentSchema,
  roleDefinitionSchema,
  roleEligibilityScheduleSchema,
} from '../schemas.js';
import { graphErrors } from '../errors.js';

/** Built-in role template ids: the same in every tenant. */
const BUILT_IN_ROLES: Record<string, string> = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Global Reader': 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  'Privileged Authentication Administrator': '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  'Security Administrator': '194ae4cb-b126-40b2-bd5b-6091b380977d',
  'Conditional Access Administrator': 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  'Application Administrator': '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  'Cloud Application Administrator': '158c047a-c907-4556-b7ef-446551a6b5f7',
  'User Administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'Helpdesk Administrator': '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  'Password Administrator': '966707d0-3269-4727-9be2-8c3a10f19b9d',
  'Hybrid Identity Administrator': '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2',
  'Authentication Administrator': 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  'Exchange Administrator': '29232cdf-9323-42fd-ade2-1d097af3e4de',
  'SharePoint Administrator': 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
  'Teams Administrator': '69091246-20e8-4a56-aa4d-066075b2a7a8',
  'Intune Administrator': '3a2c62db-5318-420d-8d74-23affee5d9d5',
  'Billing Administrator': 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
  'Compliance Administrator': '17315797-102d-40b4-93e0-432062caca18',
  'Security Reader': '5d6b6bb7-de71-4623-b4af-96380a352509',
};

/** A stable GUID-shaped id from text (for roles the table does not know, and assignment ids). */
function stableId(text: string): string {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function roleDefinition(name: string): Resource {
  const known = BUILT_IN_ROLES[name];
  const id = known ?? stableId(`role:${name}`);
  return {
    id,
    displayName: name,
    description: `${name} (lab)`,
    isBuiltIn: known !== undefined,
    isEnabled: true,
    templateId: id,
    version: '1',
    rolePermissions: [],
  };
}

function allDefinitions(state: LabState): Resource[] {
  const names = new Set(Object.keys(BUILT_IN_ROLES));
  for (const u of state.tenant.users)
    for (const r of [...u.directoryRoles, ...u.eligibleDirectoryRoles]) names.add(r);
  for (const g of state.tenant.groups) for (const r of g.directoryRoles ?? []) names.add(r);
  return [...names].map(roleDefinition);
}

function definitionById(state: LabState, id: string): Resource | undefined {
  return allDefinitions(state).find((d) => String(d['id']).toLowerCase() === id.toLowerCase());
}

/**
 * The principal a `principalId eq '…'` filter names (what a diagnosis sends per user), lower case:
 * then only that principal's assignments are built (the filter still decides); null otherwise.
 */
function filteredPrincipal(tree: FilterNode | null): string | null {
  return tree?.kind === 'compare' &&
    tree.op === 'eq' &&
    tree.property === 'principalId' &&
    typeof tree.value === 'string'
    ? tree.value.toLowerCase()
    : null;
}

/** The users that may hold assignments for the filter: that principal's (from the index) or all. */
function usersFor(state: LabState, principal: string | null): readonly ScenarioCloudUser[] {
  if (principal === null) return state.tenant.users;
  const index = tenantIndex(state).users;
  return index.ordered(index.lookup('id', principal));
}

/** Active assignments: to users, and to role-assignable groups (principalId is the group's id). */
function assignments(state: LabState, principal: string | null = null): Resource[] {
  const holders = [
    ...usersFor(state, principal).map((u) => ({ id: u.id, roles: u.directoryRoles })),
    ...state.tenant.groups
      .filter((g) => g.isAssignableToRole === true)
      .map((g) => ({ id: g.id, roles: g.directoryRoles ?? [] })),
  ];
  return holders.flatMap((u) =>
    u.roles.map((name) => {
      const def = roleDefinition(name);
      return {
        id: stableId(`assignment:${u.id}:${name}`),
        principalId: u.id,
        roleDefinitionId: def['id'],
        directoryScopeId: '/',
        appScopeId: null,
      };
    }),
  );
}

function eligibilities(state: LabState, principal: string | null = null): Resource[] {
  return usersFor(state, principal).flatMap((u) =>
    u.eligibleDirectoryRoles.map((name) => {
      const def = roleDefinition(name);
      return {
        id: stableId(`eligibility:${u.id}:${name}`),
        principalId: u.id,
        roleDefinitionId: def['id'],
        directoryScopeId: '/',
        appScopeId: null,
        memberType: 'Direct',
        status: 'Provisioned',
        createdUsing: null,
        createdDateTime: null,
        modifiedDateTime: null,
        scheduleInfo: { startDateTime: null, recurrence: null, expiration: { type: 'noExpiration' } },
      };
    }),
  );
}

function expandFor(state: LabState) {
  return {
    roleDefinition: (item: Resource) => definitionById(state, String(item['roleDefinitionId'])) ?? null,
    principal: (item: Resource) => {
      const u = state.tenant.users.find((x) => x.id === item['principalId']);
      const g = state.tenant.groups.find((x) => x.id === item['principalId']);
      if (g) return { '@odata.type': '#microsoft.graph.group', id: g.id, displayName: g.displayName };
      return u
        ? {
            '@odata.type': '#microsoft.graph.user',
            id: u.id,
            displayName: u.displayName,
            userPrincipalName: u.userPrincipalName,
          }
        : null;
    },
  };
}

/** Routes under /roleManagement/directory and /users/{id}/memberOf/microsoft.graph.directoryRole. */
export function roleRoute(req: SimRequest, ctx: SimContext, segments: string[]): SimResponse | null {
  if (req.method !== 'GET') return null;
  const { state } = ctx;
  const [, , kind, id] = segments;
  if (segments[0] === 'roleManagement' && segments[1] === 'directory' && segments.length <= 4) {
    if (kind === 'roleAssignments' && !id) {
      return listResponse(req, ctx, (tree) => assignments(state, filteredPrincipal(tree)), {
        schema: roleAssignmentSchema,
        contextPath: 'roleManagement/directory/roleAssignments',
        expand: expandFor(state),
      });
    }
    if (kind === 'roleEligibilitySchedules' && !id) {
      return listResponse(req, ctx, (tree) => eligibilities(state, filteredPrincipal(tree)), {
        schema: roleEligibilityScheduleSchema,
        contextPath: 'roleManagement/directory/roleEligibilitySchedules',
        expand: expandFor(state),
      });
    }
    if (kind === 'roleDefinitions') {
      const shape = { schema: roleDefinitionSchema, contextPath: 'roleManagement/directory/roleDefinitions' };
      if (!id) return listResponse(req, ctx, allDefinitions(state), shape);
      const def = definitionById(state, id);
      if (!def) throw graphErrors.notFound(id);
      return singleResponse(req, ctx, def, shape);
    }
  }
  return null;
}

/** GET /users/{id}/memberOf/microsoft.graph.directoryRole: active roles only (docs/matching-facts.md §2.4). */
export function memberOfDirectoryRoles(req: SimRequest, ctx: SimContext, userId: string): SimResponse {
  const user = ctx.state.tenant.users.find((u) => u.id.toLowerCase() === userId.toLowerCase());
  if (!user) throw graphErrors.notFound(userId);
  const roles = user.directoryRoles.map((name) => {
    const def = roleDefinition(name);
    return {
      // A directoryRole is the activated instance of a template: its id differs from the template's.
      id: stableId(`directoryRole:${name}`),
      displayName: name,
      description: def['description'],
      roleTemplateId: def['templateId'],
      deletedDateTime: null,
    };
  });
  return listResponse(req, ctx, roles, { schema: directoryRoleSchema, contextPath: 'directoryObjects' });
}
