// Groups and contacts: the lab exports their names and addresses so that a conflict fixed in AD
// (a contact holding a user's address, docs/matching-facts.md §5) clears in the tenant too.
// Lab simplification: cloud groups and contacts carry no immutableId in a scenario, so a synced
// one is joined to its AD object on first sight by display name or primary SMTP address.
import { addressKey, primarySmtp } from '../../core/proxy-addresses.js';
import type { ScenarioAdObject, ScenarioRecipient } from '../scenario-schema.js';
import type { SyncContext } from './context.js';
import { newObjectId } from './create-user.js';
import { desiredRecipientValues } from './desired.js';
import { logExportFailure, logNewQuarantines } from './reporting.js';
import { logLine } from './run-log.js';
import { joinedAdGuid } from './tenant-objects.js';
import { commitValues, planValues } from './values.js';

function listFor(ctx: SyncContext, kind: 'group' | 'contact'): ScenarioRecipient[] {
  return kind === 'group' ? ctx.state.tenant.groups : ctx.state.tenant.contacts;
}

/** The lab's first-sight join rule for a synced cloud group or contact: same display name or
 *  same primary SMTP address as the AD object (also used by "do it in the lab" to find the source). */
export function sameRecipient(obj: ScenarioAdObject, r: ScenarioRecipient): boolean {
  const name = typeof obj.attributes.displayName === 'string' ? addressKey(obj.attributes.displayName) : null;
  const smtp = primarySmtp(obj.attributes.proxyAddresses);
  return (
    (name !== null && r.displayName !== null && addressKey(r.displayName) === name) ||
    (smtp !== null &&
      primarySmtp(r.proxyAddresses) !== null &&
      addressKey(primarySmtp(r.proxyAddresses)!) === addressKey(smtp))
  );
}

function adopt(
  ctx: SyncContext,
  obj: ScenarioAdObject,
  kind: 'group' | 'contact',
): ScenarioRecipient | undefined {
  return listFor(ctx, kind).find(
    (r) =>
      r.onPremisesSyncEnabled === true &&
      joinedAdGuid(ctx.state, r.id) === undefined &&
      sameRecipient(obj, r),
  );
}

export function syncRecipient(
  ctx: SyncContext,
  obj: ScenarioAdObject,
  options: { quiet?: boolean } = {},
): void {
  if (obj.objectClass === 'user') return;
  const kind = obj.objectClass;
  const { state } = ctx;
  const desired = desiredRecipientValues(obj);
  const list = listFor(ctx, kind);
  const joinedId = state.joins[obj.objectGUID];
  let target = joinedId === undefined ? undefined : list.find((r) => r.id === joinedId);
  if (!target && joinedId !== undefined) delete state.joins[obj.objectGUID];
  if (!target && options.quiet) return;
  target ??= adopt(ctx, obj, kind);
  const seed = `${obj.dn}|${ctx.run}`;

  if (target) {
    state.joins[obj.objectGUID] = target.id;
    const plan = planValues(ctx, { id: target.id, kind, current: target, seed }, desired);
    if (plan.failures.length > 0) {
      logExportFailure(ctx, obj.dn, plan, target.id);
      return;
    }
    const changed = commitValues(target, plan);
    if (changed.length > 0) {
      logLine(
        ctx,
        obj.dn,
        'Updated',
        `Updated ${changed.join(', ')} of the ${kind} ${target.displayName ?? target.id}.`,
        target.id,
      );
    }
    logNewQuarantines(ctx, obj.dn, plan, target.id);
    return;
  }

  const plan = planValues(ctx, { id: null, kind, current: null, seed }, desired);
  if (plan.failures.length > 0) {
    logExportFailure(ctx, obj.dn, plan);
    return;
  }
  const proxies = plan.proxyAddresses ?? [];
  const created: ScenarioRecipient = {
    id: newObjectId(ctx, `${kind}|${obj.objectGUID}`),
    displayName: plan.displayName ?? null,
    mail: plan.mail ?? null,
    mailNickname: plan.mailNickname ?? null,
    proxyAddresses: proxies,
    onPremisesSyncEnabled: true,
    onPremisesProvisioningErrors: plan.onPremisesProvisioningErrors,
  };
  if (kind === 'group') created.mailEnabled = proxies.length > 0 || plan.mail !== undefined;
  list.push(created);
  state.joins[obj.objectGUID] = created.id;
  logLine(
    ctx,
    obj.dn,
    'Created',
    `Added a new ${kind} ${created.displayName ?? created.id} (${created.id}).`,
    created.id,
  );
  logNewQuarantines(ctx, obj.dn, plan, created.id);
}
