// One AD user through one delta sync, in Connect's order: existing join → hard match → restore
// of a deleted user holding the anchor → soft match → create.
import type { ScenarioAdObject } from '../scenario-schema.js';
import { resolveSourceAnchor } from './anchor.js';
import type { SyncContext } from './context.js';
import { createSyncedUser } from './create-user.js';
import { desiredUserValues } from './desired.js';
import { precedingJoin } from './forest-joins.js';
import { hardMatch } from './hard-match.js';
import { restoreDeletedUser } from './restore.js';
import { logLine } from './run-log.js';
import { trySoftMatch } from './soft-match.js';
import { updateJoinedUser, type UpdateOptions } from './update.js';
import { refusedText, refusedValues } from './validation.js';

export function syncUser(ctx: SyncContext, obj: ScenarioAdObject): void {
  const { state } = ctx;
  const anchor = resolveSourceAnchor(obj, state.sync.sourceAnchor);
  if (!anchor.ok) {
    logLine(ctx, obj.dn, 'Skipped', anchor.reason);
    return;
  }
  const desired = desiredUserValues(state, obj);
  if (desired.userPrincipalName === undefined) {
    logLine(ctx, obj.dn, 'Skipped', 'The object has neither userPrincipalName nor sAMAccountName to export.');
    return;
  }
  const refused = refusedValues(obj);
  if (refused.length > 0) {
    logLine(ctx, obj.dn, 'ExportError', refusedText(refused), state.joins[obj.objectGUID]);
    return;
  }

  const joinedId = state.joins[obj.objectGUID];
  if (joinedId !== undefined) {
    const joined = state.tenant.users.find((u) => u.id === joinedId);
    if (joined) {
      if (precedingJoin(ctx, obj, joined)) return;
      updateJoinedUser(ctx, obj, joined, desired);
      return;
    }
    // Its cloud user was deleted or purged meanwhile: the object is matched again from scratch.
    delete state.joins[obj.objectGUID];
  }

  const holder = state.tenant.users.find((u) => u.onPremisesImmutableId === anchor.anchor);
  if (holder) {
    hardMatch(ctx, obj, holder, anchor.anchor, desired);
    return;
  }
  const deleted = state.tenant.deletedUsers.find((u) => u.onPremisesImmutableId === anchor.anchor);
  if (deleted) {
    restoreDeletedUser(ctx, obj, deleted, anchor.anchor, desired);
    return;
  }
  if (trySoftMatch(ctx, obj, anchor.anchor, desired)) return;
  createSyncedUser(ctx, obj, anchor.anchor, desired);
}

/**
 * The service's timer task: a joined user whose values sit in quarantine gets them once they are
 * free (docs/matching-facts.md §F4). Run after every object so a value released later in the same run is
 * picked up now, which keeps a second run a no-op.
 */
export function retryQuarantinedUser(ctx: SyncContext, obj: ScenarioAdObject): void {
  const { state } = ctx;
  const id = state.joins[obj.objectGUID];
  const user = id === undefined ? undefined : state.tenant.users.find((u) => u.id === id);
  if (!user || user.onPremisesProvisioningErrors.length === 0) return;
  if (precedingJoin(ctx, obj, user, { quiet: true })) return;
  const options: UpdateOptions = { quiet: true };
  updateJoinedUser(ctx, obj, user, desiredUserValues(state, obj), options);
}
