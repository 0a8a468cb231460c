// Directory roles held through role-assignable groups (issue 19): a role assigned to a group whose
// isAssignableToRole is true reaches every member of it. Membership is followed transitively here,
// although Entra does not let a group be a member of a role-assignable group
// (https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept): a scenario
// may still nest ordinary groups, and the tool must find a role however the membership is laid out.
import type { LabState } from './lab-state.js';
import type { ScenarioCloudUser, ScenarioGroup } from './scenario-schema.js';

/** Every group `objectId` belongs to, directly or through other groups (each once). */
export function transitiveGroupsOf(state: LabState, objectId: string): ScenarioGroup[] {
  const out: ScenarioGroup[] = [];
  const seen = new Set<string>();
  let frontier = [objectId.toLowerCase()];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const g of state.tenant.groups) {
      const key = g.id.toLowerCase();
      if (seen.has(key)) continue;
      if ((g.members ?? []).some((m) => frontier.includes(m.toLowerCase()))) {
        seen.add(key);
        out.push(g);
        next.push(key);
      }
    }
    frontier = next;
  }
  return out;
}

/** Every member of a group, following nested groups, as ids (users and groups). */
export function transitiveMembersOf(state: LabState, groupId: string): string[] {
  const byId = new Map(state.tenant.groups.map((g) => [g.id.toLowerCase(), g]));
  const out: string[] = [];
  const seen = new Set<string>([groupId.toLowerCase()]);
  const queue = [...(byId.get(groupId.toLowerCase())?.members ?? [])];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id.toLowerCase())) continue;
    seen.add(id.toLowerCase());
    out.push(id);
    queue.push(...(byId.get(id.toLowerCase())?.members ?? []));
  }
  return out;
}

/** Roles reaching a user through role-assignable groups, with the group that carries each. */
export function groupRolesOf(state: LabState, userId: string): { role: string; group: ScenarioGroup }[] {
  return transitiveGroupsOf(state, userId)
    .filter((g) => g.isAssignableToRole === true)
    .flatMap((group) => (group.directoryRoles ?? []).map((role) => ({ role, group })));
}

/** A user's roles: direct (active and eligible) and through role-assignable groups, each name once. */
export function allRolesOf(
  state: LabState,
  user: Pick<ScenarioCloudUser, 'id' | 'directoryRoles' | 'eligibleDirectoryRoles'>,
): string[] {
  return [
    ...new Set([
      ...user.directoryRoles,
      ...user.eligibleDirectoryRoles,
      ...groupRolesOf(state, user.id).map((r) => r.role),
    ]),
  ];
}

/** The roles a recycle-bin user held (what makes a purge or restore "privileged"). */
export function rolesOfDeleted(state: LabState, user: ScenarioCloudUser): string[] {
  return allRolesOf(state, user);
}
