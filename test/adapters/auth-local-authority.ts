// A local Microsoft identity platform for sign-in tests: HTTPS on 127.0.0.1 with its own CA, the
// OpenID metadata at /{tenant}/v2.0/.well-known/openid-configuration, the token endpoint
// (client_credentials and device_code grants) and the device authorization endpoint. It records
// every request so a test can see what MSAL sent. It stops itself after a minute in any case.
import { X509Certificate, createVerify } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createLabCertificates } from '../../src/lab/graph-simulator/tls.js';

export interface AuthorityRequest {
  method: string;
  path: string;
  form: Record<string, string>;
}

export interface LocalAuthority {
  /** https://127.0.0.1:PORT */
  host: string;
  ca: string;
  requests: AuthorityRequest[];
  close(): Promise<void>;
}

export interface AuthorityOptions {
  tenant: string;
  clientId: string;
  /** The client secret the app registration holds. */
  clientSecret?: string;
  /** The certificate (PEM) uploaded to the app registration: client assertions must verify with it. */
  certificate?: string;
  /** A fixed access token for client_credentials (so a Graph simulator can be told to accept it). */
  accessToken?: string;
  /** Claims put in the access token's payload. */
  claims?: Record<string, unknown>;
  /** How many device-code polls answer authorization_pending before success. */
  pendingPolls?: number;
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
export const fakeJwt = (payload: Record<string, unknown>): string =>
  `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.sig`;

/** Checks a client assertion (RFC 7523) the way Entra ID does: signature, audience, issuer. */
function checkAssertion(assertion: string, options: AuthorityOptions, tokenEndpoint: string): string | null {
  if (!options.certificate) return 'no certificate is registered';
  const [head, payload, signature] = assertion.split('.');
  if (!head || !payload || !signature) return 'malformed assertion';
  const header = JSON.parse(Buffer.from(head, 'base64url').toString()) as {
    alg: string;
    x5t?: string;
    'x5t#S256'?: string;
  };
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  if (header.alg !== 'RS256' && header.alg !== 'PS256') return `unexpected alg ${header.alg}`;
  const cert = new X509Certificate(options.certificate);
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${head}.${payload}`);
  const ok = verifier.verify(
    header.alg === 'PS256' ? { key: cert.publicKey, padding: 6, saltLength: 32 } : cert.publicKey,
    Buffer.from(signature, 'base64url'),
  );
  if (!ok) return 'signature does not verify with the registered certificate';
  if (claims.aud !== tokenEndpoint) return `audience ${String(claims.aud)}`;
  if (claims.iss !== options.clientId || claims.sub !== options.clientId)
    return 'issuer/subject is not the client id';
  return null;
}

export async function startLocalAuthority(options: AuthorityOptions): Promise<LocalAuthority> {
  // Its own CA, named apart from the Graph simulator's (both may be trusted in one run).
  const certs = await createLabCertificates('syncmatch test identity platform CA');
  const requests: AuthorityRequest[] = [];
  let base = '';
  let polls = 0;
  const server: Server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const form = Object.fromEntries(new URLSearchParams(body));
      requests.push({ method: req.method ?? '', path: url.pathname, form });
      const send = (status: number, value: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const t = options.tenant;
      if (url.pathname === `/${t}/v2.0/.well-known/openid-configuration`) {
        return send(200, {
          token_endpoint: `${base}/${t}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/${t}/oauth2/v2.0/authorize`,
          device_authorization_endpoint: `${base}/${t}/oauth2/v2.0/devicecode`,
          end_session_endpoint: `${base}/${t}/oauth2/v2.0/logout`,
          issuer: `${base}/${t}/v2.0`,
          jwks_uri: `${base}/${t}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        });
      }
      if (url.pathname === `/${t}/oauth2/v2.0/devicecode`) {
        return send(200, {
          user_code: 'LOCAL-CODE',
          device_code: 'device-code-123',
          verification_uri: `${base}/devicelogin`,
          expires_in: 900,
          interval: 1,
          message: `To sign in, use a web browser to open the page ${base}/devicelogin and enter the code LOCAL-CODE to authenticate.`,
        });
      }
      if (url.pathname === `/${t}/oauth2/v2.0/token`) {
        if (form.client_id !== options.clientId) {
          return send(400, {
            error: 'unauthorized_client',
            error_description: `AADSTS700016: Application with identifier '${form.client_id}' was not found in the directory.`,
          });
        }
        const now = Math.floor(Date.now() / 1000);
        if (form.grant_type === 'client_credentials') {
          if (form.client_assertion) {
            const problem = checkAssertion(form.client_assertion, options, `${base}/${t}/oauth2/v2.0/token`);
            if (problem)
              return send(401, { error: 'invalid_client', error_description: `AADSTS700027: ${problem}` });
          } else if (form.client_secret !== options.clientSecret) {
            return send(401, {
              error: 'invalid_client',
              error_description: 'AADSTS7000215: Invalid client secret provided.',
            });
          }
          const access =
            options.accessToken ??
            fakeJwt({
              aud: 'https://graph.microsoft.com',
              tid: 'tenant-guid',
              idtyp: 'app',
              appid: options.clientId,
              exp: now + 3600,
              ...options.claims,
            });
          return send(200, {
            token_type: 'Bearer',
            expires_in: 3599,
            ext_expires_in: 3599,
            access_token: access,
          });
        }
        if (
          form.grant_type === 'device_code' ||
          form.grant_type === 'urn:ietf:params:oauth:grant-type:device_code'
        ) {
          if (polls++ < (options.pendingPolls ?? 0)) {
            return send(400, { error: 'authorization_pending', error_description: 'AADSTS70016: pending' });
          }
          const uid = '00000000-0000-0000-0000-0000000000aa';
          const utid = '00000000-0000-0000-0000-0000000000bb';
          const idToken = fakeJwt({
            aud: options.clientId,
            iss: `${base}/${t}/v2.0`,
            tid: utid,
            oid: uid,
            preferred_username: 'tech@contoso.com',
            name: 'Tech',
            iat: now,
            nbf: now,
            exp: now + 3600,
            ver: '2.0',
          });
          const access =
            options.accessToken ??
            fakeJwt({
              aud: 'https://graph.microsoft.com',
              tid: utid,
              upn: 'tech@contoso.com',
              appid: options.clientId,
              exp: now + 3600,
              scp: String(form.scope ?? '')
                .split(' ')
                .map((s) => s.replace('https://graph.microsoft.com/', ''))
                .filter((s) => !['openid', 'profile', 'offline_access'].includes(s))
                .join(' '),
              ...options.claims,
            });
          return send(200, {
            token_type: 'Bearer',
            scope: form.scope,
            expires_in: 3599,
            ext_expires_in: 3599,
            access_token: access,
            refresh_token: 'refresh-token-local',
            id_token: idToken,
            client_info: b64url({ uid, utid }),
          });
        }
        return send(400, { error: 'unsupported_grant_type', error_description: `grant ${form.grant_type}` });
      }
      send(404, { error: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stopper = setTimeout(() => server.close(), 60_000);
  stopper.unref();
  return {
    host: base,
    ca: certs.ca,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(stopper);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
