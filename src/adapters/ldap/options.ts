// What the LDAP adapter needs to reach AD, checked before any connection is opened.
import type { AnchorAttribute } from '../../core/snapshot.js';
import { UserFacingError } from '../../core/errors.js';

export interface LdapDirectoryOptions {
  /** One or more servers, tried in order: `ldaps://dc01.contoso.com` or `ldap://…` with startTls. */
  urls: string[];
  /** Upgrade `ldap://` connections with StartTLS (required for them: see plainBindRefusal). */
  startTls?: boolean;
  /** PEM file of the CA that issued the DC's certificate. */
  caFile?: string;
  /** The same as PEM text (takes precedence over caFile). */
  ca?: string | string[];
  /** UPN (svc@contoso.com), `DOMAIN\user` or a DN. */
  bindDn: string;
  password: string;
  /** Search base; read from the rootDSE (defaultNamingContext) when omitted. */
  baseDn?: string;
  /** sourceAnchor attribute: mS-DS-ConsistencyGuid (default), objectGUID, or a string attribute. */
  anchorAttribute?: AnchorAttribute;
  connectTimeoutMs?: number;
  timeoutMs?: number;
  /** Labs only: skip certificate verification (the caller prints the warning). */
  insecureTls?: boolean;
  /** Page size of the related-objects search and the scan (default 500). */
  pageSize?: number;
  /** The forest's root domain DNS name, set on every object read (issue 21); read from the
   *  rootDSE (rootDomainNamingContext) when omitted. */
  forest?: string;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_PAGE_SIZE = 500;

/** The anchor as the adapter uses it: a known binary attribute, or a string one. */
export type AnchorKind =
  | { kind: 'consistencyGuid'; attribute: 'mS-DS-ConsistencyGuid' }
  | { kind: 'objectGuid'; attribute: 'objectGUID' }
  | { kind: 'custom'; attribute: string };

const ATTRIBUTE_NAME = /^(?:[A-Za-z][A-Za-z0-9-]{0,63}|\d+(?:\.\d+)+)$/;

export function resolveAnchor(attribute: AnchorAttribute | undefined): AnchorKind {
  const a = (attribute ?? 'mS-DS-ConsistencyGuid').trim();
  if (a.toLowerCase() === 'ms-ds-consistencyguid') {
    return { kind: 'consistencyGuid', attribute: 'mS-DS-ConsistencyGuid' };
  }
  if (a.toLowerCase() === 'objectguid') return { kind: 'objectGuid', attribute: 'objectGUID' };
  if (!ATTRIBUTE_NAME.test(a)) {
    throw new UserFacingError(
      `"${a}" is not an LDAP attribute name.`,
      'LDAP_BAD_ANCHOR',
      'Use mS-DS-ConsistencyGuid, objectGUID, or the name of the attribute your sync uses (e.g. employeeID).',
    );
  }
  return { kind: 'custom', attribute: a };
}

export interface ParsedUrl {
  url: string;
  secure: boolean;
  host: string;
}

export function parseLdapUrl(raw: string): ParsedUrl {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new UserFacingError(
      `"${raw}" is not an LDAP URL.`,
      'LDAP_BAD_URL',
      'Write it as ldaps://dc01.contoso.com (port 636) or ldap://dc01.contoso.com with StartTLS.',
    );
  }
  if (u.protocol !== 'ldaps:' && u.protocol !== 'ldap:') {
    throw new UserFacingError(
      `"${raw}" uses ${u.protocol}; the directory URL must start with ldaps:// or ldap://.`,
      'LDAP_BAD_URL',
    );
  }
  if (u.pathname.length > 1 || u.search) {
    throw new UserFacingError(
      `"${raw}" has a path or query; give only the server (the base DN is a separate setting).`,
      'LDAP_BAD_URL',
    );
  }
  // URL keeps IPv6 literals in brackets; TLS verification wants the bare address.
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  return { url: `${u.protocol}//${u.host}`, secure: u.protocol === 'ldaps:', host };
}

/**
 * A simple bind over plain ldap:// would send the password in clear text; AD refuses it anyway
 * ("BindSimple: Transport encryption required"). Refuse before connecting, with the reason.
 */
export function plainBindRefusal(url: ParsedUrl, startTls: boolean): UserFacingError | null {
  if (url.secure || startTls) return null;
  return new UserFacingError(
    `Refusing to send the password over plain ${url.url}: without TLS it would cross the network in clear text, and AD refuses such a bind anyway ("BindSimple: Transport encryption required").`,
    'LDAP_PLAIN_BIND_REFUSED',
    `Use ldaps://${url.host}:636, or keep ldap:// and turn on StartTLS.`,
  );
}
