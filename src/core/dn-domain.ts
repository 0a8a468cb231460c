// The DNS domain an AD object lives in, from its DN: the trailing DC= parts, joined by dots
// (CN=John,OU=Staff,DC=child,DC=lab,DC=example → child.lab.example). The lab and the LDAP adapter
// both fill OnPremObject.domain this way (issue 21). A domain's naming context is
// DC=<label>,… for each label of its DNS name:
//   https://learn.microsoft.com/en-us/windows/win32/ad/naming-contexts-and-partitions
import { parseDn } from './dn.js';

/** The lower-cased DNS name of the DN's domain; null when the DN is not one or has no DC= part. */
export function dnsDomainOfDn(dn: string): string | null {
  const parsed = parseDn(dn);
  if (!parsed) return null;
  const labels: string[] = [];
  for (let i = parsed.length - 1; i >= 0 && parsed[i]!.type === 'dc'; i--) {
    labels.unshift(parsed[i]!.value.trim().toLowerCase());
  }
  return labels.length > 0 ? labels.join('.') : null;
}

/** The naming context (DC=…,DC=…) of a DNS domain name: lab.example → DC=lab,DC=example. */
export function namingContextOf(dnsDomain: string): string {
  return dnsDomain
    .trim()
    .replace(/\.$/, '')
    .split('.')
    .map((label) => `DC=${label}`)
    .join(',');
}
