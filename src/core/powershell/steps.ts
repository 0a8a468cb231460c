// The PowerShell equivalent of every plan step (issue 17): the same write, by hand. A step kind or
// a MANUAL cure this file does not know gets an explicit "no PowerShell equivalent" entry, never a
// guess and never a crash (other issues add steps independently).
import type { Finding, FindingCode } from '../findings.js';
import { immutableIdToGuid } from '../identifiers.js';
import type { PlanStep } from '../plan-types.js';
import { addressKey, primarySmtp, smtpAddresses } from '../proxy-addresses.js';
import type { RuleContext } from '../rules/context.js';
import type { CloudRecipient, CloudUser, OnPremObject } from '../snapshot.js';
import * as ps from './commands.js';
import type { PowerShellCommand, PowerShellEquivalent } from './types.js';

const none = (reason: string): PowerShellEquivalent => ({ available: false, reason });
const some = (commands: PowerShellCommand[], note?: string): PowerShellEquivalent =>
  commands.length === 0
    ? none(note ?? 'No command applies.')
    : { available: true, commands, ...(note ? { note } : {}) };

/** The equivalent of one step, from what the diagnosis read. */
export function powershellFor(
  step: PlanStep,
  ctx: RuleContext,
  findings: readonly Finding[],
): PowerShellEquivalent {
  const id = step.objectId ?? step.precondition.objectId;
  switch (step.action) {
    case 'SET_IMMUTABLE_ID':
      return id && step.change?.after ? some([ps.setImmutableId(id, step.change.after)]) : missing(step);
    case 'CLEAR_IMMUTABLE_ID':
      return id ? some([ps.clearImmutableId(id)]) : missing(step);
    case 'MOVE_UPN_TO_INITIAL_DOMAIN':
      return id && step.change?.after ? some([ps.setUpn(id, step.change.after)]) : missing(step);
    case 'PURGE_DELETED_USER':
      return id ? some([ps.exportDeleted(id), ps.purgeDeleted(id)]) : missing(step);
    case 'RESTORE_DELETED_USER':
      return id ? some([ps.restoreDeleted(id)]) : missing(step);
    case 'SET_CONSISTENCY_GUID': {
      // Issue 21: on a DC of the account's own domain (another forest's, a child domain's).
      return id
        ? some([ps.adSetConsistencyGuid(id, movedDomain(ctx, id) || null, step.change?.after ?? null)])
        : missing(step);
    }
    case 'TRIGGER_DELTA_SYNC':
      return some([ps.deltaSync()], 'On the Entra Connect server, as a member of ADSyncOperators.');
    case 'VERIFY_MATCH':
      if (id) return some([ps.readUser(id)]);
      return ctx.anchor.value ? some([ps.readUsersWithImmutableId(ctx.anchor.value)]) : missing(step);
    case 'MANUAL':
      return manualEquivalent(step, ctx, findings);
    default:
      return none(`No PowerShell equivalent is known for the step ${String(step.action)}.`);
  }
}

/**
 * The step with `powershell` worked out when first read (JSON output, a screen, a report), not
 * before: a scan diagnoses every user of a directory and never reads it.
 */
export function withPowerShell(step: PlanStep, ctx: RuleContext, findings: readonly Finding[]): PlanStep {
  let value: PowerShellEquivalent | undefined;
  return Object.defineProperty({ ...step }, 'powershell', {
    enumerable: true,
    configurable: true,
    get: () => (value ??= powershellFor(step, ctx, findings)),
    set: (v: PowerShellEquivalent) => {
      value = v;
    },
  });
}

function missing(step: PlanStep): PowerShellEquivalent {
  return none(`The step ${step.action} names no object, so no command can be written for it.`);
}

