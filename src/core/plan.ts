// From findings to ordered steps (issue 4 "The plan"). Blocking conditions nobody can fix from here
// become MANUAL steps and the plan stops there (the wizard's "check again" re-diagnoses and plans
// anew). Otherwise: purge recycle-bin anchor holders, free the anchor from a cloud-managed duplicate,
// move a federated UPN, stamp or clear the target's immutableId, then sync and verify.
import type { Finding, FindingCode } from './findings.js';
import type { LabAction, PlanStep } from './plan-types.js';
import { duplicateAnchorStep } from './plan-anchor.js';
import { outOfScopeAndBack, roleRemoval } from './plan-lab.js';
import { purgeLoss, restoreNote } from './plan-restore.js';
import { forestMigrationPlan } from './plan-forests.js';
import { signInNameStep } from './plan-sign-in.js';
import { addressKey, primarySmtp } from './proxy-addresses.js';
import { isSynced, type RuleContext } from './rules/context.js';
import { originalUpn } from './rules/deleted-users.js';
import { directRoleInstructions, groupRoleInstructions } from './rules/role-grants.js';
import { unreadUsersPlan } from './rules/skipped-checks.js';
import { federatedDomain, softMatchAllowed, takeoverBlocked } from './rules/tenant-switches.js';
import type { CloudUser } from './snapshot.js';

function manual(
  because: FindingCode[],
  description: string,
  instructions: string[],
  verify: string,
  evidence?: Record<string, unknown>,
  lab?: LabAction[],
): PlanStep {
  return {
    action: 'MANUAL',
    description,
    because,
    reversible: true,
    writes: false,
    precondition: { kind: 'none', description: 'Nothing is written by this tool.' },
    manual: {
      instructions,
      verify,
      ...(evidence ? { evidence } : {}),
      ...(lab && lab.length > 0 ? { lab } : {}),
    },
  };
}

