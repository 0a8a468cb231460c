// Provisioning a new synced user when nothing matched, with duplicate attribute resiliency.
import type { ScenarioAdObject, ScenarioCloudUser } from '../scenario-schema.js';
import type { SyncContext } from './context.js';
import type { DesiredValues } from './desired.js';
import { deterministicGuid } from './deterministic.js';
import { logExportFailure, logNewQuarantines, upnSuffixNote } from './reporting.js';
import { logLine } from './run-log.js';
import { planValues } from './values.js';
import { predictMailNickname } from '../../core/unverified-upn.js';

function firstSyncAlias(desired: DesiredValues): string | null {
  const upn = desired.adUserPrincipalName;
  if (upn === undefined) return null;
  return predictMailNickname({
    userPrincipalName: upn,
    mailNickname: desired.mailNickname,
    proxyAddresses: desired.proxyAddresses,
    mail: desired.mail,
  });
}

/** A new object id no tenant object uses, derived from the anchor and the run. */
export function newObjectId(ctx: SyncContext, seed: string): string {
  const t = ctx.state.tenant;
  const used = new Set(
    [...t.users, ...t.deletedUsers, ...t.groups, ...t.contacts].map((o) => o.id.toLowerCase()),
  );
  for (let attempt = 0; ; attempt++) {
    const id = deterministicGuid(`${seed}|${ctx.run}|${attempt}`);
    if (!used.has(id)) return id;
  }
}

export interface CreateOptions {
  /** Created beside an admin it may not take over (docs/matching-facts.md §2.4). */
  quarantinedBeside?: ScenarioCloudUser;
}

export function createSyncedUser(
  ctx: SyncContext,
  obj: ScenarioAdObject,
  anchor: string,
  desired: DesiredValues,
  options: CreateOptions = {},
): ScenarioCloudUser | null {
  const plan = planValues(
    ctx,
    { id: null, kind: 'user', current: null, seed: `${obj.dn}|${ctx.run}` },
    desired,
  );
  if (plan.failures.length > 0) {
    logExportFailure(ctx, obj.dn, plan);
    return null;
  }
  const user: ScenarioCloudUser = {
    id: newObjectId(ctx, `user|${anchor}`),
    userPrincipalName: plan.userPrincipalName!,
    displayName: plan.displayName ?? null,
    mail: plan.mail ?? null,
    // First sync: the alias, else the primary SMTP prefix, else mail's, else the UPN's (Entra Connect
    // "UserPrincipalName population"); later syncs change it only when AD's alias changes.
    mailNickname: plan.mailNickname ?? firstSyncAlias(desired),
    proxyAddresses: plan.proxyAddresses ?? [],
    onPremisesImmutableId: anchor,
    onPremisesSyncEnabled: true,
    onPremisesLastSyncDateTime: ctx.at,
    onPremisesProvisioningErrors: plan.onPremisesProvisioningErrors,
    directoryRoles: [],
    eligibleDirectoryRoles: [],
  };
  ctx.state.tenant.users.push(user);
  ctx.state.joins[obj.objectGUID] = user.id;
  const admin = options.quarantinedBeside;
  const what = admin
    ? `Created a separate, quarantined cloud user ${user.userPrincipalName} (${user.id}) beside ${admin.userPrincipalName}, which holds an admin role.`
    : `Added a new cloud user ${user.userPrincipalName} (${user.id}) with immutableId ${anchor}.`;
  logLine(ctx, obj.dn, 'Created', `${what}${upnSuffixNote(desired)}`, user.id);
  logNewQuarantines(ctx, obj.dn, plan, user.id);
  return user;
}
