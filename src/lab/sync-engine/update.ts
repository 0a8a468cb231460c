// Attribute flow for an AD user already joined to its cloud user: every attribute AD has a value
// for overwrites the cloud value, the UPN included (SynchronizeUpnForManagedUsers; a UPN moved to
// the initial domain by hand comes back to the AD UPN once its suffix is verified).
import type { ScenarioAdObject, ScenarioCloudUser } from '../scenario-schema.js';
import type { SyncContext } from './context.js';
import type { DesiredValues } from './desired.js';
import { logExportFailure, logNewQuarantines, upnSuffixNote } from './reporting.js';
import { logLine } from './run-log.js';
import { commitValues, planValues } from './values.js';

export interface UpdateOptions {
  /** No "Unchanged" line (the end-of-run resiliency sweep). */
  quiet?: boolean;
}

export function updateJoinedUser(
  ctx: SyncContext,
  obj: ScenarioAdObject,
  user: ScenarioCloudUser,
  desired: DesiredValues,
  options: UpdateOptions = {},
): void {
  const plan = planValues(
    ctx,
    { id: user.id, kind: 'user', current: user, seed: `${obj.dn}|${ctx.run}` },
    desired,
  );
  if (plan.failures.length > 0) {
    logExportFailure(ctx, obj.dn, plan, user.id);
    return;
  }
  const changed = commitValues(user, plan);
  if (changed.length > 0) {
    user.onPremisesLastSyncDateTime = ctx.at;
    const note = changed.includes('userPrincipalName') ? upnSuffixNote(desired) : '';
    logLine(
      ctx,
      obj.dn,
      'Updated',
      `Updated ${changed.join(', ')} of ${user.userPrincipalName}.${note}`,
      user.id,
    );
  } else if (!options.quiet) {
    logLine(ctx, obj.dn, 'Unchanged', `No change: synchronized with ${user.userPrincipalName}.`, user.id);
  }
  logNewQuarantines(ctx, obj.dn, plan, user.id);
}
