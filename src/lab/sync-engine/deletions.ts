// An AD object that was deleted or left the sync scope while joined: its user goes to the recycle
// bin (soft delete, docs/matching-facts.md §2.8); a group or contact is deleted.
import type { ScenarioAdObject, ScenarioCloudUser } from '../scenario-schema.js';
import { resolveSourceAnchor } from './anchor.js';
import type { SyncContext } from './context.js';
import { handOver } from './forest-joins.js';
import { logLine } from './run-log.js';
import { isInScope, isSystemObject } from './scope.js';
import { deletedUpn, joinedAdGuid, softDeleteUser } from './tenant-objects.js';

/**
 * Connect's metaverse remembers every user it exported; a scenario states that history as synced
 * cloud users whose immutableId is an AD object's anchor. Those links are taken up here, for
 * objects in and out of scope alike, so an object that left the scope before the first lab run is
 * still soft-deleted like the real service would.
 */
export function adoptExistingJoins(ctx: SyncContext): void {
  const { state } = ctx;
  for (const obj of state.ad.objects) {
    if (obj.objectClass !== 'user' || state.joins[obj.objectGUID] !== undefined) continue;
    const anchor = resolveSourceAnchor(obj, state.sync.sourceAnchor, { writeBack: false });
    if (!anchor.ok) continue;
    const synced = state.tenant.users.find(
      (u) => u.onPremisesSyncEnabled === true && u.onPremisesImmutableId === anchor.anchor,
    );
    if (synced && joinedAdGuid(state, synced.id) === undefined) state.joins[obj.objectGUID] = synced.id;
  }
}

export function removeDeparted(ctx: SyncContext): void {
  const { state } = ctx;
  // The first AD object with each GUID (as a find over the objects would give), looked up per join.
  const byGuid = new Map<string, ScenarioAdObject>();
  for (const o of state.ad.objects) {
    const g = o.objectGUID.toLowerCase();
    if (!byGuid.has(g)) byGuid.set(g, o);
  }
  // The first active user with each id; one soft-deleted here leaves it.
  const usersById = new Map<string, ScenarioCloudUser>();
  for (const u of state.tenant.users) if (!usersById.has(u.id)) usersById.set(u.id, u);
  for (const [guid, cloudId] of Object.entries(state.joins)) {
    const obj = byGuid.get(guid.toLowerCase());
    if (obj && isInScope(obj.dn, state.sync.scope) && !isSystemObject(obj)) continue;
    const dn = obj?.dn ?? `<GUID=${guid}>`;
    const why = obj ? 'left the sync scope' : 'was deleted in AD';
    delete state.joins[guid];
    const user = usersById.get(cloudId);
    if (user && handOver(ctx, dn, why, user)) continue;
    if (user) {
      usersById.delete(cloudId);
      const deleted = softDeleteUser(state, user, ctx.at);
      logLine(
        ctx,
        dn,
        'SoftDeleted',
        `The AD object ${why}: cloud user ${user.userPrincipalName} (${cloudId}) was moved to deleted users (Graph lists it as ${deletedUpn(deleted.id, deleted.userPrincipalName)}).`,
        cloudId,
      );
      continue;
    }
    for (const key of ['groups', 'contacts'] as const) {
      const list = state.tenant[key];
      const i = list.findIndex((r) => r.id === cloudId);
      if (i >= 0) {
        const [gone] = list.splice(i, 1);
        logLine(
          ctx,
          dn,
          'Deleted',
          `The AD object ${why}: ${key.slice(0, -1)} ${gone!.displayName ?? cloudId} was deleted.`,
          cloudId,
        );
      }
    }
  }
}
