// AD_OUT_OF_SYNC_SCOPE and CONSISTENCY_GUID_DIFFERS: on-premises facts that change what the sync does.
import { dnInScope, type Dn } from '../dn.js';
import type { Finding } from '../findings.js';
import type { RuleContext } from './context.js';

/** Parsed, not compared as text (./../dn.ts): CN=Evil\,OU=Staff,DC=x is not inside OU=Staff,DC=x. */
export function inScope(dn: string, scope: readonly (string | Dn)[]): boolean {
  return dnInScope(dn, scope);
}

export function adScopeRules(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const scope = ctx.snapshot.sync.scope;
  if (!inScope(ctx.user.dn, scope)) {
    out.push({
      code: 'AD_OUT_OF_SYNC_SCOPE',
      severity: 'warning',
      message:
        `The user is in ${ctx.user.dn}, which is outside the OUs Entra Connect synchronises (${scope.join('; ')}). ` +
        'No sync will touch this user until it is moved into a synced OU (or the scope is widened).',
      evidence: { dn: ctx.user.dn, scope },
    });
  }
  const cg = ctx.user.consistencyGuid;
  if (
    cg &&
    cg.toLowerCase() !== ctx.user.objectGuid.toLowerCase() &&
    ctx.snapshot.sync.sourceAnchor.toLowerCase() === 'ms-ds-consistencyguid'
  ) {
    out.push({
      code: 'CONSISTENCY_GUID_DIFFERS',
      severity: 'warning',
      message:
        `mS-DS-ConsistencyGuid (${cg}) differs from objectGUID (${ctx.user.objectGuid}). That is normal after a forest ` +
        `migration, and it is the consistencyGuid that counts: the expected immutableId is ${ctx.anchor.value}, ` +
        'not the one a GUID converter gives for objectGUID.',
      evidence: {
        objectGUID: ctx.user.objectGuid,
        consistencyGuid: cg,
        expectedImmutableId: ctx.anchor.value,
      },
    });
  }
  return out;
}
