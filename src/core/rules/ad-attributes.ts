// AD_ATTRIBUTE_INVALID: IdFix's rules on the user's own attributes (docs/matching-facts.md §5).
import type { Finding } from '../findings.js';
import { checkAttributes } from '../idfix-rules.js';
import { preview } from '../identifiers.js';
import type { RuleContext } from './context.js';

export function adAttributeRules(ctx: RuleContext): Finding[] {
  return checkAttributes(ctx.user).map((p) => ({
    code: 'AD_ATTRIBUTE_INVALID',
    severity: 'error',
    message:
      `The AD attribute ${p.attribute} "${preview(p.value, 80)}" ${p.reason}. ` +
      'Entra Connect exports it as is and the cloud refuses or rewrites it, so fix it in AD first.',
    evidence: { attribute: p.attribute, value: p.value, rule: p.rule, dn: ctx.user.dn },
  }));
}
