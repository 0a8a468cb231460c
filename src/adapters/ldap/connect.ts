// Opens one authenticated, encrypted LDAP connection: LDAPS or StartTLS, certificate verified,
// simple bind. Servers are tried in order when one cannot be reached; a refused password is not
// retried elsewhere (that would only count more failures towards a lockout).
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Client } from 'ldapts';
import { UserFacingError } from '../../core/errors.js';
import { toLdapUserFacingError } from './errors.js';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  parseLdapUrl,
  plainBindRefusal,
  type LdapDirectoryOptions,
  type ParsedUrl,
} from './options.js';

export interface LdapSession {
  client: Client;
  url: string;
}

/** The CA certificates to trust, from `ca` or `caFile`; undefined = the system store. */
export async function loadCa(options: LdapDirectoryOptions): Promise<string[] | undefined> {
  if (options.ca !== undefined) return Array.isArray(options.ca) ? options.ca : [options.ca];
  if (!options.caFile) return undefined;
  let pem: string;
  try {
    pem = await readFile(options.caFile, 'utf8');
  } catch (e) {
    throw new UserFacingError(
      `The CA file ${options.caFile} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
      'LDAP_CA_FILE',
      "Give the path of a PEM file holding the CA that issued the DC's certificate.",
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new UserFacingError(
      `The CA file ${options.caFile} holds no PEM certificate.`,
      'LDAP_CA_FILE',
      'Export the CA certificate as "Base-64 encoded X.509 (.CER)" (it starts with -----BEGIN CERTIFICATE-----).',
    );
  }
  return [pem];
}

function tlsOptions(url: ParsedUrl, ca: string[] | undefined, insecure: boolean): ConnectionOptions {
  return {
    ...(ca ? { ca } : {}),
    rejectUnauthorized: !insecure,
    // Verification checks the certificate against `host` (an IP against IP SANs); SNI takes names only.
    host: url.host,
    ...(isIP(url.host) ? {} : { servername: url.host }),
  };
}

async function openOne(url: ParsedUrl, options: LdapDirectoryOptions, ca: string[] | undefined) {
  const insecure = options.insecureTls === true;
  const client = new Client({
    url: url.url,
    connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    // ldapts speaks TLS from the first byte whenever tlsOptions is set, even for ldap:// URLs:
    // give them only to ldaps:// (StartTLS gets its own below).
    ...(url.secure ? { tlsOptions: tlsOptions(url, ca, insecure) } : {}),
  });
  const ctx = { url: url.url, caFile: options.caFile, bindDn: options.bindDn };
  if (!url.secure) {
    try {
      await client.startTLS(tlsOptions(url, ca, insecure));
    } catch (e) {
      await client.unbind().catch(() => undefined);
      throw toLdapUserFacingError(e, { ...ctx, phase: 'starttls' });
    }
  }
  try {
    await client.bind(options.bindDn, options.password);
  } catch (e) {
    await client.unbind().catch(() => undefined);
    // On ldaps:// the bind opens the socket, so TLS and network failures surface here too; only
    // an LDAP result (a numeric code) means the server itself refused the bind.
    if (typeof (e as { code?: unknown }).code === 'number') {
      throw new BindRefused(toLdapUserFacingError(e, { ...ctx, phase: 'bind' }));
    }
    throw toLdapUserFacingError(e, { ...ctx, phase: 'connect' });
  }
  return client;
}

/** The server answered and refused: trying the next server would not help. */
class BindRefused extends Error {
  constructor(readonly error: UserFacingError) {
    super(error.message);
  }
}

/** Connects and binds to the first server that answers. */
export async function openLdapSession(options: LdapDirectoryOptions): Promise<LdapSession> {
  if (options.urls.length === 0) {
    throw new UserFacingError('No directory server is configured.', 'LDAP_BAD_URL', 'Give ldaps://<dc>.');
  }
  const urls = options.urls.map(parseLdapUrl);
  for (const url of urls) {
    const refusal = plainBindRefusal(url, options.startTls === true);
    if (refusal) throw refusal;
  }
  if (!options.bindDn.trim() || !options.password) {
    throw new UserFacingError(
      'A bind identity and password are needed: AD does not allow anonymous reads.',
      'LDAP_NO_CREDENTIALS',
      'Give the bind identity (UPN, DOMAIN\\user or DN) and its password.',
    );
  }
  const ca = await loadCa(options);
  let last: UserFacingError | undefined;
  for (const url of urls) {
    try {
      return { client: await openOne(url, options, ca), url: url.url };
    } catch (e) {
      if (e instanceof BindRefused) throw e.error;
      last = toLdapUserFacingError(e, { url: url.url, phase: 'connect' });
    }
  }
  throw last!;
}
