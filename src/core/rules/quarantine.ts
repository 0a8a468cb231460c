// QUARANTINED_ATTRIBUTE and UPN_PLACEHOLDER: traces of duplicate attribute resiliency (docs/matching-facts.md §F4).
import type { Finding } from '../findings.js';
import type { ProvisioningError } from '../snapshot.js';
import { same, type RuleContext } from './context.js';

export function quarantineRules(ctx: RuleContext): Finding[] {
  const { cloud, target, holder, user } = ctx;
  if (!cloud) return [];
  const out: Finding[] = [];
  const mine = (e: ProvisioningError) =>
    same(e.value.replace(/^smtp:/i, ''), user.userPrincipalName) ||
    ctx.smtp.some((a) => same(e.value.replace(/^smtp:/i, ''), a));
  const holders = [
    ...cloud.users.map((u) => ({
      kind: 'user',
      id: u.id,
      name: u.userPrincipalName,
      errors: u.onPremisesProvisioningErrors,
    })),
    ...cloud.groups.map((g) => ({
      kind: 'group',
      id: g.id,
      name: g.displayName ?? g.id,
      errors: g.onPremisesProvisioningErrors ?? [],
    })),
    ...cloud.contacts.map((c) => ({
      kind: 'contact',
      id: c.id,
      name: c.displayName ?? c.id,
      errors: c.onPremisesProvisioningErrors ?? [],
    })),
  ];
  for (const h of holders) {
    const relevant = h.id === target?.id || h.id === holder?.id ? h.errors : h.errors.filter(mine);
    if (relevant.length === 0) continue;
    out.push({
      code: 'QUARANTINED_ATTRIBUTE',
      severity: 'warning',
      message:
        `The cloud ${h.kind} "${h.name}" has quarantined values: ` +
        relevant.map((e) => `${e.propertyCausingError} "${e.value}"`).join(', ') +
        '. The sync found another object already holding them and kept this one without them.',
      evidence: { kind: h.kind, id: h.id, name: h.name, onPremisesProvisioningErrors: relevant },
    });
  }
  const upn = user.userPrincipalName;
  if (holder && upn && ctx.initialDomain && holder.id !== target?.id) {
    const prefix = upn.split('@')[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`^${prefix}\\d{4}@${ctx.initialDomain.replace(/\./g, '\\.')}$`, 'i');
    if (re.test(holder.userPrincipalName)) {
      out.push({
        code: 'UPN_PLACEHOLDER',
        severity: 'warning',
        message:
          `The cloud user holding the anchor has the placeholder UPN ${holder.userPrincipalName}: a sync created it as a ` +
          `second user because ${upn} was already taken. It is the duplicate to remove.`,
        evidence: { anchorHolder: holder.id, userPrincipalName: holder.userPrincipalName },
      });
    }
  }
  return out;
}
