// SIGN_IN_NAME_WOULD_CHANGE: the forecast says the sync that joins this AD user to its cloud user
// would change that user's UPN (an unverified AD suffix exported as <prefix>@<initial domain>, or
// an AD UPN that differs from the cloud one). The person could no longer sign in as before, so the
// match is blocked until AD carries the sign-in name the cloud user has.
// https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/howto-troubleshoot-upn-changes
import { splitAddress } from '../export-values.js';
import type { Finding } from '../findings.js';
import { forecastSync } from '../sync-forecast.js';
import { isSynced, type RuleContext } from './context.js';

export interface SignInNameEvidence {
  cloudUserId: string;
  before: string;
  after: string;
  adUserPrincipalName: string | null;
  /** The AD UPN's suffix is not a verified domain (the unverified-suffix rule rewrote it). */
  unverifiedSuffix: boolean;
  /** The suffix of the new name is verified (a rename in the cloud first is possible). */
  afterVerified: boolean;
}

export function signInNameRules(ctx: RuleContext): Finding[] {
  const t = ctx.target;
  if (!t || !ctx.cloud || isSynced(t)) return [];
  const forecast = forecastSync(ctx.user, t, ctx.cloud);
  if (!forecast?.signInNameChanges) return [];
  const after = forecast.writes.userPrincipalName as string;
  const adUpn = ctx.user.userPrincipalName;
  const verified = new Set(ctx.cloud.domains.filter((d) => d.isVerified).map((d) => d.id.toLowerCase()));
  const adSuffix = adUpn ? splitAddress(adUpn)[1].toLowerCase() : '';
  const unverifiedSuffix = adUpn !== null && !verified.has(adSuffix) && adSuffix !== ctx.initialDomain;
  const afterSuffix = splitAddress(after)[1].toLowerCase();
  const evidence: SignInNameEvidence = {
    cloudUserId: t.id,
    before: t.userPrincipalName,
    after,
    adUserPrincipalName: adUpn,
    unverifiedSuffix,
    afterVerified: verified.has(afterSuffix) && afterSuffix !== ctx.initialDomain?.toLowerCase(),
  };
  // The cloud user signs in on the initial *.onmicrosoft.com domain (made there, or moved there
  // first by this tool's federated-domain step) and the sync gives it the AD UPN on a verified
  // domain: the name the person is meant to have. Said, not blocked.
  const beforeSuffix = splitAddress(t.userPrincipalName)[1].toLowerCase();
  const backToAdName =
    ctx.initialDomain !== null &&
    beforeSuffix === ctx.initialDomain.toLowerCase() &&
    evidence.afterVerified &&
    adUpn !== null &&
    after.toLowerCase() === adUpn.toLowerCase();
  if (backToAdName) {
    return [
      {
        code: 'SIGN_IN_NAME_WOULD_CHANGE',
        severity: 'warning',
        message:
          `The sync that matches this user gives the cloud user ${t.userPrincipalName} its AD UPN ${after} ` +
          `(a verified domain): from then on the person signs in as ${after}. Tell them.`,
        evidence: evidence as unknown as Record<string, unknown>,
      },
    ];
  }
  const why = unverifiedSuffix
    ? `the AD UPN ${adUpn} is on "${adSuffix}", which the tenant has not verified, so Entra Connect exports ${after}`
    : `the AD UPN is ${adUpn ?? `${ctx.user.sAMAccountName}@<AD domain>`}, and a synced user's UPN follows AD`;
  return [
    {
      code: 'SIGN_IN_NAME_WOULD_CHANGE',
      severity: 'error',
      message:
        `The sync that matches this user would rename the cloud user ${t.userPrincipalName} to ${after}: ${why}. ` +
        `The person could no longer sign in as ${t.userPrincipalName}. Fix AD first: give the AD user the UPN ` +
        `${t.userPrincipalName}, or rename the cloud user on purpose before matching.`,
      evidence: evidence as unknown as Record<string, unknown>,
    },
  ];
}
