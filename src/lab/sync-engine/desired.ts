// What an AD object exports to Entra ID: the values Connect's default sync rules flow out, as
// the cloud stores them (a UPN the cloud replaces, an alias with its invalid characters replaced).
import { cloudAlias } from '../../core/attributes/alias.js';
import { isBlank } from '../../core/attributes/problem.js';
import { addressKey } from '../../core/proxy-addresses.js';
import { predictCloudUpn, type UpnSources } from '../../core/unverified-upn.js';
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

/** A value as AD holds it; a blank one is not exported (UNVERIFIED: the lab's reading). */
function text(v: unknown): string | undefined {
  return typeof v === 'string' && !isBlank(v) ? v : undefined;
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
 * The cloud UPN for an AD UPN: unchanged when valid on a verified suffix, else
 * `<MailNickName>@<initial domain>` in Microsoft's order (src/core/unverified-upn.ts). UNVERIFIED
 * simplification: the lab recomputes it on every run, where the service recomputes it only when the
 * on-premises UPN changes.
 */
export function cloudUpnFor(
  tenant: LabTenant,
  adUpn: string,
  others: Omit<UpnSources, 'userPrincipalName'> = {},
): string {
  return predictCloudUpn(
    { ...others, userPrincipalName: adUpn },
    (suffix) => isVerifiedSuffix(tenant, suffix),
    tenant.initialDomain,
  );
}

/** The alias Exchange Online stores (invalid characters become "_"; src/core/attributes/alias.ts). */
function alias(v: unknown): string | undefined {
  const raw = text(v);
  return raw === undefined ? undefined : cloudAlias(raw);
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
  // Connect's rule: userPrincipalName, else sAMAccountName@<AD domain FQDN>. A UPN of spaces is
  // present (and invalid), so it is exported as it is.
  const sam = a.sAMAccountName ? a.sAMAccountName : undefined;
  const adUpn = a.userPrincipalName ? a.userPrincipalName : sam ? `${sam}@${state.ad.domain}` : undefined;
  const mail = text(a.mail);
  const proxyAddresses = desiredProxies(obj);
  const nickname = text(a.mailNickname);
  return {
    adUserPrincipalName: adUpn,
    userPrincipalName: adUpn
      ? cloudUpnFor(state.tenant, adUpn, { mailNickname: nickname, proxyAddresses, mail })
      : undefined,
    displayName: text(a.displayName),
    mail,
    mailNickname: alias(a.mailNickname),
    proxyAddresses,
  };
}

export function desiredRecipientValues(obj: ScenarioAdObject): DesiredValues {
  const a = obj.attributes;
  return {
    displayName: text(a.displayName),
    mail: text(a.mail),
    mailNickname: alias(a.mailNickname),
    proxyAddresses: desiredProxies(obj),
  };
}
