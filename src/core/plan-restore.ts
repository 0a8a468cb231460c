// The recycle bin's two cures (issue 13, point 5): what a purge loses for good, read from what Graph
// showed (the deleted object's id, created and deleted dates, licences, mailbox addresses), and
// restore instead when the deleted user is the one this AD user should become (it carries this
// user's anchor, or its UPN or mail is the AD user's) and Graph would accept the restore.
import type { PlanAlternative } from './diagnosis-types.js';
import type { PlanStep } from './plan-types.js';
import { originalUpn } from './rules/deleted-users.js';
import { same, type RuleContext } from './rules/context.js';
import type { CloudUser } from './snapshot.js';
import { forecastSync } from './sync-forecast.js';

/** Entra keeps a soft-deleted user 30 days (https://learn.microsoft.com/entra/fundamentals/recover-from-deletions). */
const RETENTION_DAYS = 30;

function plusDays(iso: string, days: number): string | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

const day = (iso: string | null | undefined): string | null =>
  iso && !Number.isNaN(Date.parse(iso)) ? new Date(Date.parse(iso)).toISOString().slice(0, 10) : null;

/**
 * The purge confirmation's "what goes for good", one short line each, from what Graph returned for
 * the deleted object (its id and UPN are on the confirmation's Object line).
 */
export function purgeLoss(d: CloudUser): string[] {
  const created = day(d.createdDateTime);
  const deleted = day(d.deletedDateTime);
  const kept = d.deletedDateTime ? plusDays(d.deletedDateTime, RETENTION_DAYS) : null;
  const lines = [
    `Created ${created ?? '(Graph did not say)'}; deleted ${deleted ?? '(Graph did not say)'}${kept ? `, kept until about ${kept}` : ''}.`,
  ];
  const skus = d.assignedLicenseSkuIds;
  lines.push(
    skus === undefined
      ? 'Licences: not shown by Graph.'
      : skus.length === 0
        ? 'Licences: none assigned.'
        : `Licences: ${skus.length} (skuId ${skus.join(', ')}), released.`,
  );
  const smtp = d.proxyAddresses.filter((p) => /^smtp:/i.test(p)).length;
  lines.push(
    d.mail || smtp > 0
      ? `Mailbox: had a mailbox address (mail, ${smtp} SMTP); UNVERIFIED, inferred.`
      : 'Mailbox: no mail or SMTP address; UNVERIFIED, inferred.',
  );
  return lines;
}

/** Why the deleted user is this AD user's own account, or null when it is not. */
function belongsHere(ctx: RuleContext, d: CloudUser): string | null {
  if (ctx.anchor.value && d.onPremisesImmutableId === ctx.anchor.value)
    return "it carries this AD user's anchor";
  if (same(originalUpn(d), ctx.user.userPrincipalName)) return "its UPN is this AD user's";
  if (ctx.user.mail && same(d.mail, ctx.user.mail)) return "its mail is this AD user's";
  return null;
}

/** What would make Graph refuse the restore (or make it the worse cure), or null. */
function restoreBlocker(ctx: RuleContext, d: CloudUser): string | null {
  const users = ctx.cloud?.users ?? [];
  const upn = originalUpn(d);
  const byUpn = users.find((u) => same(u.userPrincipalName, upn));
  if (byUpn) {
    return `the active user ${byUpn.userPrincipalName} holds its UPN (Graph would refuse it); to keep the deleted account, remove that user first and diagnose again`;
  }
  const holder = d.onPremisesImmutableId
    ? users.find((u) => u.onPremisesImmutableId === d.onPremisesImmutableId)
    : undefined;
  if (holder)
    return `the active user ${holder.userPrincipalName} holds its immutableId, so Graph would refuse the restore`;
  if (ctx.features?.blockCloudObjectTakeoverThroughHardMatchEnabled) {
    return 'the tenant blocks hard-match takeover, so the restored (cloud-managed) user could not be matched';
  }
  if (!ctx.anchor.value) return 'this AD user has no anchor to match it with';
  return null;
}

