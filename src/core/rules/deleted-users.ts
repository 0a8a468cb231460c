// DELETED_USER_CONFLICT: a soft-deleted user holding the UPN or an address (warning) or the expected
// anchor (error: the next sync restores it instead of matching the target; docs/matching-facts.md §2.8).
import type { Finding } from '../findings.js';
import type { CloudUser } from '../snapshot.js';
import { cloudRef, holdsAddress, same, type RuleContext } from './context.js';

/** A deleted user's UPN is rewritten as <objectId without hyphens><original UPN>; undo that. */
export function originalUpn(u: CloudUser): string {
  const prefix = u.id.replace(/-/g, '').toLowerCase();
  return u.userPrincipalName.toLowerCase().startsWith(prefix)
    ? u.userPrincipalName.slice(prefix.length)
    : u.userPrincipalName;
}

export function deletedUserRules(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const d of ctx.cloud?.deletedUsers ?? []) {
    const ref = {
      ...cloudRef(d),
      originalUserPrincipalName: originalUpn(d),
      deletedDateTime: d.deletedDateTime,
    };
    if (ctx.anchor.value && d.onPremisesImmutableId === ctx.anchor.value) {
      const blocking = ctx.target !== null;
      out.push({
        code: 'DELETED_USER_CONFLICT',
        severity: blocking ? 'error' : 'warning',
        message: blocking
          ? `The recycle bin holds ${originalUpn(d)} (deleted ${d.deletedDateTime ?? 'recently'}) with this user's anchor ` +
            `${ctx.anchor.value}. The next sync would restore that deleted user instead of matching ${ctx.target!.userPrincipalName}. ` +
            'Purge it from the recycle bin (it is exported to the journal first) before the match.'
          : `The recycle bin holds ${originalUpn(d)} with this user's anchor; the next sync will restore it rather than create a new user.`,
        evidence: { deletedUser: ref, expectedImmutableId: ctx.anchor.value },
      });
      continue;
    }
    const values: string[] = [];
    if (same(originalUpn(d), ctx.user.userPrincipalName)) values.push(ctx.user.userPrincipalName!);
    values.push(...ctx.smtp.filter((a) => holdsAddress(d, a) && !values.some((v) => same(v, a))));
    if (values.length > 0) {
      out.push({
        code: 'DELETED_USER_CONFLICT',
        severity: 'warning',
        message:
          `The recycle bin holds ${originalUpn(d)} with ${values.join(', ')}. It does not hold the anchor, but restoring it ` +
          'later would clash with this user; purge it if it is an old copy of this person.',
        evidence: { deletedUser: ref, values },
      });
    }
  }
  return out;
}
