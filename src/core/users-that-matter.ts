// The cloud users whose directory roles a diagnosis needs: those the AD user's UPN (or its name
// part, for an unverified suffix) or primary SMTP address points at, and the holder of the
// expected anchor. Shared by the Graph read and the scan so both ask for the same roles.
import { addressKey, primarySmtp, smtpAddresses } from './proxy-addresses.js';
import type { CloudUser, OnPremObject } from './snapshot.js';

export function usersThatMatter(user: OnPremObject, anchor: string | null, found: CloudUser[]): CloudUser[] {
  const upn = user.userPrincipalName ? addressKey(user.userPrincipalName) : null;
  const upnPrefix = upn?.includes('@') ? `${upn.split('@')[0]}@` : null;
  const primary = primarySmtp(user.proxyAddresses) ?? user.mail;
  const primaryKey = primary ? addressKey(primary) : null;
  return found.filter((c) => {
    const keys = [c.userPrincipalName, c.mail, ...smtpAddresses(c.proxyAddresses)]
      .filter((v): v is string => !!v)
      .map(addressKey);
    return (
      (upn !== null && addressKey(c.userPrincipalName) === upn) ||
      (upnPrefix !== null && addressKey(c.userPrincipalName).startsWith(upnPrefix)) ||
      (primaryKey !== null && keys.includes(primaryKey)) ||
      (anchor !== null && c.onPremisesImmutableId === anchor)
    );
  });
}