function manualEquivalent(
  step: PlanStep,
  ctx: RuleContext,
  findings: readonly Finding[],
): PowerShellEquivalent {
  const has = (code: FindingCode) => step.because.includes(code);
  const of = (code: FindingCode) => findings.filter((f) => f.code === code && f.severity !== 'info');
  const evidence = step.manual?.evidence;
  if (has('AD_ATTRIBUTE_INVALID')) return some(of('AD_ATTRIBUTE_INVALID').flatMap(invalidValue));
  if (has('USER_IN_TWO_FORESTS')) {
    // Issue 21: the old account leaves the sync scope (moved on a DC of its own domain).
    const moves = (step.manual?.lab ?? []).flatMap((a) =>
      a.kind === 'moveAdObject'
        ? [
            ps.adMoveInDomain(
              a.objectGuid,
              movedDomain(ctx, a.objectGuid),
              a.newParentDn,
              `Move the old account to ${a.newParentDn}, outside the sync scope.`,
            ),
          ]
        : [],
    );
    return moves.length > 0
      ? some(
          moves,
          'Create the OU first if it does not exist (New-ADOrganizationalUnit); keep the account until the match is verified.',
        )
      : none('Nothing to run: check again.');
  }
  if (has('AD_DUPLICATE_VALUE')) {
    const list = evidence ? [evidence] : of('AD_DUPLICATE_VALUE').map((f) => f.evidence);
    return some(
      list.flatMap((e) => adDuplicate(ctx, e)),
      'These remove the value from the other object; to keep it there, remove it from this user instead.',
    );
  }
  if (has('AD_OUT_OF_SYNC_SCOPE')) {
    const scope = ctx.snapshot.sync.scope[0];
    return scope
      ? some([ps.adMove(ctx.user.objectGuid, scope, `Move the user into ${scope}.`)])
      : none('The sync scope names no OU to move the user into.');
  }
  if (has('CLOUD_CANDIDATES_DIFFER')) {
    const users = [ctx.byUpn, ctx.bySmtp].filter((u): u is CloudUser => u !== null);
    return some(
      users.map((u) => ps.readUser(u.id)),
      'Read both; a person decides which one is this user.',
    );
  }
  if (has('LINKED_TO_OTHER_ANCHOR')) return linkedToOther(ctx);
  if (has('AD_DUPLICATE_ANCHOR')) {
    // The copy's anchor attribute is cleared; the step's lab action names the copy (none: a person
    // decides which object keeps the anchor).
    const clear = (step.manual?.lab ?? []).flatMap((a) =>
      a.kind === 'setAdAttribute' && a.value === null ? [ps.adClear(a.objectGuid, a.attribute)] : [],
    );
    return clear.length > 0
      ? some(clear, 'The object whose objectGUID the anchor is keeps it; this clears the copy.')
      : none('Neither object owns the anchor: a person decides which one keeps it, then clears the other.');
  }
  if (has('SIGN_IN_NAME_WOULD_CHANGE')) {
    const e = (evidence ?? {}) as {
      before?: string;
      after?: string;
      cloudUserId?: string;
      afterVerified?: boolean;
    };
    if (!e.before) return missing(step);
    const cmds = [ps.adReplace(ctx.user.objectGuid, 'userPrincipalName', e.before)];
    if (e.afterVerified && e.cloudUserId && e.after) cmds.push(ps.setUpn(e.cloudUserId, e.after));
    return some(
      cmds,
      e.afterVerified
        ? 'Either the first (AD keeps the cloud sign-in name) or the second (the cloud takes the AD name; tell the person first), not both.'
        : undefined,
    );
  }
  if (has('ADMIN_ROLE_BLOCKS_MATCH')) return adminRoles(ctx);
  if (has('CLOUD_DUPLICATE_PROXY_ADDRESS')) {
    const list = evidence ? [evidence] : of('CLOUD_DUPLICATE_PROXY_ADDRESS').map((f) => f.evidence);
    return some(list.flatMap((e) => cloudAddress(ctx, e)));
  }
  if (has('CLOUD_DUPLICATE_ANCHOR')) return outOfScopeAndBack(ctx);
  if (has('HARD_MATCH_TAKEOVER_BLOCKED') || has('SOFT_MATCH_BLOCKED')) {
    return some([ps.allowHardMatchTakeover()]);
  }
  return none(
    `No PowerShell equivalent is known for this manual step (${step.because.join(', ') || 'no finding code'}); follow its instructions.`,
  );
}

