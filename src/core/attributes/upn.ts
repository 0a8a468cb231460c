// userPrincipalName: Microsoft Entra's username policy is the allow-list; the outcome of a bad
// value is Entra Connect's "UserPrincipalName population" rule (the cloud computes a new UPN).
import { describeChar, firstRejected, type AttributeProblem } from './problem.js';
import { SOURCES, type SourceUrl } from './sources.js';

/** Username policies: "A – Z, a - z, 0 – 9, ' . - _ ! # ^ ~" (the part before the @). */
export const UPN_PREFIX_ALLOWED = "A–Z a–z 0–9 ' . - _ ! # ^ ~";
const PREFIX_CHAR = /^[A-Za-z0-9'._!#^~-]$/;
/** The suffix is a DNS domain name: letters, digits, hyphens and the periods between labels. */
const SUFFIX_CHAR = /^[A-Za-z0-9.-]$/;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DOMAIN_NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})+$`);

export const UPN_MAX = 113;
export const UPN_PREFIX_MAX = 64;
export const UPN_SUFFIX_MAX = 48;

export function isUpnPrefixChar(c: string): boolean {
  return PREFIX_CHAR.test(c);
}

export function isDomainName(domain: string): boolean {
  return DOMAIN_NAME.test(domain);
}

/**
 * Every documented problem of a UPN. Outcome `placeholder` throughout: "Any invalid characters …
 * present in the on-premises UserPrincipalName invalidates the synchronized UPN value … Microsoft
 * Entra ID calculates a new UPN" (UserPrincipalName population). UNVERIFIED: that a value over a
 * length limit, or malformed without a bad character, is treated the same way (the documents give
 * the limits but not what the service does; the lab does the same as for a bad character).
 */
export function checkUpn(upn: string): AttributeProblem[] {
  const out: AttributeProblem[] = [];
  const add = (rule: string, reason: string, source: SourceUrl) =>
    out.push({ attribute: 'userPrincipalName', value: upn, rule, reason, outcome: 'placeholder', source });
  const length = [...upn].length;
  if (length > UPN_MAX) add('length', `is ${length} characters; at most ${UPN_MAX}`, SOURCES.usernamePolicy);
  const ats = upn.split('@').length - 1;
  if (ats !== 1) {
    const bad = firstRejected(upn.replace(/@/g, ''), isUpnPrefixChar);
    if (bad)
      add(
        'character',
        `contains ${describeChar(bad)}; allowed: ${UPN_PREFIX_ALLOWED}`,
        SOURCES.usernamePolicy,
      );
    add('format', `must contain exactly one @ (has ${ats})`, SOURCES.usernamePolicy);
    return out;
  }
  const at = upn.indexOf('@');
  const prefix = upn.slice(0, at);
  const suffix = upn.slice(at + 1);
  const badPrefix = firstRejected(prefix, isUpnPrefixChar);
  const badSuffix = badPrefix ? null : firstRejected(suffix, (c) => SUFFIX_CHAR.test(c));
  if (badPrefix || badSuffix) {
    const where = badPrefix ? 'before' : 'after';
    const allowed = badPrefix ? UPN_PREFIX_ALLOWED : 'letters, digits, - and .';
    add(
      'character',
      `contains ${describeChar((badPrefix ?? badSuffix)!)} ${where} the @; allowed: ${allowed}`,
      badPrefix ? SOURCES.usernamePolicy : SOURCES.prepareDirSync,
    );
  }
  const prefixLength = [...prefix].length;
  const suffixLength = [...suffix].length;
  if (prefixLength === 0) add('format', 'has nothing before the @', SOURCES.prepareDirSync);
  if (prefixLength > UPN_PREFIX_MAX)
    add(
      'length',
      `has ${prefixLength} characters before the @; at most ${UPN_PREFIX_MAX}`,
      SOURCES.usernamePolicy,
    );
  if (suffixLength > UPN_SUFFIX_MAX)
    add(
      'length',
      `has ${suffixLength} characters after the @; at most ${UPN_SUFFIX_MAX}`,
      SOURCES.usernamePolicy,
    );
  if (prefix.endsWith('.')) add('format', 'has a period right before the @', SOURCES.usernamePolicy);
  // The documents are silent on a leading or doubled period; IdFix's RFC 2822 check refuses them.
  else if (!badPrefix && (prefix.startsWith('.') || prefix.includes('..')))
    add('format', 'starts with a period or has two periods in a row before the @', SOURCES.idfix);
  if (!badSuffix && !isDomainName(suffix))
    add('domain', `"${suffix}" is not a domain name (label.label…)`, SOURCES.prepareDirSync);
  return out;
}

/** True when the UPN passes every documented rule (its suffix may still be unverified). */
export function isValidUpn(upn: string): boolean {
  return checkUpn(upn).length === 0;
}
