// The cloud UPN Entra Connect exports for an AD UPN: unchanged on a verified domain of the tenant,
// otherwise replaced by one on the initial domain (the "unverified suffix" rule).
// https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/howto-troubleshoot-upn-changes
// One function for the lab's sync engine, the forecast and the rules, so they cannot disagree.
// Today's prediction: `<UPN prefix>@<initial domain>`.

export interface UpnSources {
  userPrincipalName: string;
  mailNickname?: string;
  proxyAddresses?: readonly string[];
  mail?: string;
}

export function predictCloudUpn(
  src: UpnSources,
  isVerifiedSuffix: (suffix: string) => boolean,
  initialDomain: string,
): string {
  const upn = src.userPrincipalName;
  const at = upn.lastIndexOf('@');
  const prefix = at < 0 ? upn : upn.slice(0, at);
  const suffix = at < 0 ? '' : upn.slice(at + 1);
  return suffix !== '' && isVerifiedSuffix(suffix) ? upn : `${prefix}@${initialDomain}`;
}
