// When an object with the anchor of a soft-deleted user returns, Connect restores that user
// instead of creating one (docs/matching-facts.md §2.8).
import type { ScenarioAdObject, ScenarioDeletedUser } from '../scenario-schema.js';
import type { SyncContext } from './context.js';
import type { DesiredValues } from './desired.js';
import { takeoverRefusal } from './hard-match.js';
import { logExportFailure, logNewQuarantines } from './reporting.js';
import { logLine } from './run-log.js';
import { originalUpn, undeleteUser } from './tenant-objects.js';
import { commitValues, planValues } from './values.js';

export function restoreDeletedUser(
  ctx: SyncContext,
  obj: ScenarioAdObject,
  deleted: ScenarioDeletedUser,
  anchor: string,
  desired: DesiredValues,
): void {
  // UNVERIFIED: that soft-deleted role holders are refused like active ones (the July 2026 page
  // names "soft-deleted privileged users").
  const refusal = takeoverRefusal(ctx, deleted);
  if (refusal) {
    logLine(ctx, obj.dn, refusal.outcome, refusal.message, deleted.id);
    return;
  }
  const restoredUpn = originalUpn(deleted);
  const plan = planValues(
    ctx,
    {
      id: deleted.id,
      kind: 'user',
      current: {
        userPrincipalName: restoredUpn,
        onPremisesProvisioningErrors: deleted.onPremisesProvisioningErrors,
      },
      seed: `${obj.dn}|${ctx.run}`,
    },
    desired,
  );
  if (plan.failures.length > 0) {
    logExportFailure(ctx, obj.dn, plan, deleted.id);
    return;
  }
  const user = undeleteUser(ctx.state, deleted);
  commitValues(user, plan);
  user.onPremisesSyncEnabled = true;
  user.onPremisesLastSyncDateTime = ctx.at;
  ctx.state.joins[obj.objectGUID] = user.id;
  logLine(
    ctx,
    obj.dn,
    'Restored',
    `Restored ${user.userPrincipalName} (${user.id}) from deleted users: it holds the sourceAnchor ${anchor}, so Connect restores it instead of creating a new user.`,
    user.id,
  );
  logNewQuarantines(ctx, obj.dn, plan, user.id);
}
