// The per-attribute rules behind AD_ATTRIBUTE_INVALID. Each rule is Microsoft's documented rule
// for that attribute, written as an allow-list where the document gives one, with the document
// named at the rule (src/core/attributes/). Where the documents are silent the rule says so and
// keeps IdFix's behaviour (its rules were ported from its public source), except IdFix's known
// false positives: the apostrophe in a UPN (Entra's username policy allows it), X500 proxy
// addresses, and a TLD list (UPN_SUFFIX_UNVERIFIED checks the tenant's verified domains instead).
// Each problem says what really happens to the user (blocked, placeholder, dropped, fine).
import { checkMailNickname } from './attributes/alias.js';
import { checkDisplayName, checkSamAccountName } from './attributes/account.js';
import { checkMail, checkPrimaries, checkProxyAddress } from './attributes/addresses.js';
import { isBlank, type AttributeProblem } from './attributes/problem.js';
import { SOURCES } from './attributes/sources.js';
import { checkUpn } from './attributes/upn.js';
import type { OnPremObject } from './snapshot.js';

export type { AttributeOutcome, AttributeProblem } from './attributes/problem.js';
export { checkUpn } from './attributes/upn.js';

/** The AD domain's DNS name from a DN's DC= parts (`DC=contoso,DC=com` → contoso.com). */
export function adDomainOf(dn: string): string {
  return [...dn.matchAll(/(?:^|,)\s*DC=([^,]+)/gi)].map((m) => m[1]!.trim()).join('.');
}

/** The UPN Entra Connect exports: userPrincipalName, else `<sAMAccountName>@<AD domain>`. */
export function exportedUpn(o: OnPremObject): string | null {
  if (o.userPrincipalName !== null && o.userPrincipalName !== '') return o.userPrincipalName;
  if (o.sAMAccountName !== null && o.sAMAccountName !== '') return `${o.sAMAccountName}@${adDomainOf(o.dn)}`;
  return null;
}

function blank(attribute: string, value: string): AttributeProblem {
  // UNVERIFIED outcome: the preparation page says a present attribute must have a value, not what
  // the service does with a blank one; the lab does not export it.
  return {
    attribute,
    value,
    rule: 'blank',
    reason: 'is blank',
    outcome: 'dropped',
    source: SOURCES.prepareDirSync,
  };
}

/** Every documented problem of one object's sync-relevant attributes. */
export function checkAttributes(o: OnPremObject): AttributeProblem[] {
  const out: AttributeProblem[] = [];
  const upnPresent = o.userPrincipalName !== null && o.userPrincipalName !== '';
  if (upnPresent) out.push(...checkUpn(o.userPrincipalName!));
  else if (o.objectClass === 'user') {
    // Connect's default rule exports <sAMAccountName>@<AD domain> when the UPN is empty, and fails
    // the object when both are empty ("If a user doesn't have a value for the userPrincipalName
    // attribute, then the user object must contain a valid and unique value for the sAMAccountName").
    const derived = exportedUpn(o);
    out.push(
      derived
        ? {
            attribute: 'userPrincipalName',
            value: '',
            rule: 'blank',
            reason: `is empty, so Entra Connect exports ${derived} as the UPN`,
            outcome: 'placeholder',
            source: SOURCES.prepareDirSync,
          }
        : {
            attribute: 'userPrincipalName',
            value: '',
            rule: 'blank',
            reason: 'is empty and so is sAMAccountName; a synced user needs one of them',
            outcome: 'blocked',
            source: SOURCES.prepareDirSync,
          },
    );
  }
  for (const raw of o.proxyAddresses) out.push(...checkProxyAddress(raw));
  out.push(...checkPrimaries(o.proxyAddresses));
  if (o.mail !== null) out.push(...(isBlank(o.mail) ? [blank('mail', o.mail)] : checkMail(o.mail)));
  if (o.mailNickname !== null) {
    // A blank alias is not exported; on first sync the cloud takes the primary SMTP prefix, else
    // mail's, else the UPN's (Entra Connect "UserPrincipalName population").
    out.push(
      ...(isBlank(o.mailNickname)
        ? [
            {
              attribute: 'mailNickname',
              value: o.mailNickname,
              rule: 'blank',
              reason: 'is blank',
              outcome: 'placeholder' as const,
              source: SOURCES.upnPopulation,
            },
          ]
        : checkMailNickname(o.mailNickname)),
    );
  }
  if (o.displayName !== null) {
    out.push(
      ...(isBlank(o.displayName) ? [blank('displayName', o.displayName)] : checkDisplayName(o.displayName)),
    );
  }
  if (o.sAMAccountName !== null && o.sAMAccountName !== '' && o.objectClass === 'user') {
    out.push(...checkSamAccountName(o.sAMAccountName, upnPresent));
  }
  return out;
}

/** System objects IdFix skips (and so do we when looking for duplicates). */
export function isSystemObject(o: OnPremObject): boolean {
  const cn = /^CN=([^,]*)/i.exec(o.dn)?.[1] ?? '';
  return (
    o.isCriticalSystemObject === true ||
    cn.endsWith('$') ||
    /^krbtgt$/i.test(cn) ||
    /^HealthMailbox/i.test(cn) ||
    /^(SystemMailbox|DiscoverySearchMailbox|FederatedEmail|Migration\.)/i.test(cn)
  );
}
