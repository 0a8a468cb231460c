// The MANUAL step for SIGN_IN_NAME_WOULD_CHANGE: the AD-side fix first, with the exact commands.
// Set-ADUser -UserPrincipalName: https://learn.microsoft.com/en-us/powershell/module/activedirectory/set-aduser
// Set-ADForest -UPNSuffixes: https://learn.microsoft.com/en-us/powershell/module/activedirectory/set-adforest
// Update-MgUser: https://learn.microsoft.com/en-us/powershell/module/microsoft.graph.users/update-mguser
import { domainOfDn, splitAddress } from './export-values.js';
import type { Finding, FindingCode } from './findings.js';
import type { LabAction, PlanStep } from './plan-types.js';
import type { SignInNameEvidence } from './rules/sign-in-name.js';
import { psString } from './powershell/quote.js';
import type { OnPremObject } from './snapshot.js';

type Manual = (
  because: FindingCode[],
  description: string,
  instructions: string[],
  verify: string,
  lab?: LabAction[],
) => PlanStep;

// Values go through the one PowerShell quoting (typographic quotes and control characters too).
const q = psString;

export function signInNameStep(f: Finding, user: OnPremObject, manual: Manual): PlanStep {
  const e = f.evidence as unknown as SignInNameEvidence;
  const keep = e.before;
  const [, keepSuffix] = splitAddress(keep);
  const adSuffix = e.adUserPrincipalName ? splitAddress(e.adUserPrincipalName)[1] : '';
  const instructions = [
    `Give the AD user the sign-in name the cloud user has: Set-ADUser -Identity ${q(user.objectGuid)} -UserPrincipalName ${q(keep)}`,
  ];
  if (keepSuffix.toLowerCase() !== adSuffix.toLowerCase()) {
    instructions.push(
      `If AD does not offer "${keepSuffix}" as a UPN suffix yet, add it first: Set-ADForest -Identity ${q(domainOfDn(user.dn))} -UPNSuffixes @{Add=${q(keepSuffix)}}`,
    );
  }
  if (e.afterVerified) {
    instructions.push(
      `Or, if ${e.after} is the name the person should use from now on, tell them, then rename the cloud user first so the sync changes nothing: Update-MgUser -UserId ${q(e.cloudUserId)} -UserPrincipalName ${q(e.after)}`,
    );
  }
  return manual(
    ['SIGN_IN_NAME_WOULD_CHANGE'],
    `Give the AD user the UPN ${keep} so the sync keeps the sign-in name`,
    instructions,
    'Re-reads the AD user and the cloud user and checks the sync would leave the UPN as it is.',
    [{ kind: 'setAdAttribute', objectGuid: user.objectGuid, attribute: 'userPrincipalName', value: keep }],
  );
}
