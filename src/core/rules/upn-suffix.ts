// UPN_SUFFIX_UNVERIFIED: a UPN on a domain the tenant has not verified (.local, field report §F1)
// is synced as <prefix>@<initial domain>, so UPN soft match cannot succeed (docs/matching-facts.md §2.7).
import type { Finding } from '../findings.js';
import type { RuleContext } from './context.js';

export function upnSuffixRules(ctx: RuleContext): Finding[] {
  const upn = ctx.user.userPrincipalName;
  if (!upn || !ctx.cloud || !upn.includes('@')) return [];
  const [prefix, suffix] = upn.split('@') as [string, string];
  const verified = ctx.cloud.domains.filter((d) => d.isVerified).map((d) => d.id.toLowerCase());
  if (verified.includes(suffix.toLowerCase())) return [];
  const becomes = ctx.initialDomain ? `${prefix}@${ctx.initialDomain}` : `${prefix}@<initial domain>`;
  return [
    {
      code: 'UPN_SUFFIX_UNVERIFIED',
      severity: 'warning',
      message:
        `The AD UPN ${upn} is on "${suffix}", which is not a verified domain of the tenant ` +
        `(verified: ${verified.join(', ') || 'none'}). The cloud UPN would become ${becomes}, and matching on the UPN ` +
        'cannot work. Add a UPN suffix for a verified domain in AD and give the user that UPN, or match on the primary SMTP address or the anchor.',
      evidence: { userPrincipalName: upn, suffix, verifiedDomains: verified, cloudUpnWouldBe: becomes },
    },
  ];
}
