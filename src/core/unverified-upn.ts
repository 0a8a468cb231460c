// The cloud UPN of a synced user (Microsoft Entra Connect, "Microsoft Entra UserPrincipalName
// population", https://learn.microsoft.com/entra/identity/hybrid/connect/plan-connect-userprincipalname):
// the on-premises UPN when its suffix is a verified domain and the value is valid; otherwise
// "Microsoft Entra ID calculates a new UPN based on the Microsoft Entra MailNickName attribute value
// as the prefix, and the Microsoft Entra initial domain as the domain suffix" (the MOERA). On first
// sync MailNickName is the first of: the on-premises mailNickname, the primary SMTP address's
// prefix, mail's prefix, the UPN's prefix, a secondary smtp address's prefix.
import { cloudAlias } from './attributes/alias.js';
import { isUpnPrefixChar, isValidUpn, UPN_PREFIX_MAX } from './attributes/upn.js';
import { isBlank } from './attributes/problem.js';
import { parseProxyAddress } from './proxy-addresses.js';

export interface UpnSources {
  userPrincipalName: string;
  mailNickname?: string;
  proxyAddresses?: readonly string[];
  mail?: string;
}

function prefixOf(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const at = address.lastIndexOf('@');
  const prefix = at < 0 ? address : address.slice(0, at);
  return isBlank(prefix) ? undefined : prefix;
}

/** The cloud's MailNickName for a user synced for the first time, in Microsoft's order. */
export function predictMailNickname(src: UpnSources): string {
  const proxies = (src.proxyAddresses ?? []).map(parseProxyAddress).filter((p) => p.isSmtp);
  const nickname =
    src.mailNickname !== undefined && !isBlank(src.mailNickname) ? cloudAlias(src.mailNickname) : undefined;
  return (
    nickname ??
    prefixOf(proxies.find((p) => p.isPrimary)?.address) ??
    prefixOf(src.mail) ??
    prefixOf(src.userPrincipalName) ??
    prefixOf(proxies.find((p) => !p.isPrimary)?.address) ??
    // UNVERIFIED: a user with none of these values (Connect needs a UPN or sAMAccountName anyway).
    'user'
  );
}

/**
 * A prefix as it can stand before the @ of a UPN. UNVERIFIED: Microsoft says only that "Unicode is
 * converted to underscore characters" (Prepare for directory synchronization); every character
 * the username policy refuses becomes "_" here, and the result is cut to 64 characters.
 */
function asUpnPrefix(prefix: string): string {
  const chars = [...prefix].map((c) => (isUpnPrefixChar(c) ? c : '_')).slice(0, UPN_PREFIX_MAX);
  if (chars.at(-1) === '.') chars[chars.length - 1] = '_';
  return chars.join('');
}

/**
 * The UPN the cloud user gets: unchanged when the suffix is verified and the value passes the
 * username policy; otherwise `<MailNickName>@<initialDomain>` (Microsoft's order above).
 */
export function predictCloudUpn(
  src: UpnSources,
  isVerifiedSuffix: (suffix: string) => boolean,
  initialDomain: string,
): string {
  const upn = src.userPrincipalName;
  const at = upn.lastIndexOf('@');
  const suffix = at < 0 ? '' : upn.slice(at + 1);
  // "Any invalid characters (for example, white space, line break, etc.) present in the on-premises
  // UserPrincipalName invalidates the synchronized UPN value" (same page).
  if (suffix !== '' && isVerifiedSuffix(suffix) && isValidUpn(upn)) return upn;
  return `${asUpnPrefix(predictMailNickname(src))}@${initialDomain}`;
}