function manualSteps(ctx: RuleContext, findings: Finding[]): PlanStep[] {
  const out: PlanStep[] = [];
  const of = (code: FindingCode) => findings.filter((f) => f.code === code && f.severity !== 'info');
  // A value the cloud takes as it is (a sAMAccountName beside a valid UPN) does not hold the match up.
  const invalid = of('AD_ATTRIBUTE_INVALID').filter((f) => f.evidence['outcome'] !== 'fine');
  if (invalid.length > 0) {
    out.push(
      manual(
        ['AD_ATTRIBUTE_INVALID'],
        'Correct the invalid attribute values in AD',
        invalid.map((f) => `In AD (${ctx.user.dn}): ${f.message.split('. ')[0]}.`),
        'Re-reads the AD user and checks every attribute rule passes.',
      ),
    );
  }
  for (const f of of('AD_DUPLICATE_VALUE')) {
    const e = f.evidence as { otherDn: string; otherObjectGuid: string; values: { value: string }[] };
    out.push(
      manual(
        ['AD_DUPLICATE_VALUE'],
        `Remove the shared value from one of the two AD objects`,
        [
          `Another AD object, ${e.otherDn}, holds ${e.values.map((v) => v.value).join(', ')}.`,
          'Decide which object keeps the value; remove it from the other (Active Directory Users and Computers → Attribute Editor, or the Set-ADObject command shown with the PowerShell).',
        ],
        'Re-reads AD and checks no other object holds these values.',
        f.evidence,
        [{ kind: 'removeAdValues', objectGuid: e.otherObjectGuid, values: e.values.map((v) => v.value) }],
      ),
    );
  }
  for (const f of of('AD_DUPLICATE_ANCHOR'))
    out.push(duplicateAnchorStep(f, (b, d, i, v, lab) => manual(b, d, i, v, f.evidence, lab)));
  for (const f of of('SIGN_IN_NAME_WOULD_CHANGE').filter((x) => x.severity === 'error'))
    out.push(signInNameStep(f, ctx.user, (b, d, i, v, lab) => manual(b, d, i, v, f.evidence, lab)));
  if (of('AD_OUT_OF_SYNC_SCOPE').length > 0) {
    out.push(
      manual(
        ['AD_OUT_OF_SYNC_SCOPE'],
        'Move the user into a synchronised OU',
        [
          `Move ${ctx.user.dn} into one of: ${ctx.snapshot.sync.scope.join('; ')}.`,
          'Or add its OU to the Entra Connect sync scope (Synchronization Service Manager → Connectors → Configure Partitions).',
        ],
        "Re-reads the user's DN and checks it is in scope.",
      ),
    );
  }
  if (of('CLOUD_CANDIDATES_DIFFER').length > 0) {
    out.push(
      manual(
        ['CLOUD_CANDIDATES_DIFFER'],
        'Decide which cloud user is this person',
        [
          `The UPN points at ${ctx.byUpn?.userPrincipalName}, the primary SMTP address at ${ctx.bySmtp?.userPrincipalName}.`,
          'Keep the UPN and the primary address on the same account: change the address or UPN of the other cloud user (Microsoft 365 admin center) or of the AD user.',
        ],
        'Re-reads the tenant and checks the UPN and the primary SMTP address lead to one cloud user.',
      ),
    );
  }
  if (of('LINKED_TO_OTHER_ANCHOR').length > 0) {
    out.push(
      manual(
        ['LINKED_TO_OTHER_ANCHOR'],
        'Release the cloud user from the AD object it is synced with',
        [
          `${ctx.target?.userPrincipalName} is synced with immutableId ${ctx.target?.onPremisesImmutableId}; run 'syncmatch convert ${ctx.target?.onPremisesImmutableId}' to get that object's GUID and find it in AD.`,
          'If that object is a stale duplicate of this person: pause the scheduler on the Connect server (Set-ADSyncScheduler -SyncCycleEnabled $false) so no scheduled cycle runs in between, move that object out of sync scope and run a delta sync (Start-ADSyncSyncCycle -PolicyType Delta): the cloud user is soft-deleted; restore it, run syncmatch again, then turn the scheduler back on (Set-ADSyncScheduler -SyncCycleEnabled $true).',
        ],
        'Re-reads the target and checks it is no longer synced to another anchor.',
      ),
    );
  }
  if (of('ADMIN_ROLE_BLOCKS_MATCH').length > 0) {
    out.push(
      manual(
        ['ADMIN_ROLE_BLOCKS_MATCH'],
        'Remove the directory roles from the cloud user',
        [
          ...directRoleInstructions(ctx),
          ...groupRoleInstructions(ctx),
          `Roles to give back after the match is verified: ${ctx.targetRoles.join(', ')} (New-MgRoleManagementDirectoryRoleAssignment, shown with the PowerShell).`,
        ],
        'Re-reads the role assignments and eligibility of the target and checks there are none.',
        undefined,
        roleRemoval(ctx),
      ),
    );
  }
  // Values an AD duplicate already covers: fixing AD fixes the synced cloud copy too.
  const fixedInAd = new Set(
    of('AD_DUPLICATE_VALUE').flatMap((f) =>
      (f.evidence as { values: { value: string }[] }).values.map((v) => v.value.toLowerCase()),
    ),
  );
  for (const f of of('CLOUD_DUPLICATE_PROXY_ADDRESS')) {
    const e = f.evidence as { kind: string; id?: string; name: string; addresses: string[]; synced: boolean };
    if (e.synced && e.addresses.every((a) => fixedInAd.has(a.toLowerCase()))) continue;
    out.push(
      manual(
        ['CLOUD_DUPLICATE_PROXY_ADDRESS'],
        `Remove ${e.addresses.join(', ')} from the cloud ${e.kind} "${e.name}"`,
        [
          ...(e.synced
            ? [
                `The ${e.kind} "${e.name}" is synced from AD, so Exchange cannot change its addresses: remove ${e.addresses.join(', ')} from its proxyAddresses in AD (Set-ADObject -Remove), then sync.`,
              ]
            : [
                `In the Exchange admin center (or Exchange Online PowerShell), edit the ${e.kind} "${e.name}" and remove ${e.addresses.join(', ')} from its email addresses.`,
              ]),
          ...(primaryOf(ctx, e)
            ? [
                `${primaryOf(ctx, e)} is its primary SMTP address, which cannot be removed until another address is primary: make another one primary first.`,
              ]
            : []),
          "Or, if the address should stay there, remove it from this AD user's proxyAddresses.",
        ],
        'Re-reads the tenant and checks no other object holds these addresses.',
        f.evidence,
        e.kind === 'user' || !e.id
          ? undefined
          : e.synced
            ? [
                // Changed where it is mastered, then synced, as the step says.
                { kind: 'removeSyncedSourceValues', cloudObjectId: e.id, values: e.addresses },
                { kind: 'runSyncCycle' },
              ]
            : [{ kind: 'removeCloudAddresses', objectId: e.id, addresses: e.addresses }],
      ),
    );
  }
  // A synced holder of an anchor another AD object also exports is most likely that object's own
  // cloud user, not a duplicate of this person: AD_DUPLICATE_ANCHOR's step comes first, never this one.
  const adShared = of('AD_DUPLICATE_ANCHOR').length > 0;
  if (of('CLOUD_DUPLICATE_ANCHOR').length > 0 && ctx.holder && isSynced(ctx.holder) && !adShared) {
    out.push(
      manual(
        ['CLOUD_DUPLICATE_ANCHOR', 'UPN_PLACEHOLDER'],
        `Remove the synced duplicate ${ctx.holder.userPrincipalName}`,
        [
          'On the Entra Connect server, pause the scheduler so a scheduled cycle cannot undo the work in between: Set-ADSyncScheduler -SyncCycleEnabled $false.',
          `Graph cannot delete a synced user. Move ${ctx.user.dn} out of the synced OUs and run a delta sync (Start-ADSyncSyncCycle -PolicyType Delta): the duplicate is soft-deleted.`,
          'Move the user back into its OU, but do not sync yet: run syncmatch again; it purges the duplicate from the recycle bin and stamps the anchor on the right cloud user.',
          'Then turn the scheduler back on: Set-ADSyncScheduler -SyncCycleEnabled $true.',
        ],
        'Re-reads the tenant and checks no active user other than the target holds the anchor.',
        undefined,
        outOfScopeAndBack(ctx),
      ),
    );
  }
  return out;
}

