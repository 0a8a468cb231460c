// AD_DUPLICATE_VALUE: another AD object holds one of the user's values, across attributes (IdFix
// only compared one attribute at a time, so a UPN equal to a contact's proxy went unseen).
import { placeText, showPlace } from '../ad-place.js';
import type { Finding } from '../findings.js';
import { isSystemObject } from '../idfix-rules.js';
import { addressKey, smtpAddresses } from '../proxy-addresses.js';
import type { OnPremObject } from '../snapshot.js';
import type { RuleContext } from './context.js';
import { isForestTwin } from './forest-twins.js';

interface Held {
  attribute: string;
  value: string;
}

/** The values of an object that must be unique across the directory, keyed case-insensitively. */
function addressValues(o: OnPremObject): Held[] {
  const out: Held[] = [];
  if (o.userPrincipalName) out.push({ attribute: 'userPrincipalName', value: o.userPrincipalName });
  if (o.mail) out.push({ attribute: 'mail', value: o.mail });
  for (const a of smtpAddresses(o.proxyAddresses)) out.push({ attribute: 'proxyAddresses', value: a });
  return out;
}

export function adDuplicateRules(ctx: RuleContext): Finding[] {
  const mine = addressValues(ctx.user);
  const findings: Finding[] = [];
  for (const other of ctx.snapshot.onPrem.related) {
    if (other.objectGuid === ctx.user.objectGuid || isSystemObject(other)) continue;
    // One person's account in another forest: USER_IN_TWO_FORESTS tells that story and its plan.
    if (isForestTwin(ctx, other)) continue;
    const theirs = addressValues(other);
    const clashes: { value: string; ours: string; theirs: string }[] = [];
    for (const m of mine) {
      for (const t of theirs) {
        if (addressKey(m.value) !== addressKey(t.value)) continue;
        if (!clashes.some((c) => addressKey(c.value) === addressKey(m.value))) {
          clashes.push({ value: m.value, ours: m.attribute, theirs: t.attribute });
        }
      }
    }
    if (
      ctx.user.mailNickname &&
      other.mailNickname &&
      addressKey(ctx.user.mailNickname) === addressKey(other.mailNickname)
    ) {
      clashes.push({ value: ctx.user.mailNickname, ours: 'mailNickname', theirs: 'mailNickname' });
    }
    if (clashes.length === 0) continue;
    const list = clashes.map((c) => `"${c.value}" (our ${c.ours}, their ${c.theirs})`).join(', ');
    findings.push({
      code: 'AD_DUPLICATE_VALUE',
      severity: 'error',
      message:
        `Another AD ${other.objectClass}${showPlace(other, ctx.snapshot.sync.forests) || (other.domain && other.domain !== ctx.user.domain) ? ` in ${placeText(other)}` : ''} holds ${clashes.length === 1 ? 'a value' : 'values'} of this user: ${list}. ` +
        'Entra ID keeps these unique across users, groups and contacts, so one of the two will fail to sync or be quarantined. ' +
        'Remove the value from one object in AD.',
      evidence: {
        otherDn: other.dn,
        otherObjectClass: other.objectClass,
        otherObjectGuid: other.objectGuid,
        ...(other.forest ? { otherForest: other.forest } : {}),
        ...(other.domain ? { otherDomain: other.domain } : {}),
        values: clashes,
      },
    });
  }
  return findings;
}
