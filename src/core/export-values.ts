// What an AD object exports to Entra ID: the values Entra Connect's default sync rules flow out
// ("In from AD – User Common", "Out to AAD – User Identity"). Pure, and the one code path for the
// lab's sync engine (lab/sync-engine/desired.ts) and the fix's forecast (sync-forecast.ts).
// https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/concept-azure-ad-connect-sync-default-configuration
import { cloudAlias } from './attributes/alias.js';
import { isBlank } from './attributes/problem.js';
import { addressKey } from './proxy-addresses.js';
import { predictCloudUpn } from './unverified-upn.js';

/** The AD values an export reads (raw: blanks and spaces are dealt with here). */
export interface ExportSource {
  sAMAccountName?: string | null;
  userPrincipalName?: string | null;
  displayName?: string | null;
  mail?: string | null;
  mailNickname?: string | null;
  proxyAddresses?: readonly string[] | null;
}

/** How the tenant names things: its initial domain and which suffixes it has verified. */
export interface TenantNaming {
  initialDomain: string;
  isVerifiedSuffix(suffix: string): boolean;
}

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
function text(v: string | null | undefined): string | undefined {
  return typeof v === 'string' && !isBlank(v) ? v : undefined;
}

/** The alias Exchange Online stores (invalid characters become "_"; src/core/attributes/alias.ts). */
function alias(v: string | null | undefined): string | undefined {
  const raw = text(v);
  return raw === undefined ? undefined : cloudAlias(raw);
}

/** `prefix@suffix` → [prefix, suffix]; the last @ splits (a quoted local part may hold one). */
export function splitAddress(address: string): [string, string] {
  const at = address.lastIndexOf('@');
  return at < 0 ? [address, ''] : [address.slice(0, at), address.slice(at + 1)];
}

/** A tenant's naming from its domain list; the initial domain is always verified. */
export function tenantNaming(
  initialDomain: string,
  domains: readonly { id: string; isVerified: boolean }[],
): TenantNaming {
  const verified = new Set(domains.filter((d) => d.isVerified).map((d) => addressKey(d.id)));
  verified.add(addressKey(initialDomain));
  // UNVERIFIED: whether a subdomain of a verified domain counts without being added; this says no.
  return { initialDomain, isVerifiedSuffix: (suffix) => verified.has(addressKey(suffix)) };
}

/** The cloud UPN for an AD UPN (the unverified-suffix rule). */
export function cloudUpnFor(naming: TenantNaming, adUpn: string, src: ExportSource = {}): string {
  return predictCloudUpn(
    {
      userPrincipalName: adUpn,
      mailNickname: text(src.mailNickname),
      proxyAddresses: src.proxyAddresses ?? undefined,
      mail: text(src.mail),
    },
    (s) => naming.isVerifiedSuffix(s),
    naming.initialDomain,
  );
}

/** Proxy addresses to export: AD's list; without one, Exchange Online makes `mail` the primary. */
function desiredProxies(src: ExportSource): string[] | undefined {
  const list = src.proxyAddresses;
  if (list && list.length > 0) {
    // Samba accepts values that differ only in case (notes/samba-ad.md); keep the first of each.
    const seen = new Set<string>();
    return list.filter((p) => {
      const k = p.toLowerCase();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
  const mail = text(src.mail);
  return mail ? [`SMTP:${mail}`] : undefined;
}

/** A user's export. `adDomain` is the AD domain's DNS name (for the sAMAccountName@domain fallback). */
export function desiredUserValues(src: ExportSource, adDomain: string, naming: TenantNaming): DesiredValues {
  // Connect's rule: userPrincipalName, else sAMAccountName@<AD domain FQDN>. A UPN of spaces is
  // present (and invalid), so it is exported as it is.
  const sam = src.sAMAccountName ? src.sAMAccountName : undefined;
  const adUpn = src.userPrincipalName ? src.userPrincipalName : sam ? `${sam}@${adDomain}` : undefined;
  return {
    adUserPrincipalName: adUpn,
    userPrincipalName: adUpn
      ? cloudUpnFor(naming, adUpn, { ...src, proxyAddresses: desiredProxies(src) ?? null })
      : undefined,
    displayName: text(src.displayName),
    mail: text(src.mail),
    mailNickname: alias(src.mailNickname),
    proxyAddresses: desiredProxies(src),
  };
}

/** A group's or contact's export. */
export function desiredRecipientValues(src: ExportSource): DesiredValues {
  return {
    displayName: text(src.displayName),
    mail: text(src.mail),
    mailNickname: alias(src.mailNickname),
    proxyAddresses: desiredProxies(src),
  };
}

/** The AD domain's DNS name from a DN's DC= components (CN=x,OU=y,DC=contoso,DC=local → contoso.local). */
export function domainOfDn(dn: string): string {
  return dn
    .split(/(?<!\\),/)
    .map((r) => r.trim())
    .filter((r) => /^dc=/i.test(r))
    .map((r) => r.slice(3).trim())
    .join('.');
}