/** One sentence for the purge confirmation: restore offered instead, or why not (null: not this user's). */
export function restoreNote(ctx: RuleContext, d: CloudUser): string | null {
  const why = belongsHere(ctx, d);
  if (!why) return null;
  const blocker = restoreBlocker(ctx, d);
  return blocker
    ? `Restore instead? Not offered: ${blocker}.`
    : `Restore instead: ${why}; "Restore … instead" on the plan brings back its mailbox, licences and memberships.`;
}

function restoreStep(d: CloudUser, why: string): PlanStep {
  const upn = originalUpn(d);
  return {
    action: 'RESTORE_DELETED_USER',
    description: `Restore ${upn} from the recycle bin (${why}), so this AD user matches its own account`,
    because: ['DELETED_USER_CONFLICT'],
    reversible: false,
    writes: true,
    objectId: d.id,
    objectUpn: upn,
    precondition: {
      kind: 'deletedUser',
      objectId: d.id,
      expect: { onPremisesImmutableId: d.onPremisesImmutableId },
      description: `${upn} is still in the recycle bin with the same immutableId.`,
    },
    change: { property: 'recycle bin', before: upn, after: 'active user' },
  };
}

/**
 * The restore plan, when the deleted user belongs to this AD user and Graph would accept the
 * restore: restore it, give it this user's anchor if it lacks it (hard match), sync, verify that
 * the restored user is the one matched. The steps are the plan's own kinds; the core plans, the
 * wizard's plan screen offers it, nothing is chosen for the technician.
 */
export function restoreAlternatives(ctx: RuleContext, syncSteps: PlanStep[]): PlanAlternative[] {
  const out: PlanAlternative[] = [];
  const anchor = ctx.anchor.value;
  if (!ctx.cloud || !anchor) return out;
  for (const d of ctx.cloud.deletedUsers) {
    const why = belongsHere(ctx, d);
    if (!why || restoreBlocker(ctx, d)) continue;
    // No cloud user to match and the deleted one holds the anchor: the sync restores it by itself.
    if (!ctx.target && d.onPremisesImmutableId === anchor) continue;
    const upn = originalUpn(d);
    // A restored user is cloud-managed (onPremisesSyncEnabled false) with its old immutableId.
    const restored: CloudUser = {
      ...d,
      userPrincipalName: upn,
      onPremisesSyncEnabled: d.onPremisesSyncEnabled ? false : d.onPremisesSyncEnabled,
    };
    delete restored.deletedDateTime;
    const steps: PlanStep[] = [restoreStep(d, why)];
    if (d.onPremisesImmutableId !== anchor) {
      steps.push({
        action: 'SET_IMMUTABLE_ID',
        description: `Set the immutableId of ${upn} to ${anchor} (hard match, once restored)`,
        because: ['DELETED_USER_CONFLICT'],
        reversible: true,
        writes: true,
        objectId: d.id,
        objectUpn: upn,
        precondition: {
          kind: 'user',
          objectId: d.id,
          expect: { onPremisesImmutableId: d.onPremisesImmutableId, userPrincipalName: upn },
          description: `${upn} is active (restored) with the same immutableId and UPN.`,
        },
        change: { property: 'onPremisesImmutableId', before: d.onPremisesImmutableId, after: anchor },
      });
    }
    steps.push(
      ...syncSteps.map((s) =>
        s.action === 'VERIFY_MATCH'
          ? {
              ...s,
              description: `Check that ${upn} is synced with immutableId ${anchor}`,
              objectId: d.id,
              objectUpn: upn,
            }
          : s,
      ),
    );
    out.push({
      kind: 'restore',
      label: `Restore ${upn} from the recycle bin instead (${why})`,
      reason: `The deleted user ${d.id} is this AD user's own account (${why}): restoring it keeps its mailbox, licences and memberships, where the plan would ${ctx.target ? 'match another cloud user' : 'let the sync create a new one'}.`,
      target: { ...restored, management: 'cloud-managed', roles: [] },
      plan: steps,
      forecast: forecastSync(ctx.user, restored, ctx.cloud),
    });
  }
  return out;
}
