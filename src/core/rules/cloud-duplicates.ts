// CLOUD_DUPLICATE_ANCHOR, CLOUD_DUPLICATE_PROXY_ADDRESS, CLOUD_DUPLICATE_ALIAS: other cloud objects
// that already hold this user's anchor, addresses or alias.
import type { Finding } from '../findings.js';
import { addressKey } from '../proxy-addresses.js';
import { cloudRef, holdsAddress, management, type RuleContext } from './context.js';

export function cloudDuplicateRules(ctx: RuleContext): Finding[] {
  const { cloud, target, holder } = ctx;
  if (!cloud) return [];
  const out: Finding[] = [];
  if (holder && target && holder.id !== target.id) {
    out.push({
      code: 'CLOUD_DUPLICATE_ANCHOR',
      severity: 'error',
      message:
        `Another cloud user, ${holder.userPrincipalName} (${management(holder)}), already holds this user's anchor ` +
        `${ctx.anchor.value}. The next sync joins the AD user to that one, not to ${target.userPrincipalName}: ` +
        'that is how duplicate accounts appear after a failed match.',
      evidence: {
        anchorHolder: cloudRef(holder),
        target: cloudRef(target),
        expectedImmutableId: ctx.anchor.value,
      },
    });
  }
  const skip = new Set([target?.id, holder?.id]);
  const others = [
    ...cloud.users
      .filter((u) => !skip.has(u.id))
      .map((u) => ({ kind: 'user', id: u.id, name: u.userPrincipalName, o: u })),
    ...cloud.groups.map((g) => ({ kind: 'group', id: g.id, name: g.displayName ?? g.id, o: g })),
    ...cloud.contacts.map((c) => ({ kind: 'contact', id: c.id, name: c.displayName ?? c.id, o: c })),
  ];
  for (const other of others) {
    const held = ctx.smtp.filter((a) => holdsAddress(other.o, a));
    if (held.length > 0) {
      out.push({
        code: 'CLOUD_DUPLICATE_PROXY_ADDRESS',
        severity: 'error',
        message:
          `The cloud ${other.kind} "${other.name}" already holds ${held.join(', ')}. Proxy addresses are unique across ` +
          `users, groups and contacts: the sync ${other.kind === 'group' ? 'fails to export this user (a known issue with groups)' : 'drops the address and quarantines it'}. ` +
          `Remove the address from the ${other.kind} (Exchange admin center) or from the AD user.`,
        evidence: {
          kind: other.kind,
          id: other.id,
          name: other.name,
          addresses: held,
          synced: other.o.onPremisesSyncEnabled === true,
        },
      });
    }
    const alias = ctx.user.mailNickname;
    if (alias && other.o.mailNickname && addressKey(alias) === addressKey(other.o.mailNickname)) {
      out.push({
        code: 'CLOUD_DUPLICATE_ALIAS',
        severity: 'warning',
        message:
          `The cloud ${other.kind} "${other.name}" already uses the alias (mailNickname) "${alias}". Exchange Online ` +
          'needs aliases to be unique, so the mailbox may get a different alias or fail to provision.',
        evidence: { kind: other.kind, id: other.id, name: other.name, mailNickname: alias },
      });
    }
  }
  return out;
}