function invalidValue(f: Finding): PowerShellCommand[] {
  const e = f.evidence as { attribute?: string; value?: string; dn?: string };
  if (!e.attribute || !e.dn) return [];
  if (e.attribute.toLowerCase() === 'proxyaddresses' && e.value) {
    return [ps.adRemoveValue(e.dn, 'proxyAddresses', e.value)];
  }
  return [ps.adShow(e.dn, [e.attribute]), ps.adReplaceAsked(e.dn, e.attribute)];
}

function adDuplicate(ctx: RuleContext, evidence: Record<string, unknown>): PowerShellCommand[] {
  const e = evidence as { otherDn?: string; values?: { value: string; theirs: string }[] };
  if (!e.otherDn || !e.values) return [];
  const dn = e.otherDn;
  const other = ctx.snapshot.onPrem.related.find((o) => o.dn === dn);
  return e.values.flatMap((v) => (other ? removeEverywhere(other, v.value) : [ps.adClear(dn, v.theirs)]));
}

/** Every attribute of `o` that holds `value` loses it; a primary address hands over to another first. */
function removeEverywhere(o: OnPremObject, value: string): PowerShellCommand[] {
  const out: PowerShellCommand[] = [];
  const key = addressKey(value);
  const inProxies = smtpAddresses(o.proxyAddresses).some((a) => addressKey(a) === key);
  const next = isPrimary(o, value) ? otherAddress(o, value) : undefined;
  let mailDone = false;
  if (inProxies && next) {
    out.push(ps.adSwapPrimary(o.dn, value, next));
    mailDone = true;
  } else if (inProxies) out.push(ps.adRemoveValue(o.dn, 'proxyAddresses', `smtp:${value}`));
  if (!mailDone && o.mail !== null && addressKey(o.mail) === key) out.push(ps.adClear(o.dn, 'mail'));
  if (o.userPrincipalName !== null && addressKey(o.userPrincipalName) === key)
    out.push(ps.adShow(o.dn, ['userPrincipalName']), ps.adReplaceAsked(o.dn, 'userPrincipalName'));
  if (o.mailNickname !== null && addressKey(o.mailNickname) === key)
    out.push(ps.adClear(o.dn, 'mailNickname'));
  return out;
}

/** Who holds the anchor the target is synced with, then the out-of-scope procedure for it. */
function linkedToOther(ctx: RuleContext): PowerShellEquivalent {
  const t = ctx.target;
  const anchor = t?.onPremisesImmutableId;
  if (!t || !anchor) return none('The target carries no immutableId to look up.');
  let guid: string;
  try {
    guid = immutableIdToGuid(anchor);
  } catch {
    return none(`The immutableId ${anchor} is not GUID-based, so the AD object cannot be found by GUID.`);
  }
  return some(
    [
      ps.adShow(guid, ['userPrincipalName', 'mS-DS-ConsistencyGuid']),
      ps.scheduler(false),
      ps.adMoveOutOfScope(guid),
      ps.deltaSync(),
      ps.restoreDeleted(t.id),
      ps.scheduler(true),
    ],
    'Only when the object found is a stale duplicate of this person. Run syncmatch again before turning the scheduler back on.',
  );
}

function adminRoles(ctx: RuleContext): PowerShellEquivalent {
  const t = ctx.target;
  if (!t) return none('There is no target user.');
  return some(
    [
      ps.removeRoleAssignments(t.id),
      ps.removeRoleEligibility(t.id),
      ...ctx.targetRoles.map((role) => ps.giveRoleBack(t.id, role)),
    ],
    ctx.targetRoles.length > 0 ? `Roles to give back afterwards: ${ctx.targetRoles.join(', ')}.` : undefined,
  );
}

