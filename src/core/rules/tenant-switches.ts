// SOFT_MATCH_BLOCKED, HARD_MATCH_TAKEOVER_BLOCKED, TENANT_FEATURES_UNREADABLE, ADMIN_ROLE_BLOCKS_MATCH,
// FEDERATED_UPN_DOMAIN: what the tenant forbids (docs/matching-facts.md §2.4, §2.5, §2.11).
import type { Finding } from '../findings.js';
import { isSynced, same, type RuleContext } from './context.js';

/** Would the next sync soft-match the target (ignoring the immutableId, checked elsewhere)? */
export function softMatchAllowed(ctx: RuleContext): boolean {
  const f = ctx.features;
  if (!f || f.blockSoftMatchEnabled) return false;
  const t = ctx.target;
  if (!t) return false;
  const viaSmtp = ctx.primarySmtp !== null && ctx.bySmtp?.id === t.id;
  const viaUpn = f.softMatchOnUpnEnabled && same(t.userPrincipalName, ctx.user.userPrincipalName);
  return viaSmtp || viaUpn;
}

export function takeoverBlocked(ctx: RuleContext): boolean {
  return ctx.features?.blockCloudObjectTakeoverThroughHardMatchEnabled === true;
}

export function federatedDomain(ctx: RuleContext, upn: string): string | null {
  const suffix = upn.split('@')[1]?.toLowerCase();
  const d = ctx.cloud?.domains.find((x) => x.id.toLowerCase() === suffix);
  return d && d.authenticationType === 'Federated' ? d.id : null;
}

export function tenantSwitchRules(ctx: RuleContext): Finding[] {
  const { target, cloud } = ctx;
  if (!cloud) return [];
  const out: Finding[] = [];
  if (!ctx.features) {
    const why = cloud.skipped?.find((s) => s.check === 'features');
    const said = why?.graphCode
      ? ` Graph answered ${why.status ?? ''} ${why.graphCode}.`.replace('  ', ' ')
      : '';
    out.push({
      code: 'TENANT_FEATURES_UNREADABLE',
      severity: 'warning',
      message:
        "The tenant's sync switches (blockSoftMatchEnabled, blockCloudObjectTakeoverThroughHardMatchEnabled, " +
        'softMatchOnUpnEnabled) could not be read, so the checks that need them were skipped.' +
        said +
        ' Reading them needs the delegated permission OnPremDirectorySynchronization.Read.All (an app-only sign-in ' +
        'cannot). For this user: if the tenant blocks soft match or hard-match takeover, the planned match fails ' +
        'at the next sync (InvalidSoftMatch / InvalidHardMatch) instead of here.',
      evidence: {
        skipped: ['SOFT_MATCH_BLOCKED', 'HARD_MATCH_TAKEOVER_BLOCKED'],
        permission: 'OnPremDirectorySynchronization.Read.All',
        ...(why?.status !== undefined ? { status: why.status } : {}),
        ...(why?.graphCode ? { graphCode: why.graphCode } : {}),
      },
    });
  }
  if (!target || isSynced(target)) return out;
  const f = ctx.features;
  const wantsSoft = target.onPremisesImmutableId === null && !ctx.holder;
  if (f && wantsSoft && !softMatchAllowed(ctx)) {
    const why = f.blockSoftMatchEnabled
      ? 'the tenant has blockSoftMatchEnabled set'
      : ctx.byUpnPrefix?.id === target.id
        ? `neither its UPN nor its addresses equal the AD user's (${ctx.user.userPrincipalName}, primary SMTP ${ctx.primarySmtp ?? 'none'}); it was found only by the same name on a verified domain`
        : 'UPN soft match is off (softMatchOnUpnEnabled is false) and the primary SMTP address does not match';
    out.push({
      code: 'SOFT_MATCH_BLOCKED',
      severity: 'error',
      message: `Soft match onto ${target.userPrincipalName} will not happen: ${why}. The sync would create a second user instead. A hard match (stamping the immutableId) avoids that.`,
      evidence: { features: f, target: target.id },
    });
  }
  if (f && takeoverBlocked(ctx)) {
    out.push({
      code: 'HARD_MATCH_TAKEOVER_BLOCKED',
      severity: 'warning',
      message:
        `The tenant has blockCloudObjectTakeoverThroughHardMatchEnabled set: a hard match onto the cloud-managed ` +
        `${target.userPrincipalName} fails with InvalidHardMatch. Only a soft match (no immutableId on the target) can join it.`,
      evidence: { features: f, target: target.id },
    });
  }
  if (ctx.targetRoles.length > 0) {
    const grants = cloud.roleGrants?.[target.id] ?? [];
    const viaGroups = grants.filter((g) => g.viaGroup);
    // Whether Connect's block counts roles held through a group is UNVERIFIED: treated as blocking.
    const groupText =
      viaGroups.length > 0
        ? ` ${viaGroups
            .map(
              (g) =>
                `${g.role} reaches it through the role-assignable group "${g.viaGroup!.displayName ?? g.viaGroup!.id}"`,
            )
            .join('; ')} (a role held through a group is treated as blocking, like a direct one).`
        : '';
    out.push({
      code: 'ADMIN_ROLE_BLOCKS_MATCH',
      severity: 'error',
      message:
        `${target.userPrincipalName} holds the directory role(s) ${ctx.targetRoles.join(', ')}.${groupText} Entra Connect never ` +
        'soft-matches an admin, and since mid-2026 it refuses hard matches onto privileged users too; the incoming ' +
        'user would be created as a separate, quarantined object ("Existing Admin Role Conflict"). Remove the role ' +
        '(active and eligible assignments' +
        (viaGroups.length > 0 ? ', and the membership of the group' : '') +
        ') first; give it back after the match.',
      evidence: {
        target: target.id,
        roles: ctx.targetRoles,
        ...(grants.length > 0 ? { grants } : {}),
        ...(viaGroups.length > 0
          ? { viaGroups: viaGroups.map((g) => ({ role: g.role, group: g.viaGroup })) }
          : {}),
      },
    });
  }
  const fed = federatedDomain(ctx, target.userPrincipalName);
  if (fed) {
    out.push({
      code: 'FEDERATED_UPN_DOMAIN',
      severity: 'warning',
      message:
        `${target.userPrincipalName} is on the federated domain ${fed}: its immutableId cannot be changed or cleared ` +
        `while the UPN is there. The plan moves the UPN to the initial domain (${ctx.initialDomain ?? 'onmicrosoft.com'}) ` +
        'first; the next sync moves it back.',
      evidence: { target: target.id, domain: fed, initialDomain: ctx.initialDomain },
    });
  }
  return out;
}