/** The duplicate address that is the other object's primary SMTP address (issue 13 point 8). */
function primaryOf(ctx: RuleContext, e: { kind: string; id?: string; addresses: string[] }): string | null {
  const c = ctx.cloud;
  const o =
    e.kind === 'group'
      ? c?.groups.find((g) => g.id === e.id)
      : e.kind === 'contact'
        ? c?.contacts.find((g) => g.id === e.id)
        : c?.users.find((u) => u.id === e.id);
  const primary = o ? (primarySmtp(o.proxyAddresses) ?? o.mail) : null;
  return e.addresses.find((a) => primary !== null && addressKey(a) === addressKey(primary)) ?? null;
}

type TargetAction = 'none' | 'set' | 'clear' | 'impossible';

function targetAction(ctx: RuleContext, anchorFreed: boolean): TargetAction {
  const t = ctx.target;
  if (!t || isSynced(t)) return 'none';
  const current = t.onPremisesImmutableId;
  const soft = softMatchAllowed(ctx);
  const blocked = takeoverBlocked(ctx);
  if (current === ctx.anchor.value) return blocked ? (soft ? 'clear' : 'impossible') : 'none';
  if (current === null) {
    if (!anchorFreed && soft) return 'none';
    return blocked ? (soft ? 'none' : 'impossible') : 'set';
  }
  return blocked ? (soft ? 'clear' : 'impossible') : 'set';
}

function userState(u: CloudUser): Record<string, string | boolean | null> {
  return {
    onPremisesImmutableId: u.onPremisesImmutableId,
    onPremisesSyncEnabled: u.onPremisesSyncEnabled,
    userPrincipalName: u.userPrincipalName,
  };
}

function moveUpn(u: CloudUser, initialDomain: string, because: FindingCode[]): PlanStep {
  const after = `${u.userPrincipalName.split('@')[0]}@${initialDomain}`;
  return {
    action: 'MOVE_UPN_TO_INITIAL_DOMAIN',
    description: `Move ${u.userPrincipalName} to ${after} so its immutableId can change (federated domain)`,
    because,
    reversible: true,
    writes: true,
    objectId: u.id,
    objectUpn: u.userPrincipalName,
    precondition: {
      kind: 'user',
      objectId: u.id,
      expect: userState(u),
      description: `${u.userPrincipalName} is unchanged since the diagnosis.`,
    },
    change: { property: 'userPrincipalName', before: u.userPrincipalName, after },
  };
}

function immutableIdStep(u: CloudUser, after: string | null, because: FindingCode[], why: string): PlanStep {
  return {
    action: after === null ? 'CLEAR_IMMUTABLE_ID' : 'SET_IMMUTABLE_ID',
    description:
      after === null
        ? `Clear the immutableId of ${u.userPrincipalName} (${why})`
        : `Set the immutableId of ${u.userPrincipalName} to ${after} (${why})`,
    because,
    reversible: true,
    writes: true,
    objectId: u.id,
    objectUpn: u.userPrincipalName,
    precondition: {
      kind: 'user',
      objectId: u.id,
      expect: userState(u),
      description: `${u.userPrincipalName} is still cloud-managed with the same immutableId and UPN.`,
    },
    change: { property: 'onPremisesImmutableId', before: u.onPremisesImmutableId, after },
  };
}

/** Writes on a cloud-managed user, preceded by a UPN move when its domain is federated. */
function writeOn(
  ctx: RuleContext,
  u: CloudUser,
  after: string | null,
  because: FindingCode[],
  why: string,
): PlanStep[] {
  const steps: PlanStep[] = [];
  let state = u;
  if (federatedDomain(ctx, u.userPrincipalName) && ctx.initialDomain) {
    const move = moveUpn(u, ctx.initialDomain, ['FEDERATED_UPN_DOMAIN']);
    steps.push(move);
    state = { ...u, userPrincipalName: move.change!.after! };
  }
  steps.push(immutableIdStep(state, after, because, why));
  return steps;
}

