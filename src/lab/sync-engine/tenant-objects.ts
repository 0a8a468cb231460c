// Small reads and moves on the lab tenant that several sync rules share.
import { groupRolesOf } from '../group-roles.js';
import type { LabState } from '../lab-state.js';
import { indexCheckEnabled } from '../lab-state-changes.js';
import { watchedJoin } from './join-index.js';
import type { ScenarioCloudUser, ScenarioDeletedUser } from '../scenario-schema.js';

/**
 * Role names (active and eligible) a user holds: any one blocks matching (docs/matching-facts.md §2.4). With the
 * state, roles held through role-assignable groups count too (whether Connect's block counts them
 * is UNVERIFIED; the lab treats them as blocking, as the tool does).
 */
export function rolesOf(
  user: Pick<ScenarioCloudUser, 'directoryRoles' | 'eligibleDirectoryRoles'> & { id?: string },
  state?: LabState,
): string[] {
  const viaGroups = state && user.id ? groupRolesOf(state, user.id).map((r) => r.role) : [];
  return [...new Set([...(user.directoryRoles ?? []), ...(user.eligibleDirectoryRoles ?? []), ...viaGroups])];
}

/** The AD objectGUID joined to a cloud object, if any. */
export function joinedAdGuid(state: LabState, cloudId: string): string | undefined {
  const scan = () => Object.keys(state.joins).find((g) => state.joins[g] === cloudId);
  // During a run, from the watched joins (join-index.ts).
  const watched = watchedJoin(state, cloudId);
  if (watched === null) return scan();
  if (indexCheckEnabled() && scan() !== watched.guid)
    throw new Error(`lab join index out of date for ${cloudId}`);
  return watched.guid;
}

/** `onPremisesSyncEnabled` true is synced; null and false are cloud-managed (docs/matching-facts.md §2.8). */
export function isCloudManaged(user: Pick<ScenarioCloudUser, 'onPremisesSyncEnabled'>): boolean {
  return user.onPremisesSyncEnabled !== true;
}

/** A deleted user's UPN is `<object id without hyphens><original UPN>` (docs/matching-facts.md §3). */
export function deletedUpn(id: string, upn: string): string {
  return `${id.replace(/-/g, '')}${upn}`;
}

/** The UPN a restore gives back; a scenario may state a deleted user's UPN either way. */
export function originalUpn(user: Pick<ScenarioDeletedUser, 'id' | 'userPrincipalName'>): string {
  const prefix = user.id.replace(/-/g, '').toLowerCase();
  const upn = user.userPrincipalName;
  return upn.toLowerCase().startsWith(prefix) && upn.length > prefix.length ? upn.slice(prefix.length) : upn;
}

/**
 * Moves an active user to the recycle bin (30 days in the service; the lab keeps it). The lab state
 * keeps the original UPN, as scenario files do; the Graph simulator shows the rewritten form.
 */
export function softDeleteUser(state: LabState, user: ScenarioCloudUser, at: string): ScenarioDeletedUser {
  state.tenant.users = state.tenant.users.filter((u) => u !== user);
  const deleted: ScenarioDeletedUser = { ...user, deletedDateTime: at };
  state.tenant.deletedUsers.push(deleted);
  return deleted;
}

/** Takes a user out of the recycle bin with its original UPN; the caller decides the final values. */
export function undeleteUser(state: LabState, deleted: ScenarioDeletedUser): ScenarioCloudUser {
  state.tenant.deletedUsers = state.tenant.deletedUsers.filter((u) => u !== deleted);
  const { deletedDateTime: _gone, ...rest } = deleted;
  const user: ScenarioCloudUser = { ...rest, userPrincipalName: originalUpn(deleted) };
  state.tenant.users.push(user);
  return user;
}
