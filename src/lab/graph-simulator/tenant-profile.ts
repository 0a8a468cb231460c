// The tenant's profile, as Graph enforces it on every call (issue 19): its licence tier and the
// permissions the signed-in principal holds. A call whose permission is missing answers 403
// Authorization_RequestDenied; a PIM read on a tenant without Entra ID P2 answers 400
// AadPremiumLicenseRequired. Each row cites the Microsoft Learn page that lists the permissions.
import type { LabState } from '../lab-state.js';
import { rolesOfDeleted } from '../group-roles.js';
import { GraphHttpError, graphErrors } from './errors.js';
import type { SimRequest } from './http-types.js';

/**
 * What the tool asks for (the default grant when a scenario does not say). The adapter's list
 * (src/adapters/auth/permissions.ts) must equal this one: a test compares them.
 */
export const TOOL_PERMISSIONS: readonly string[] = [
  'User.Read.All',
  'Group.Read.All',
  'OrgContact.Read.All',
  'Domain.Read.All',
  'OnPremDirectorySynchronization.Read.All',
  'RoleManagement.Read.Directory',
  'User.ReadWrite.All',
  'User.DeleteRestore.All',
];

const DIR_READ = ['Directory.Read.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All'];
const DIR_WRITE = ['Directory.ReadWrite.All', 'Directory.AccessAsUser.All'];

interface Rule {
  method: string;
  path: RegExp;
  /** Any one of these grants the call (least privileged first, then the higher ones the page lists). */
  anyOf: readonly string[];
  source: string;
}

/** Per call, the permissions that allow it (least privileged and the higher ones the page names). */
const RULES: readonly Rule[] = [
  {
    method: 'GET',
    path: /^\/users\/[^/]+\/transitiveMemberOf(\/|$)/,
    anyOf: ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All', ...DIR_READ],
    source: 'https://learn.microsoft.com/graph/api/user-list-transitivememberof',
  },
  {
    method: 'GET',
    path: /^\/users(\/|$)/,
    anyOf: ['User.Read.All', 'User.ReadWrite.All', ...DIR_READ],
    source: 'https://learn.microsoft.com/graph/api/user-list',
  },
  {
    method: 'PATCH',
    path: /^\/users\/[^/]+$/,
    anyOf: ['User.ReadWrite.All', ...DIR_WRITE],
    source: 'https://learn.microsoft.com/graph/api/user-update',
  },
  {
    method: 'GET',
    path: /^\/groups\/[^/]+\/(transitiveMembers|members)(\/|$)/,
    anyOf: ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', ...DIR_READ],
    source: 'https://learn.microsoft.com/graph/api/group-list-transitivemembers',
  },
  {
    method: 'GET',
    path: /^\/groups(\/|$)/,
    anyOf: ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', ...DIR_READ],
    source: 'https://learn.microsoft.com/graph/api/group-list',
  },
  {
    method: 'GET',
    path: /^\/contacts(\/|$)/,
    anyOf: ['OrgContact.Read.All', ...DIR_READ],
    source: 'https://learn.microsoft.com/graph/api/orgcontact-list',
  },
  {
    method: 'GET',
    path: /^\/domains(\/|$)/,
    anyOf: ['Domain.Read.All', 'Domain.ReadWrite.All', ...DIR_READ],
    source: 'https://learn.microsoft.com/graph/api/domain-list',
  },
  {
    method: 'GET',
    path: /^\/directory\/onPremisesSynchronization(\/|$)/,
    // Delegated only (the page lists no application permission, and a Global Administrator).
    anyOf: ['OnPremDirectorySynchronization.Read.All', 'OnPremDirectorySynchronization.ReadWrite.All'],
    source: 'https://learn.microsoft.com/graph/api/onpremisesdirectorysynchronization-get',
  },
  {
    method: 'GET',
    path: /^\/directory\/deletedItems(\/|$)/,
    anyOf: ['User.Read.All', 'User.ReadWrite.All', ...DIR_READ],
    source: 'https://learn.microsoft.com/graph/api/directory-deleteditems-list',
  },
  {
    method: 'DELETE',
    path: /^\/directory\/deletedItems\/[^/]+$/,
    anyOf: ['User.DeleteRestore.All', ...DIR_WRITE],
    source: 'https://learn.microsoft.com/graph/api/directory-deleteditems-delete',
  },
  {
    method: 'POST',
    path: /^\/directory\/deletedItems\/[^/]+\/restore$/,
    anyOf: ['User.DeleteRestore.All', ...DIR_WRITE],
    source: 'https://learn.microsoft.com/graph/api/directory-deleteditems-restore',
  },
  {
    method: 'GET',
    path: /^\/roleManagement\/directory\/roleEligibilitySchedules(\/|$)/,
    anyOf: [
      'RoleEligibilitySchedule.Read.Directory',
      'RoleManagement.Read.Directory',
      'RoleManagement.Read.All',
      'RoleManagement.ReadWrite.Directory',
    ],
    source: 'https://learn.microsoft.com/graph/api/rbacapplication-list-roleeligibilityschedules',
  },
  {
    method: 'GET',
    path: /^\/roleManagement\/directory\//,
    anyOf: [
      'RoleManagement.Read.Directory',
      'RoleManagement.Read.All',
      'RoleManagement.ReadWrite.Directory',
      ...DIR_READ,
    ],
    source: 'https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignments',
  },
];

