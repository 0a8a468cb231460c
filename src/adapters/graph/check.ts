// `setup --check`, Microsoft Graph part: sign in with the profile's method, read /domains, and
// compare the permissions the token carries (scp for a person, roles for an app) with what the
// run needs, naming each missing one and what it is for.
import { decodeTokenClaims, permissionStatus } from '../auth/index.js';
import type { TenantSettings } from '../config/index.js';
import { fromClientError } from './errors.js';
import { failedRow, row, type CheckRow } from '../../core/check-row.js';
import { openGraphSession, signInNow, type GraphSessionOptions } from './session.js';

const AREA = 'Graph';

interface DomainRow {
  id: string;
  isVerified?: boolean;
  isDefault?: boolean;
  isInitial?: boolean;
  authenticationType?: string;
}

export async function checkGraph(tenant: TenantSettings, options: GraphSessionOptions): Promise<CheckRow[]> {
  const rows: CheckRow[] = [];
  const signInName = `Sign-in (${tenant.signIn})`;
  let session;
  let token: string;
  try {
    session = await openGraphSession(tenant, options);
    if (session.signIn.delegated && session.signIn.method !== 'azure-cli') await signInNow(session);
    const access = await session.signIn.credential.getToken(session.signIn.scopes);
    if (!access) throw new Error('The sign-in returned no access token.');
    token = access.token;
  } catch (error) {
    rows.push(failedRow(AREA, signInName, error));
    rows.push(row(AREA, 'Read /domains', 'skipped', 'No sign-in.'));
    return rows;
  }
  const claims = decodeTokenClaims(token);
  const who = claims?.user
    ? `as ${claims.user}`
    : `as the app ${claims?.appId ?? tenant.clientId ?? ''}`.trim();
  rows.push(
    row(
      AREA,
      signInName,
      'ok',
      `Token acquired ${who}${claims?.tenantId ? ` in tenant ${claims.tenantId}` : ''}${session.signIn.method !== tenant.signIn ? ` (by ${session.signIn.method})` : ''}.`,
    ),
  );
  try {
    const answer = (await session.connection.client
      .api('/domains')
      .select('id,isVerified,isDefault,isInitial,authenticationType')
      .get()) as { value?: DomainRow[] };
    const domains = answer.value ?? [];
    const shown = domains
      .slice(0, 6)
      .map(
        (d) =>
          `${d.id}${d.isDefault ? ' (default)' : ''}${d.authenticationType === 'Federated' ? ' (federated)' : ''}${d.isVerified === false ? ' (unverified)' : ''}`,
      );
    rows.push(
      row(
        AREA,
        'Read /domains',
        'ok',
        `${domains.length} domain(s): ${shown.join(', ')}${domains.length > 6 ? ', …' : ''}.`,
      ),
    );
  } catch (error) {
    rows.push(failedRow(AREA, 'Read /domains', fromClientError(error, { operation: 'read-domains' })));
  } finally {
    await session.connection.close();
  }
  rows.push(permissionsRow(claims, { readOnly: options.readOnly, delegated: session.signIn.delegated }));
  return rows;
}

function permissionsRow(
  claims: ReturnType<typeof decodeTokenClaims>,
  options: { readOnly: boolean; delegated: boolean },
): CheckRow {
  const name = options.readOnly ? 'Permissions (read-only)' : 'Permissions';
  if (!claims) {
    return row(
      AREA,
      name,
      'warning',
      'The access token could not be read, so the granted permissions are unknown.',
    );
  }
  const granted = [...claims.scopes, ...claims.roles];
  const status = permissionStatus(granted, options);
  const missing = status.filter((p) => !p.granted && !p.unavailable);
  const unavailable = status.filter((p) => p.unavailable);
  const kind = claims.kind === 'app' ? 'application permissions (roles)' : 'delegated permissions (scp)';
  if (missing.length > 0) {
    return row(
      AREA,
      name,
      'failed',
      `Missing ${missing.map((p) => `${p.permission} (to ${p.feature})`).join('; ')}. The token has ${kind}: ${granted.join(', ') || 'none'}.`,
      'Add them in the app registration (API permissions > Microsoft Graph) and grant admin consent, then run syncmatch setup --check again.',
    );
  }
  if (unavailable.length > 0) {
    return row(
      AREA,
      name,
      'warning',
      `All granted, but an app cannot read ${unavailable.map((p) => p.feature).join(', ')} (${unavailable.map((p) => p.permission).join(', ')}): the diagnosis skips that check.`,
      'Sign in as a person (device code) when that check matters.',
    );
  }
  return row(AREA, name, 'ok', `All ${status.length} needed are granted (${kind}).`);
}
