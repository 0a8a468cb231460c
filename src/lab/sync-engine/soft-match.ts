// Soft match (docs/matching-facts.md §2.2–2.4): only for an object no hard match or restore claimed, on the AD
// UPN (when softMatchOnUpnEnabled) and on the primary SMTP address, and only onto a cloud-managed
// user without immutableId and without an admin role.
import { addressKey, hasSmtpAddress, primarySmtp } from '../../core/proxy-addresses.js';
import type { ScenarioAdObject, ScenarioCloudUser } from '../scenario-schema.js';
import type { SyncContext } from './context.js';
import { indexCheckEnabled } from '../lab-state-changes.js';
import { createSyncedUser } from './create-user.js';
import { holderIndexFor } from './holder-index.js';
import type { DesiredValues } from './desired.js';
import {
  adminRoleSoftMatchText,
  duplicateValuesText,
  softMatchBlockedText,
  type ConflictingValue,
} from './messages.js';
import { logExportFailure, logNewQuarantines, upnSuffixNote } from './reporting.js';
import { logLine } from './run-log.js';
import { isCloudManaged, rolesOf } from './tenant-objects.js';
import { commitValues, planValues } from './values.js';

export interface SoftMatchCandidate {
  user: ScenarioCloudUser;
  /** The values it shares with the AD object, as the error text lists them. */
  keys: ConflictingValue[];
}

/**
 * The cloud user a soft match would land on. UPN first, then the primary SMTP address against the
 * cloud user's SMTP addresses. UNVERIFIED: the service's precedence when the two keys name two
 * different users, and whether a secondary cloud address counts (the lab says yes).
 */
export function findSoftMatchCandidate(ctx: SyncContext, desired: DesiredValues): SoftMatchCandidate | null {
  const users = ctx.state.tenant.users;
  const upn = ctx.features.softMatchOnUpnEnabled ? desired.adUserPrincipalName : undefined;
  const smtp = primarySmtp(desired.proxyAddresses);
  // The run's holder index names the users that may hold a value (holder-index.ts); the tests decide.
  const holding = (value: string) =>
    holderIndexFor(ctx.state.tenant)?.users.candidates(addressKey(value)) ?? users;
  const byUpn = upn
    ? holding(upn).find((u) => addressKey(u.userPrincipalName) === addressKey(upn))
    : undefined;
  const bySmtp = smtp ? holding(smtp).find((u) => hasSmtpAddress(u.proxyAddresses, smtp)) : undefined;
  if (indexCheckEnabled()) {
    const scanUpn = upn ? users.find((u) => addressKey(u.userPrincipalName) === addressKey(upn)) : undefined;
    const scanSmtp = smtp ? users.find((u) => hasSmtpAddress(u.proxyAddresses, smtp)) : undefined;
    if (scanUpn !== byUpn || scanSmtp !== bySmtp)
      throw new Error('lab holder index out of date (soft match)');
  }
  const user = byUpn ?? bySmtp;
  if (!user) return null;
  const keys: ConflictingValue[] = [];
  if (upn && addressKey(user.userPrincipalName) === addressKey(upn)) {
    keys.push({ property: 'UserPrincipalName', value: upn });
  }
  if (smtp && hasSmtpAddress(user.proxyAddresses, smtp))
    keys.push({ property: 'ProxyAddresses', value: `SMTP:${smtp}` });
  return { user, keys };
}

/** Returns true when soft match decided the object's fate (matched, refused or quarantined). */
export function trySoftMatch(
  ctx: SyncContext,
  obj: ScenarioAdObject,
  anchor: string,
  desired: DesiredValues,
): boolean {
  const candidate = findSoftMatchCandidate(ctx, desired);
  if (!candidate) return false;
  const { user, keys } = candidate;
  if (ctx.features.blockSoftMatchEnabled) {
    logLine(ctx, obj.dn, 'InvalidSoftMatch', softMatchBlockedText(keys), user.id);
    return true;
  }
  // A cloud user that still carries an immutableId (docs/matching-facts.md §F0), or that is synced to another
  // anchor, is never soft-matched nor re-pointed (docs/matching-facts.md §2.3, §2.6); nothing is created.
  if (user.onPremisesImmutableId || !isCloudManaged(user)) {
    logLine(ctx, obj.dn, 'InvalidSoftMatch', duplicateValuesText(keys), user.id);
    return true;
  }
  const roles = rolesOf(user, ctx.state);
  if (roles.length > 0) {
    logLine(
      ctx,
      obj.dn,
      'ExistingAdminRoleConflict',
      adminRoleSoftMatchText(user.userPrincipalName, roles),
      user.id,
    );
    createSyncedUser(ctx, obj, anchor, desired, { quarantinedBeside: user });
    return true;
  }
  const plan = planValues(
    ctx,
    { id: user.id, kind: 'user', current: user, seed: `${obj.dn}|${ctx.run}` },
    desired,
  );
  if (plan.failures.length > 0) {
    logExportFailure(ctx, obj.dn, plan, user.id);
    return true;
  }
  const changed = commitValues(user, plan);
  user.onPremisesImmutableId = anchor;
  user.onPremisesSyncEnabled = true;
  user.onPremisesLastSyncDateTime = ctx.at;
  ctx.state.joins[obj.objectGUID] = user.id;
  const on = keys.map((k) => `${k.property} ${k.value}`).join(' and ');
  const updated = changed.length > 0 ? ` Updated ${changed.join(', ')}.` : '';
  logLine(
    ctx,
    obj.dn,
    'SoftMatch',
    `Soft match on ${on}: joined to cloud user ${user.userPrincipalName} (${user.id}) and set its immutableId to ${anchor}.${updated}${changed.includes('userPrincipalName') ? upnSuffixNote(desired) : ''}`,
    user.id,
  );
  logNewQuarantines(ctx, obj.dn, plan, user.id);
  return true;
}
