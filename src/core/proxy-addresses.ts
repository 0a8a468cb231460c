// proxyAddresses values: `SMTP:primary@x`, `smtp:secondary@x`, `X500:/o=…`, `SIP:…` (docs/matching-facts.md §2, §3).
// The prefix's case carries meaning (upper-case SMTP = primary); the address part compares
// case-insensitively everywhere (AD and Exchange treat it so).

/** One parsed proxy address. */
export interface ProxyAddress {
  /** The value as stored. */
  raw: string;
  /** Prefix as stored (`SMTP`, `smtp`, `X500`…), or null when the value has none. */
  prefix: string | null;
  /** Prefix upper-cased: the address type. */
  type: string | null;
  /** The part after the colon. */
  address: string;
  /** `SMTP:` with an upper-case prefix. */
  isPrimary: boolean;
  isSmtp: boolean;
}

const PREFIX_RE = /^([A-Za-z0-9]{1,9}):(.*)$/s;

/** Parses one value; a value without a prefix keeps prefix null (IdFix flags it). */
export function parseProxyAddress(raw: string): ProxyAddress {
  const m = PREFIX_RE.exec(raw);
  if (!m) return { raw, prefix: null, type: null, address: raw, isPrimary: false, isSmtp: false };
  const prefix = m[1]!;
  const type = prefix.toUpperCase();
  return {
    raw,
    prefix,
    type,
    address: m[2]!,
    isPrimary: prefix === 'SMTP',
    isSmtp: type === 'SMTP',
  };
}

/** Case-insensitive key for an address part (and for UPNs and mail). */
export function addressKey(address: string): string {
  return address.trim().toLowerCase();
}

/** The primary SMTP address (without prefix), or null. */
export function primarySmtp(values: readonly string[] | null | undefined): string | null {
  for (const v of values ?? []) {
    const p = parseProxyAddress(v);
    if (p.isPrimary) return p.address;
  }
  return null;
}

/** Every SMTP address (primary first), without prefixes, de-duplicated case-insensitively. */
export function smtpAddresses(values: readonly string[] | null | undefined): string[] {
  const parsed = (values ?? []).map(parseProxyAddress).filter((p) => p.isSmtp);
  parsed.sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of parsed) {
    const k = addressKey(p.address);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(p.address);
    }
  }
  return out;
}

/** True when `values` contains an SMTP address equal to `address` (case-insensitive). */
export function hasSmtpAddress(values: readonly string[] | null | undefined, address: string): boolean {
  const k = addressKey(address);
  return (values ?? []).some((v) => {
    const p = parseProxyAddress(v);
    return p.isSmtp && addressKey(p.address) === k;
  });
}

/** Two proxy values are the same address when type and address match, ignoring case. */
export function sameProxyAddress(a: string, b: string): boolean {
  const pa = parseProxyAddress(a);
  const pb = parseProxyAddress(b);
  return pa.type === pb.type && addressKey(pa.address) === addressKey(pb.address);
}

/**
 * A user's UPN, mail and SMTP addresses, each once (compared case-insensitively), trimmed, blanks
 * left out: the values every duplicate lookup (LDAP, Graph, the lab, the scan) searches for.
 */
export function userAddresses(user: {
  userPrincipalName: string | null;
  mail: string | null;
  proxyAddresses: readonly string[] | null;
}): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of [user.userPrincipalName, user.mail, ...smtpAddresses(user.proxyAddresses)]) {
    if (!v || !v.trim()) continue;
    const k = addressKey(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v.trim());
    }
  }
  return out;
}