/** Reads that need Entra ID P2 (or ID Governance): PIM's schedules. */
const PIM = /^\/roleManagement\/directory\/role(Eligibility|Assignment)Schedule(s|Instances)(\/|$)/;

/** The permissions the signed-in principal holds (the scenario's, or everything the tool asks for). */
export function grantedPermissions(state: LabState): ReadonlySet<string> {
  return new Set((state.tenant.grantedPermissions ?? TOOL_PERMISSIONS).map((p) => p.toLowerCase()));
}

export function hasPermission(state: LabState, ...anyOf: string[]): boolean {
  const granted = grantedPermissions(state);
  return anyOf.some((p) => granted.has(p.toLowerCase()));
}

export function licenseOf(state: LabState): 'free' | 'p1' | 'p2' {
  return state.tenant.license ?? 'p2';
}

/**
 * The refusal Graph sends for this call on this tenant, or null. Permission first (the token is
 * checked before the resource is looked at; which of the two a P1 tenant without the permission
 * sees first is UNVERIFIED), then the licence.
 */
export function profileRefusal(req: SimRequest, state: LabState): GraphHttpError | null {
  const rule = RULES.find((r) => r.method === req.method && r.path.test(req.path));
  if (rule && !hasPermission(state, ...rule.anyOf)) return graphErrors.forbidden();
  if (privilegedRecycleBinWrite(req, state) && !hasPermission(state, 'Directory.AccessAsUser.All')) {
    // "To restore [or permanently delete] users with privileged administrator roles: in delegated
    // scenarios, the app must be assigned the Directory.AccessAsUser.All delegated permission"
    // (https://learn.microsoft.com/graph/api/directory-deleteditems-restore,
    // https://learn.microsoft.com/graph/api/directory-deleteditems-delete).
    return graphErrors.forbidden();
  }
  if (req.method === 'GET' && PIM.test(req.path) && licenseOf(state) !== 'p2') {
    // https://learn.microsoft.com/graph/api/resources/privilegedidentitymanagementv3-overview
    // (licence requirements); the code and text are what tenants without P2 report.
    return graphErrors.premiumLicenseRequired();
  }
  return null;
}

function privilegedRecycleBinWrite(req: SimRequest, state: LabState): boolean {
  const m = /^\/directory\/deletedItems\/([^/]+)(\/restore)?$/.exec(req.path);
  if (!m || !((req.method === 'DELETE' && !m[2]) || (req.method === 'POST' && m[2]))) return false;
  const user = state.tenant.deletedUsers.find((u) => u.id.toLowerCase() === m[1]!.toLowerCase());
  return user !== undefined && rolesOfDeleted(state, user).length > 0;
}