export function buildPlan(ctx: RuleContext, findings: Finding[]): PlanStep[] {
  if (!ctx.cloud) return [];
  // Cloud users unreadable (issue 19): nothing to plan but the permission.
  const unread = unreadUsersPlan(ctx);
  if (unread.length > 0) return unread;
  const codes = new Set(findings.map((f) => f.code));
  // One person in two forests (issue 21): the migration's own steps come first.
  const migration = forestMigrationPlan(ctx, findings);
  if (migration) return migration;
  const handover = findings.some(
    (f) => f.code === 'USER_IN_TWO_FORESTS' && (f.evidence as { stage?: string }).stage === 'handover',
  );
  if (codes.has('ALREADY_MATCHED') && !handover) return [];
  const manualOnes = manualSteps(ctx, findings);
  if (manualOnes.length > 0) return manualOnes;

  const steps: PlanStep[] = [];
  const t = ctx.target;
  let anchorFreed = false;
  for (const d of ctx.cloud.deletedUsers) {
    if (!t || !ctx.anchor.value || d.onPremisesImmutableId !== ctx.anchor.value) continue;
    anchorFreed = true;
    steps.push({
      action: 'PURGE_DELETED_USER',
      description: `Permanently delete ${originalUpn(d)} from the recycle bin (it holds this user's anchor); it is exported to the journal first`,
      because: ['DELETED_USER_CONFLICT'],
      reversible: false,
      writes: true,
      objectId: d.id,
      objectUpn: originalUpn(d),
      precondition: {
        kind: 'deletedUser',
        objectId: d.id,
        expect: { onPremisesImmutableId: d.onPremisesImmutableId },
        description: `${originalUpn(d)} is still in the recycle bin with the same immutableId.`,
      },
      change: { property: 'recycle bin', before: originalUpn(d), after: null },
      recycleBin: { lost: purgeLoss(d), restore: restoreNote(ctx, d) },
    });
  }
  const h = ctx.holder;
  if (t && h && h.id !== t.id && !isSynced(h)) {
    anchorFreed = true;
    steps.push(
      ...writeOn(ctx, h, null, ['CLOUD_DUPLICATE_ANCHOR'], 'it holds the anchor that belongs to the target'),
    );
  }
  const action = targetAction(ctx, anchorFreed);
  if (action === 'impossible') {
    return [
      manual(
        ['SOFT_MATCH_BLOCKED', 'HARD_MATCH_TAKEOVER_BLOCKED'],
        'Ask a Global Administrator to allow one kind of match',
        [
          'The tenant blocks hard-match takeover of cloud users and soft match onto this user cannot happen.',
          'Turn off blockCloudObjectTakeoverThroughHardMatchEnabled (PATCH /directory/onPremisesSynchronization/{id}) for the duration of the fix, or enable soft match.',
        ],
        "Re-reads the tenant's sync switches.",
      ),
    ];
  }
  if (t && action === 'set') {
    const because: FindingCode[] = codes.has('STALE_IMMUTABLE_ID')
      ? ['STALE_IMMUTABLE_ID']
      : codes.has('SOFT_MATCH_BLOCKED')
        ? ['SOFT_MATCH_BLOCKED']
        : ['DELETED_USER_CONFLICT'];
    steps.push(...writeOn(ctx, t, ctx.anchor.value, because, 'hard match'));
  } else if (t && action === 'clear') {
    steps.push(
      ...writeOn(
        ctx,
        t,
        null,
        ['STALE_IMMUTABLE_ID', 'HARD_MATCH_TAKEOVER_BLOCKED'],
        'takeover is blocked, so let soft match join it',
      ),
    );
  }
  steps.push({
    action: 'TRIGGER_DELTA_SYNC',
    description: 'Start a delta sync on the Entra Connect server (Start-ADSyncSyncCycle -PolicyType Delta)',
    because: [],
    reversible: true,
    writes: false,
    precondition: { kind: 'none', description: 'The sync server answers.' },
  });
  steps.push({
    action: 'VERIFY_MATCH',
    description: t
      ? `Check that ${t.userPrincipalName} is synced with immutableId ${ctx.anchor.value}`
      : `Check that a synced cloud user with immutableId ${ctx.anchor.value} exists`,
    because: [],
    reversible: true,
    writes: false,
    objectId: t?.id,
    objectUpn: t?.userPrincipalName,
    precondition: { kind: 'none', description: 'Reads only.' },
  });
  return steps;
}
