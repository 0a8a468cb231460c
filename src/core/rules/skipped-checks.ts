// CHECK_SKIPPED, CHECK_NOT_APPLICABLE, TENANT_SYNC_NOT_CONFIGURED (issue 19): each capability the
// tenant or the sign-in lacks costs exactly the check that needs it. One finding per cause (a
// permission, a licence, a Graph refusal) says what was not checked, why, and what that means for
// this user. The switches keep their own finding (TENANT_FEATURES_UNREADABLE, tenant-switches.ts).
import type { Finding } from '../findings.js';
import type { PlanStep } from '../plan-types.js';
import type { CloudCheck, SkippedCheck } from '../snapshot.js';
import type { RuleContext } from './context.js';

const WHAT: Record<CloudCheck, string> = {
  users: 'cloud users (the target, and users holding the same UPN, addresses, alias or anchor)',
  deletedUsers: 'the recycle bin',
  groups: 'cloud groups holding the same addresses or alias',
  contacts: 'organisational contacts holding the same addresses or alias',
  domains: "the tenant's domains (verified, federated)",
  features: "the tenant's sync switches",
  activeRoles: 'active admin role assignments',
  eligibleRoles: 'eligible (PIM) admin role assignments',
  groupRoles: 'admin roles held through role-assignable groups',
};

/** What not knowing this means for the user being diagnosed. */
function meaning(check: CloudCheck, ctx: RuleContext): string {
  const target = ctx.target?.userPrincipalName ?? 'the cloud user';
  const addresses = ctx.smtp.join(', ') || ctx.user.userPrincipalName || 'its addresses';
  switch (check) {
    case 'users':
      return 'the cloud user this AD user should become could not be looked for, so nothing can be said about the match: no step is planned';
    case 'deletedUsers':
      return `a recycle-bin user holding the anchor ${ctx.anchor.value ?? ''} would be restored instead of a match, and one holding the UPN would block it; not known`;
    case 'groups':
      return `a cloud group holding ${addresses} would make the export fail (AttributeValueMustBeUnique); not known`;
    case 'contacts':
      return `a contact holding ${addresses} would get those values quarantined; not known`;
    case 'domains':
      return `whether the UPN suffix is verified (UPN_SUFFIX_UNVERIFIED) and whether ${target} is on a federated domain (its immutableId could then not be changed) are not known`;
    case 'features':
      return 'the soft- and hard-match switches are assumed at their defaults';
    case 'activeRoles':
    case 'eligibleRoles':
    case 'groupRoles':
      return `if ${target} holds an admin role, Entra Connect refuses the match ("Existing Admin Role Conflict"): check its roles in the Entra admin center before syncing`;
  }
}

function cause(s: SkippedCheck): string {
  const graph = s.graphCode ? `Graph answered ${s.status ?? ''} ${s.graphCode}`.replace('  ', ' ') : '';
  if (s.reason === 'permission') {
    return `the sign-in lacks ${s.permission ?? 'a permission'}${graph ? ` (${graph})` : ''}`;
  }
  if (s.reason === 'licence')
    return `the tenant has no ${s.licence ?? 'licence for it'}${graph ? ` (${graph})` : ''}`;
  return graph || 'Graph refused the read';
}

function causeKey(s: SkippedCheck): string {
  if (s.reason === 'permission') return `permission|${s.permission ?? ''}`;
  if (s.reason === 'licence') return `licence|${s.licence ?? ''}`;
  return `graph|${s.graphCode ?? ''}`;
}

/** Eligible roles need P2: without it none can exist, so the check does not apply. */
function notApplicable(s: SkippedCheck): boolean {
  return s.reason === 'licence' && s.check === 'eligibleRoles';
}

export function skippedCheckRules(ctx: RuleContext): Finding[] {
  const cloud = ctx.cloud;
  if (!cloud) return [];
  const out: Finding[] = [];
  const skipped = (cloud.skipped ?? []).filter((s) => s.check !== 'features');
  for (const s of skipped.filter(notApplicable)) {
    out.push({
      code: 'CHECK_NOT_APPLICABLE',
      severity: 'info',
      message:
        `Eligible (PIM) admin role assignments were not read: ${cause(s)}. Eligible assignments cannot exist ` +
        'without Microsoft Entra ID P2 or ID Governance, so there are none to find; active roles were checked.',
      evidence: {
        check: s.check,
        reason: s.reason,
        licence: s.licence,
        status: s.status,
        graphCode: s.graphCode,
      },
    });
  }
  const groups = new Map<string, SkippedCheck[]>();
  for (const s of skipped.filter((x) => !notApplicable(x))) {
    const key = causeKey(s);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const list of groups.values()) {
    const first = list[0]!;
    const checks = list.map((s) => s.check);
    const meanings = [...new Set(checks.map((c) => meaning(c, ctx)))];
    out.push({
      code: 'CHECK_SKIPPED',
      severity: checks.includes('users') ? 'error' : 'warning',
      message:
        `Not checked: ${checks.map((c) => WHAT[c]).join('; ')}, because ${cause(first)}. ` +
        `For this user: ${meanings.join('; ')}.` +
        (first.permission
          ? ` Grant ${first.permission} (admin consent) and diagnose again to include it.`
          : ''),
      evidence: {
        checks,
        reason: first.reason,
        ...(first.permission ? { permission: first.permission } : {}),
        ...(first.licence ? { licence: first.licence } : {}),
        ...(first.status !== undefined ? { status: first.status } : {}),
        ...(first.graphCode ? { graphCode: first.graphCode } : {}),
      },
    });
  }
  if (cloud.syncConfigured === false) {
    out.push({
      code: 'TENANT_SYNC_NOT_CONFIGURED',
      severity: 'info',
      message:
        'This tenant has never run directory synchronization (it has no onPremisesSynchronization settings yet). ' +
        'That is normal before the first Entra Connect sync: the matching switches are at their defaults ' +
        '(soft match on UPN and SMTP on, takeover not blocked), and the first sync will match or create every user.',
      evidence: { syncConfigured: false },
    });
  }
  return out;
}

/** True when the cloud users could not be read: then no rule may conclude from their absence. */
export function usersUnread(ctx: RuleContext): boolean {
  return (ctx.cloud?.skipped ?? []).some((s) => s.check === 'users');
}

export function checkSkipped(ctx: RuleContext, check: CloudCheck): boolean {
  return (ctx.cloud?.skipped ?? []).some((s) => s.check === check);
}

/** The plan when the cloud users could not be read: grant the permission, then diagnose again. */
export function unreadUsersPlan(ctx: RuleContext): PlanStep[] {
  const s = (ctx.cloud?.skipped ?? []).find((x) => x.check === 'users');
  if (!s) return [];
  return [
    {
      action: 'MANUAL',
      description: `Grant ${s.permission ?? 'the permission to read users'}, then diagnose again`,
      because: ['CHECK_SKIPPED'],
      reversible: true,
      writes: false,
      precondition: { kind: 'none', description: 'Nothing is written by this tool.' },
      manual: {
        instructions: [
          `Microsoft Graph refused to list users (${cause(s)}): without them nothing can be planned for this user.`,
          `In the Entra admin center → App registrations → this app → API permissions, add ${s.permission ?? 'User.Read.All'} and grant admin consent (or sign in as someone whose consent includes it).`,
        ],
        verify: 'Reads the tenant again and diagnoses the user.',
      },
    },
  ];
}
