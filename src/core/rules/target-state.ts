// The target's state: which cloud user this AD user should become, and how it stands against the
// expected anchor (CLOUD_USER_NOT_FOUND, CLOUD_CANDIDATES_DIFFER, ALREADY_MATCHED, READY_FOR_SOFT_MATCH,
// READY_FOR_HARD_MATCH, STALE_IMMUTABLE_ID, LINKED_TO_OTHER_ANCHOR).
import type { Finding } from '../findings.js';
import { cloudRef, isSynced, management, type RuleContext } from './context.js';
import { isForestTwinAnchor } from './forest-twins.js';
import { usersUnread } from './skipped-checks.js';
import { softMatchAllowed } from './tenant-switches.js';

export function targetStateRules(ctx: RuleContext): Finding[] {
  const { target, byUpn, bySmtp, holder, anchor } = ctx;
  if (!ctx.cloud) return [];
  const out: Finding[] = [];
  // When one of the two is the anchor holder, CLOUD_DUPLICATE_ANCHOR tells the story instead.
  if (byUpn && bySmtp && byUpn.id !== bySmtp.id && holder?.id !== byUpn.id && holder?.id !== bySmtp.id) {
    out.push({
      code: 'CLOUD_CANDIDATES_DIFFER',
      severity: 'error',
      message:
        `The AD UPN ${ctx.user.userPrincipalName} points at the cloud user ${byUpn.userPrincipalName}, but the primary SMTP ` +
        `address ${ctx.primarySmtp} belongs to another cloud user, ${bySmtp.userPrincipalName}. A sync cannot know which ` +
        'one is this person. Decide which cloud account is theirs and remove the UPN or address from the other one.',
      evidence: { byUpn: cloudRef(byUpn), byPrimarySmtp: cloudRef(bySmtp), primarySmtp: ctx.primarySmtp },
    });
  }
  if (!target) {
    // Not found is not "absent" when the users could not be read (CHECK_SKIPPED says so).
    if (usersUnread(ctx)) return out;
    out.push({
      code: 'CLOUD_USER_NOT_FOUND',
      severity: 'info',
      message:
        `No active cloud user has the UPN ${ctx.user.userPrincipalName}, the primary SMTP address ` +
        `${ctx.primarySmtp ?? '(none)'} or the immutableId ${anchor.value}. The next sync will create a new cloud user.`,
      evidence: {
        userPrincipalName: ctx.user.userPrincipalName,
        primarySmtp: ctx.primarySmtp,
        expectedImmutableId: anchor.value,
      },
    });
    return out;
  }
  const evidence = {
    target: cloudRef(target),
    expectedImmutableId: anchor.value,
    anchorSource: anchor.source,
  };
  const current = target.onPremisesImmutableId;
  if (isSynced(target)) {
    if (current === anchor.value) {
      out.push({
        code: 'ALREADY_MATCHED',
        severity: 'info',
        message: `${target.userPrincipalName} is synced and its immutableId ${current} equals the expected anchor. Nothing to fix.`,
        evidence: { ...evidence, onPremisesLastSyncDateTime: target.onPremisesLastSyncDateTime },
      });
    } else if (!isForestTwinAnchor(ctx, current)) {
      // (Linked to this person's account in another forest: USER_IN_TWO_FORESTS tells that story.)
      out.push({
        code: 'LINKED_TO_OTHER_ANCHOR',
        severity: 'error',
        message:
          `${target.userPrincipalName} is already synced from another on-premises object: its immutableId is ${current}, ` +
          `not ${anchor.value} (this user's ${anchor.source}). Graph cannot change a synced user, and Connect no longer ` +
          're-points a joined object. Find the AD object that owns it (the immutableId decodes to its anchor) and take it out of sync scope first.',
        evidence,
      });
    }
    return out;
  }
  // Cloud-managed from here on. An admin is matched neither way (ADMIN_ROLE_BLOCKS_MATCH says so).
  if (ctx.targetRoles.length > 0) return out;
  if (current === anchor.value) {
    out.push({
      code: 'READY_FOR_HARD_MATCH',
      severity: 'info',
      message:
        `${target.userPrincipalName} is ${management(target)} and already carries the expected immutableId ${current}. ` +
        'The next sync will hard-match it.',
      evidence,
    });
  } else if (current === null) {
    const deletedHolder = ctx.cloud.deletedUsers.some((d) => d.onPremisesImmutableId === anchor.value);
    if (!holder && !deletedHolder && softMatchAllowed(ctx)) {
      out.push({
        code: 'READY_FOR_SOFT_MATCH',
        severity: 'info',
        message:
          `${target.userPrincipalName} is ${management(target)} and has no immutableId, and no other cloud user holds the ` +
          'anchor. The next sync can soft-match it on the UPN or the primary SMTP address.',
        evidence,
      });
    }
  } else {
    out.push({
      code: 'STALE_IMMUTABLE_ID',
      severity: 'error',
      message:
        `${target.userPrincipalName} is ${management(target)} but still carries the immutableId ${current} from an earlier ` +
        `sync; this user's anchor is ${anchor.value} (from ${anchor.source}). Soft match refuses a user that has an ` +
        'immutableId, so the sync reports InvalidSoftMatch ("AttributeValueMustBeUnique") even though nothing is duplicated.',
      evidence,
    });
  }
  return out;
}
