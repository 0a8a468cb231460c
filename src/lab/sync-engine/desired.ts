// What an AD object exports to Entra ID: the values Connect's default sync rules flow out.
import { addressKey } from '../../core/proxy-addresses.js';
import type { LabState, LabTenant } from '../lab-state.js';
import type { ScenarioAdObject } from '../scenario-schema.js';

/**
 * Values to write. `undefined` means "AD has no value, leave the cloud value alone": Connect only
 * overwrites attributes that have a value on-premises.
 */
export interface DesiredValues {
  /** Users only: the UPN after the unverified-suffix rule. */
  userPrincipalName?: string;
  /** The UPN as AD holds it (soft match compares this one). */
  adUserPrincipalName?: string;
  displayName?: string;
  mail?: string;
  mailNickname?: string;
  proxyAddresses?: string[];
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** True when `suffix` is a verified domain of the tenant (the initial domain always is). */
export function isVerifiedSuffix(tenant: LabTenant, suffix: string): boolean {
  const s = addressKey(suffix);
  if (s === addressKey(tenant.initialDomain)) return true;
  // UNVERIFIED: whether a subdomain of a verified domain counts without being added; the lab says no.
  return tenant.domains.some((d) => d.isVerified && addressKey(d.id) === s);
}

/** `prefix@suffix` → [prefix, suffix]; the last @ splits (a quoted local part may hold one). */
export function splitAddress(address: string): [string, string] {
  const at = address.lastIndexOf('@');
  return at < 0 ? [address, ''] : [address.slice(0, at), address.slice(at + 1)];
}

/**
 * The cloud UPN for an AD UPN: unchanged on a verified suffix, else `<prefix>@<initial domain>`
 * (docs/matching-facts.md §2.7).
 */
export function cloudUpnFor(tenant: LabTenant, adUpn: string): string {
  const [prefix, suffix] = splitAddress(adUpn);
  return suffix !== '' && isVerifiedSuffix(tenant, suffix) ? adUpn : `${prefix}@${tenant.initialDomain}`;
}

/** Proxy addresses to export: AD's list; without one, Exchange Online makes `mail` the primary. */
function desiredProxies(obj: ScenarioAdObject): string[] | undefined {
  const list = obj.attributes.proxyAddresses;
  if (Array.isArray(list) && list.length > 0) {
    // Samba accepts values that differ only in case (notes/samba-ad.md); keep the first of each.
    const seen = new Set<string>();
    return list.filter((p) => {
      const k = p.toLowerCase();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
  const mail = text(obj.attributes.mail);
  return mail ? [`SMTP:${mail}`] : undefined;
}

export function desiredUserValues(state: LabState, obj: ScenarioAdObject): DesiredValues {
  const a = obj.attributes;
  // Connect's rule: userPrincipalName, else sAMAccountName@<AD domain FQDN>.
  const sam = text(a.sAMAccountName);
  const adUpn = text(a.userPrincipalName) ?? (sam ? `${sam}@${state.ad.domain}` : undefined);
  return {
    adUserPrincipalName: adUpn,
    userPrincipalName: adUpn ? cloudUpnFor(state.tenant, adUpn) : undefined,
    displayName: text(a.displayName),
    mail: text(a.mail),
    mailNickname: text(a.mailNickname),
    proxyAddresses: desiredProxies(obj),
  };
}

export function desiredRecipientValues(obj: ScenarioAdObject): DesiredValues {
  const a = obj.attributes;
  return {
    displayName: text(a.displayName),
    mail: text(a.mail),
    mailNickname: text(a.mailNickname),
    proxyAddresses: desiredProxies(obj),
  };
}
