// Reads what an access token says about itself (permissions, tenant, who) for `setup --check`.
// Decoding only, no signature check: the token came straight from the authority, and nothing is
// decided on these claims except what to tell the technician.

export interface TokenClaims {
  /** Delegated permissions (scp, space separated in the token). */
  scopes: string[];
  /** Application permissions (roles). */
  roles: string[];
  tenantId: string | null;
  /** The signed-in person (upn / preferred_username) or null for an app. */
  user: string | null;
  /** The application id that asked for the token. */
  appId: string | null;
  /** "app" for an application token, "user" for a delegated one. */
  kind: 'app' | 'user';
  expiresAt: Date | null;
}

export function decodeTokenClaims(token: string): TokenClaims | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  const text = (k: string): string | null => (typeof claims[k] === 'string' ? (claims[k] as string) : null);
  const scopes = (text('scp') ?? '').split(' ').filter(Boolean);
  const roles = Array.isArray(claims.roles)
    ? claims.roles.filter((r): r is string => typeof r === 'string')
    : [];
  const user = text('upn') ?? text('preferred_username') ?? text('unique_name');
  const idtyp = text('idtyp');
  const kind = idtyp === 'app' || (scopes.length === 0 && !user) ? 'app' : 'user';
  return {
    scopes,
    roles,
    tenantId: text('tid'),
    user,
    appId: text('appid') ?? text('azp'),
    kind,
    expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
  };
}
