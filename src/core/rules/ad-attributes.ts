// AD_ATTRIBUTE_INVALID: Microsoft's documented rules on the user's own attributes (src/core/attributes/,
// each rule names its source). The severity follows what the cloud does with the value: `blocked`
// is an error (the export fails); a placeholder, a dropped value or a user created regardless is a
// warning, and the message says which.
import { cloudAlias } from '../attributes/alias.js';
import { isBlank } from '../attributes/problem.js';
import { SOURCE_NAMES } from '../attributes/sources.js';
import type { Finding } from '../findings.js';
import { preview } from '../identifiers.js';
import { checkAttributes, exportedUpn, type AttributeProblem } from '../idfix-rules.js';
import { addressKey } from '../proxy-addresses.js';
import { predictCloudUpn, predictMailNickname } from '../unverified-upn.js';
import type { RuleContext } from './context.js';

/** The UPN the cloud will calculate for this user, or a pattern when the tenant is not known. */
function predictedUpn(ctx: RuleContext): string {
  const u = ctx.user;
  const upn = exportedUpn(u) ?? '';
  if (!ctx.cloud || !ctx.initialDomain) return '<alias>@<initial domain>';
  const verified = new Set(ctx.cloud.domains.filter((d) => d.isVerified).map((d) => addressKey(d.id)));
  return predictCloudUpn(
    {
      userPrincipalName: upn,
      mailNickname: u.mailNickname ?? undefined,
      proxyAddresses: u.proxyAddresses,
      mail: u.mail ?? undefined,
    },
    (suffix) => verified.has(addressKey(suffix)),
    ctx.initialDomain,
  );
}

/** The value the cloud stores instead, for a `placeholder` outcome. */
function substitute(ctx: RuleContext, p: AttributeProblem): string | null {
  if (p.outcome !== 'placeholder') return null;
  if (p.attribute !== 'mailNickname') return predictedUpn(ctx);
  if (!isBlank(p.value)) return cloudAlias(p.value);
  const u = ctx.user;
  return predictMailNickname({
    userPrincipalName: exportedUpn(u) ?? '',
    proxyAddresses: u.proxyAddresses,
    mail: u.mail ?? undefined,
  });
}

function consequence(p: AttributeProblem, becomes: string | null): string {
  switch (p.outcome) {
    case 'blocked':
      return "Entra Connect's export of this user fails until the value is corrected in AD, so nothing can match.";
    case 'dropped':
      return 'The user is still synced, but without this attribute.';
    case 'fine':
      return 'The user is still created in the cloud because its UPN is valid; correct it for the on-premises side.';
    case 'placeholder':
      if (p.attribute === 'mailNickname') {
        return isBlank(p.value)
          ? `The user is still synced; the cloud takes the alias "${preview(becomes ?? '', 80)}" from its addresses. Set the alias in AD.`
          : `The user is still synced, but the cloud alias becomes "${preview(becomes ?? '', 80)}" (invalid characters become "_"). Correct it in AD.`;
      }
      return (
        `The user is still synced, but the cloud calculates its own UPN instead: ${becomes ?? ''} ` +
        '(the alias, else the primary SMTP prefix, else the mail prefix, else the UPN prefix, at the initial domain). ' +
        'Matching on the UPN cannot work; correct it in AD.'
      );
  }
}

export function adAttributeRules(ctx: RuleContext): Finding[] {
  return checkAttributes(ctx.user).map((p) => {
    const becomes = substitute(ctx, p);
    return {
      code: 'AD_ATTRIBUTE_INVALID',
      severity: p.outcome === 'blocked' ? 'error' : 'warning',
      message:
        `The AD attribute ${p.attribute} "${preview(p.value, 80)}" ${p.reason} (${SOURCE_NAMES[p.source]}). ` +
        consequence(p, becomes),
      evidence: {
        attribute: p.attribute,
        value: p.value,
        rule: p.rule,
        outcome: p.outcome,
        source: p.source,
        ...(becomes === null ? {} : { cloudValue: becomes }),
        dn: ctx.user.dn,
      },
    };
  });
}
