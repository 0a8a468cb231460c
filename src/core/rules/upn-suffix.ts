// UPN_SUFFIX_UNVERIFIED: a UPN on a domain the tenant has not verified (.local, seed reference/001)
// is synced as <MailNickName>@<initial domain>, the MailNickName being the alias, else the primary
// SMTP prefix, else the mail prefix, else the UPN prefix (Entra Connect "UserPrincipalName
// population", https://learn.microsoft.com/entra/identity/hybrid/connect/plan-connect-userprincipalname),
// so UPN soft match cannot succeed.
import type { Finding } from '../findings.js';
import { addressKey } from '../proxy-addresses.js';
import { predictCloudUpn } from '../unverified-upn.js';
import type { RuleContext } from './context.js';

export function upnSuffixRules(ctx: RuleContext): Finding[] {
  const u = ctx.user;
  const upn = u.userPrincipalName;
  if (!upn || !ctx.cloud || !upn.includes('@')) return [];
  // No domains at all: they were not read (a tenant always has its initial domain); CHECK_SKIPPED says so.
  if (ctx.cloud.domains.length === 0) return [];
  const suffix = upn.slice(upn.lastIndexOf('@') + 1);
  const verified = ctx.cloud.domains.filter((d) => d.isVerified).map((d) => d.id.toLowerCase());
  if (verified.includes(addressKey(suffix))) return [];
  const becomes = predictCloudUpn(
    {
      userPrincipalName: upn,
      mailNickname: u.mailNickname ?? undefined,
      proxyAddresses: u.proxyAddresses,
      mail: u.mail ?? undefined,
    },
    () => false,
    ctx.initialDomain ?? '<initial domain>',
  );
  return [
    {
      code: 'UPN_SUFFIX_UNVERIFIED',
      severity: 'warning',
      message:
        `The AD UPN ${upn} is on "${suffix}", which is not a verified domain of the tenant ` +
        `(verified: ${verified.join(', ') || 'none'}). The cloud UPN would become ${becomes} (the alias, else ` +
        'the primary SMTP prefix, else the mail prefix, else the UPN prefix, at the initial domain), and matching on the UPN ' +
        'cannot work. Add a UPN suffix for a verified domain in AD and give the user that UPN, or match on the primary SMTP address or the anchor.',
      evidence: { userPrincipalName: upn, suffix, verifiedDomains: verified, cloudUpnWouldBe: becomes },
    },
  ];
}
