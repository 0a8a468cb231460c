// Hard match: an AD object whose sourceAnchor equals a cloud user's immutableId is joined to it
// (docs/matching-facts.md §2.1), unless the tenant or the role hardening forbids taking that object over.
import type { ScenarioAdObject, ScenarioCloudUser } from '../scenario-schema.js';
import type { SyncContext } from './context.js';
import type { DesiredValues } from './desired.js';
import { joinAcrossForests } from './forest-joins.js';
import { adminRoleHardMatchText, INVALID_HARD_MATCH_TEXT } from './messages.js';
import { logExportFailure, logNewQuarantines, upnSuffixNote } from './reporting.js';
import { logLine } from './run-log.js';
import { isCloudManaged, joinedAdGuid, rolesOf } from './tenant-objects.js';
import { updateJoinedUser } from './update.js';
import { commitValues, planValues } from './values.js';

/** Why a takeover of this cloud user (active or deleted) is refused, as a log line; null if allowed. */
export function takeoverRefusal(
  ctx: SyncContext,
  target: ScenarioCloudUser,
): { outcome: 'ExistingAdminRoleConflict' | 'InvalidHardMatch'; message: string } | null {
  const roles = rolesOf(target, ctx.state);
  // From mid-2026 a hard match onto a role holder is blocked (docs/matching-facts.md §2.4). The lab models the
  // service after that date; which roles count is UNVERIFIED (see messages.ts).
  if (roles.length > 0) {
    return {
      outcome: 'ExistingAdminRoleConflict',
      message: adminRoleHardMatchText(target.userPrincipalName, roles),
    };
  }
  if (isCloudManaged(target) && ctx.features.blockCloudObjectTakeoverThroughHardMatchEnabled) {
    return {
      outcome: 'InvalidHardMatch',
      message: `${INVALID_HARD_MATCH_TEXT} (blockCloudObjectTakeoverThroughHardMatchEnabled is on; the cloud user is ${target.userPrincipalName}.)`,
    };
  }
  return null;
}

export function hardMatch(
  ctx: SyncContext,
  obj: ScenarioAdObject,
  target: ScenarioCloudUser,
  anchor: string,
  desired: DesiredValues,
): void {
  const { state } = ctx;
  const other = joinedAdGuid(state, target.id);
  if (other !== undefined && other !== obj.objectGUID && joinAcrossForests(ctx, obj, target, anchor, other))
    return;
  if (other !== undefined && other !== obj.objectGUID) {
    // Two AD objects export the same anchor (a copied mS-DS-ConsistencyGuid): the second one cannot
    // be joined, and the first keeps its cloud user. Lab wording.
    const otherDn = state.ad.objects.find((o) => o.objectGUID === other)?.dn ?? other;
    logLine(
      ctx,
      obj.dn,
      'ExportError',
      `AttributeValueMustBeUnique: the sourceAnchor ${anchor} is already exported by ${otherDn}, which is synchronized with ${target.userPrincipalName}. Correct or remove the duplicate anchor value in your local directory.`,
      target.id,
    );
    return;
  }
  if (!isCloudManaged(target)) {
    // Already synced with this anchor: Connect's existing join (the scenario's history).
    state.joins[obj.objectGUID] = target.id;
    updateJoinedUser(ctx, obj, target, desired);
    return;
  }
  const refusal = takeoverRefusal(ctx, target);
  if (refusal) {
    logLine(ctx, obj.dn, refusal.outcome, refusal.message, target.id);
    return;
  }
  const plan = planValues(
    ctx,
    { id: target.id, kind: 'user', current: target, seed: `${obj.dn}|${ctx.run}` },
    desired,
  );
  if (plan.failures.length > 0) {
    logExportFailure(ctx, obj.dn, plan, target.id);
    return;
  }
  const changed = commitValues(target, plan);
  target.onPremisesSyncEnabled = true;
  target.onPremisesLastSyncDateTime = ctx.at;
  state.joins[obj.objectGUID] = target.id;
  const updated = changed.length > 0 ? ` Updated ${changed.join(', ')}.` : '';
  logLine(
    ctx,
    obj.dn,
    'HardMatch',
    `Hard match on sourceAnchor ${anchor}: joined to cloud user ${target.userPrincipalName} (${target.id}), which is now synchronized.${updated}${changed.includes('userPrincipalName') ? upnSuffixNote(desired) : ''}`,
    target.id,
  );
  logNewQuarantines(ctx, obj.dn, plan, target.id);
}