/** The AD object (other than this user) that holds an address, when the reading found it. */
function adHolder(ctx: RuleContext, address: string): OnPremObject | undefined {
  return ctx.snapshot.onPrem.related.find(
    (o) =>
      o.objectGuid !== ctx.user.objectGuid &&
      (smtpAddresses(o.proxyAddresses).some((a) => addressKey(a) === addressKey(address)) ||
        (o.mail !== null && addressKey(o.mail) === addressKey(address))),
  );
}

function cloudObject(ctx: RuleContext, kind: string, id: string): CloudRecipient | CloudUser | undefined {
  const c = ctx.cloud;
  if (!c) return undefined;
  if (kind === 'group') return c.groups.find((g) => g.id === id);
  if (kind === 'contact') return c.contacts.find((g) => g.id === id);
  return c.users.find((u) => u.id === id);
}

function isPrimary(o: { proxyAddresses: string[]; mail: string | null }, address: string): boolean {
  const primary = primarySmtp(o.proxyAddresses) ?? o.mail;
  return primary !== null && addressKey(primary) === addressKey(address);
}

function otherAddress(
  o: { proxyAddresses: string[]; mail: string | null },
  address: string,
): string | undefined {
  return smtpAddresses(o.proxyAddresses).find((a) => addressKey(a) !== addressKey(address));
}

function cloudAddress(ctx: RuleContext, evidence: Record<string, unknown>): PowerShellCommand[] {
  const e = evidence as { kind?: string; id?: string; addresses?: string[]; synced?: boolean };
  if (!e.kind || !e.id || !e.addresses) return [];
  const kind = e.kind as ps.ExoKind;
  const out: PowerShellCommand[] = [];
  for (const address of e.addresses) {
    if (e.synced) {
      // A synced object's addresses are changed in AD; the sync carries them to the cloud.
      const holder = adHolder(ctx, address);
      if (!holder) {
        out.push(ps.adFindByAddress(address));
        continue;
      }
      if (isPrimary(holder, address)) {
        const next = otherAddress(holder, address);
        if (next) out.push(ps.adSwapPrimary(holder.dn, address, next));
        else out.push(ps.adShow(holder.dn, ['proxyAddresses', 'mail']));
      } else out.push(ps.adRemoveValue(holder.dn, 'proxyAddresses', `smtp:${address}`));
      continue;
    }
    // Exchange Online names a recipient by its primary SMTP address (the Entra object id is not
    // one of the identities its cmdlets document), so the second command uses the new primary.
    const o = cloudObject(ctx, kind, e.id);
    const primary = o ? (primarySmtp(o.proxyAddresses) ?? o.mail) : null;
    let identity = primary ?? (o && 'userPrincipalName' in o ? o.userPrincipalName : e.id);
    if (o && isPrimary(o, address)) {
      const next = otherAddress(o, address);
      if (next) {
        out.push(ps.exoSetPrimary(kind, identity, next));
        identity = next;
      }
    }
    out.push(ps.exoRemoveAddress(kind, identity, address));
  }
  return out;
}

/** Connect's "out of scope and back" for a synced duplicate, with the scheduler paused throughout. */
function outOfScopeAndBack(ctx: RuleContext): PowerShellEquivalent {
  const home = ps.parentDn(ctx.user.dn);
  return some(
    [
      ps.scheduler(false),
      ps.adMoveOutOfScope(ctx.user.objectGuid),
      ps.deltaSync(),
      ps.adMove(ctx.user.objectGuid, home, `Move the user back into ${home} (do not sync yet).`),
      ps.scheduler(true),
    ],
    'Between moving the user back and turning the scheduler on, run syncmatch again: it purges the duplicate and stamps the anchor.',
  );
}

/** The domain of the AD object with this objectGUID, as the diagnosis read it (the DC to ask; '' unknown). */
function movedDomain(ctx: RuleContext, objectGuid: string): string {
  const o = [ctx.user, ...ctx.snapshot.onPrem.related].find((x) => x.objectGuid === objectGuid);
  return o?.domain ?? o?.forest ?? '';
}
