// An AD object that was deleted or left the sync scope while joined: its user goes to the recycle
// bin (soft delete, DOMAIN.md §2.8); a group or contact is deleted.
import type { SyncContext } from './context.js';
import { logLine } from './run-log.js';
import { isInScope, isSystemObject } from './scope.js';
import { softDeleteUser } from './tenant-objects.js';

export function removeDeparted(ctx: SyncContext): void {
  const { state } = ctx;
  for (const [guid, cloudId] of Object.entries(state.joins)) {
    const obj = state.ad.objects.find((o) => o.objectGUID.toLowerCase() === guid.toLowerCase());
    if (obj && isInScope(obj.dn, state.sync.scope) && !isSystemObject(obj)) continue;
    const dn = obj?.dn ?? `<GUID=${guid}>`;
    const why = obj ? 'left the sync scope' : 'was deleted in AD';
    delete state.joins[guid];
    const user = state.tenant.users.find((u) => u.id === cloudId);
    if (user) {
      const deleted = softDeleteUser(state, user, ctx.at);
      logLine(
        ctx,
        dn,
        'SoftDeleted',
        `The AD object ${why}: cloud user ${user.userPrincipalName} (${cloudId}) was moved to deleted users as ${deleted.userPrincipalName}.`,
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
