// IdFix's per-attribute rules (docs/matching-facts.md §5), read from its source, with the changes its users
// asked for: no TLD list (UPN_SUFFIX_UNVERIFIED checks the tenant's real domains instead), X500 and
// other non-SMTP proxies are only checked for a prefix and length, apostrophes are allowed in SMTP
// local parts (RFC 5322 allows them; IdFix's false positive).
import { parseProxyAddress } from './proxy-addresses.js';
import type { OnPremObject } from './snapshot.js';

export interface AttributeProblem {
  attribute: string;
  value: string;
  rule: string;
  /** What is wrong, in words. */
  reason: string;
}

const UPN_FORBIDDEN = /[\s\\%&*+/=?'{}|<>();:,[\]"äëïöüÿÄËÏÖÜŸ]/;
const SAM_FORBIDDEN = /["\\|,/[\]:<>+=;?*]/;
const SMTP_FORBIDDEN = /[\s<>();,[\]"]/;
// RFC 5322 dot-atom local part.
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN =
  /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

function problem(attribute: string, value: string, rule: string, reason: string): AttributeProblem {
  return { attribute, value, rule, reason };
}

export function checkUpn(upn: string): AttributeProblem[] {
  const out: AttributeProblem[] = [];
  const a = 'userPrincipalName';
  if (upn.length > 113) out.push(problem(a, upn, 'length', `is ${upn.length} characters; at most 113`));
  const bad = UPN_FORBIDDEN.exec(upn);
  if (bad) out.push(problem(a, upn, 'character', `contains "${bad[0]}", which a UPN may not contain`));
  const parts = upn.split('@');
  if (parts.length !== 2) {
    out.push(problem(a, upn, 'format', `must contain exactly one @ (has ${parts.length - 1})`));
    return out;
  }
  const [local, domain] = parts as [string, string];
  if (!bad && !DOT_ATOM.test(local)) {
    out.push(
      problem(
        a,
        upn,
        'format',
        'the part before @ is not a valid name (no leading, trailing or double dots)',
      ),
    );
  }
  if (!DOMAIN.test(domain)) out.push(problem(a, upn, 'domain', `"${domain}" is not a valid domain name`));
  return out;
}

export function checkSmtp(attribute: string, address: string): AttributeProblem[] {
  const bad = SMTP_FORBIDDEN.exec(address);
  if (bad)
    return [problem(attribute, address, 'character', `contains "${bad[0]}", which an SMTP address may not`)];
  const parts = address.split('@');
  if (parts.length !== 2) return [problem(attribute, address, 'format', 'must contain exactly one @')];
  const [local, domain] = parts as [string, string];
  if (!DOT_ATOM.test(local) || !DOMAIN.test(domain)) {
    return [problem(attribute, address, 'rfc2822', 'is not a valid e-mail address (RFC 2822)')];
  }
  return [];
}

/** Every IdFix problem of one object's sync-relevant attributes. */
export function checkAttributes(o: OnPremObject): AttributeProblem[] {
  const out: AttributeProblem[] = [];
  if (o.userPrincipalName !== null) out.push(...checkUpn(o.userPrincipalName));
  else if (o.objectClass === 'user') {
    out.push(problem('userPrincipalName', '', 'blank', 'is empty; a synced user needs one'));
  }
  for (const raw of o.proxyAddresses) {
    const p = parseProxyAddress(raw);
    if (raw.length > 256)
      out.push(problem('proxyAddresses', raw, 'length', `is ${raw.length} characters; at most 256`));
    if (p.prefix === null) {
      out.push(problem('proxyAddresses', raw, 'prefix', 'has no type prefix (SMTP:, smtp:, X500: …)'));
    } else if (p.isSmtp) {
      out.push(...checkSmtp('proxyAddresses', p.address).map((x) => ({ ...x, value: raw })));
    }
  }
  const primaries = o.proxyAddresses.filter((v) => parseProxyAddress(v).isPrimary);
  if (primaries.length > 1) {
    out.push(
      problem('proxyAddresses', primaries.join(', '), 'primary', 'has more than one primary (SMTP:) address'),
    );
  }
  if (o.mail !== null) {
    if (o.mail.length > 256)
      out.push(problem('mail', o.mail, 'length', `is ${o.mail.length} characters; at most 256`));
    out.push(...checkSmtp('mail', o.mail));
  }
  if (o.mailNickname !== null) {
    if (o.mailNickname.length > 64) {
      out.push(
        problem(
          'mailNickname',
          o.mailNickname,
          'length',
          `is ${o.mailNickname.length} characters; at most 64`,
        ),
      );
    }
    if (o.mailNickname.startsWith('.')) {
      out.push(problem('mailNickname', o.mailNickname, 'character', 'may not start with a period'));
    }
    if (/[\s"\\()<>[\]@,;:]/.test(o.mailNickname)) {
      out.push(
        problem('mailNickname', o.mailNickname, 'character', 'contains a character an alias may not contain'),
      );
    }
  }
  if (o.displayName !== null && o.displayName.length > 256) {
    out.push(
      problem('displayName', o.displayName, 'length', `is ${o.displayName.length} characters; at most 256`),
    );
  }
  if (o.sAMAccountName !== null && o.objectClass === 'user') {
    if (o.sAMAccountName.length > 20) {
      out.push(
        problem(
          'sAMAccountName',
          o.sAMAccountName,
          'length',
          `is ${o.sAMAccountName.length} characters; at most 20`,
        ),
      );
    }
    const bad = SAM_FORBIDDEN.exec(o.sAMAccountName);
    if (bad) out.push(problem('sAMAccountName', o.sAMAccountName, 'character', `contains "${bad[0]}"`));
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
