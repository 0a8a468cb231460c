// `setup --check`, AD part: the TLS handshake with each server (no password needed for that),
// then the bind, the base DN, the scope OUs and the anchor attribute, each as its own row, so a
// technician sees how far the connection gets.
import { connect, type ConnectionOptions, type PeerCertificate, type TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import { Client, EqualityFilter } from 'ldapts';
import { namingContextOf } from '../../core/dn-domain.js';
import type { AdSettings, ForestSettings } from '../config/index.js';
import { createLdapDirectory } from './ldap-directory.js';
import { RULE_ATTRIBUTES } from './partial-attribute-set.js';
import { loadCa, openLdapSession, type LdapSession } from './connect.js';
import { toLdapUserFacingError } from './errors.js';
import { parseLdapUrl } from './options.js';
import { failedRow, row, type CheckRow } from '../../core/check-row.js';
import { ldapOptions } from './settings-options.js';

const AREA = 'AD';

export async function checkAd(ad: AdSettings, password: () => Promise<string>): Promise<CheckRow[]> {
  const rows: CheckRow[] = [];
  let ca: string[] | undefined;
  try {
    ca = await loadCa(ldapOptions(ad, ''));
  } catch (error) {
    return [failedRow(AREA, 'CA file', error)];
  }
  let anyTls = false;
  for (const url of ad.urls) {
    const result = await probeTls(url, ad, ca);
    rows.push(result);
    if (result.status !== 'failed') anyTls = true;
  }
  if (!anyTls) {
    rows.push(row(AREA, 'Bind', 'skipped', 'No server completed the TLS handshake.'));
    return rows;
  }
  let secret: string;
  try {
    secret = await password();
  } catch (error) {
    rows.push(failedRow(AREA, 'Bind password', error));
    return rows;
  }
  let session: LdapSession;
  try {
    session = await openLdapSession(ldapOptions(ad, secret));
  } catch (error) {
    rows.push(failedRow(AREA, `Bind as ${ad.bindIdentity}`, error));
    return rows;
  }
  rows.push(row(AREA, `Bind as ${ad.bindIdentity}`, 'ok', `Bound on ${session.url}.`));
  try {
    rows.push(...(await readDirectory(session, ad)));
  } finally {
    await session.client.unbind().catch(() => undefined);
  }
  return rows;
}

async function probeTls(raw: string, ad: AdSettings, ca: string[] | undefined): Promise<CheckRow> {
  let url;
  try {
    url = parseLdapUrl(raw);
  } catch (error) {
    return failedRow(AREA, `TLS ${raw}`, error);
  }
  const name = `TLS ${url.url}${url.secure ? '' : ' (StartTLS)'}`;
  const tls = {
    ...(ca ? { ca } : {}),
    rejectUnauthorized: !ad.insecureTls,
    host: url.host,
    ...(isIP(url.host) ? {} : { servername: url.host }),
  };
  try {
    if (url.secure) {
      const port = Number(new URL(url.url).port || 636);
      const socket = await tlsConnect({ ...tls, port }, ad.connectTimeoutMs);
      const detail = describeCertificate(socket);
      socket.destroy();
      return ad.insecureTls
        ? row(
            AREA,
            name,
            'warning',
            `${detail}; the certificate was NOT checked (--insecure-tls).`,
            'Give the CA file instead (--ad-ca-file).',
          )
        : row(AREA, name, 'ok', `${detail}; certificate verified.`);
    }
    const client = new Client({
      url: url.url,
      connectTimeout: ad.connectTimeoutMs,
      timeout: ad.searchTimeoutMs,
    });
    try {
      await client.startTLS(tls);
    } finally {
      await client.unbind().catch(() => undefined);
    }
    return ad.insecureTls
      ? row(
          AREA,
          name,
          'warning',
          'StartTLS worked, but the certificate was NOT checked (--insecure-tls).',
          'Give the CA file instead (--ad-ca-file).',
        )
      : row(AREA, name, 'ok', 'StartTLS worked; certificate verified.');
  } catch (error) {
    return failedRow(
      AREA,
      name,
      toLdapUserFacingError(error, {
        url: url.url,
        phase: url.secure ? 'connect' : 'starttls',
        ...(ad.caFile ? { caFile: ad.caFile } : {}),
      }),
    );
  }
}

function tlsConnect(options: ConnectionOptions, timeoutMs: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(options);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(`connect ETIMEDOUT after ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}

function describeCertificate(socket: TLSSocket): string {
  const cert = socket.getPeerCertificate() as PeerCertificate | undefined;
  const protocol = socket.getProtocol() ?? 'TLS';
  if (!cert || !cert.subject) return protocol;
  const until = cert.valid_to ? `, valid until ${new Date(cert.valid_to).toISOString().slice(0, 10)}` : '';
  return `${protocol}, certificate ${cert.subject.CN ?? '?'} issued by ${cert.issuer?.CN ?? '?'}${until}`;
}

async function readDirectory(session: LdapSession, ad: AdSettings): Promise<CheckRow[]> {
  const rows: CheckRow[] = [];
  let root: Record<string, unknown> = {};
  try {
    const { searchEntries } = await session.client.search('', {
      scope: 'base',
      filter: '(objectClass=*)',
      attributes: ['defaultNamingContext', 'schemaNamingContext'],
    });
    root = searchEntries[0] ?? {};
  } catch (error) {
    rows.push(
      failedRow(
        AREA,
        'Read the rootDSE',
        toLdapUserFacingError(error, { url: session.url, phase: 'search' }),
      ),
    );
    return rows;
  }
  const text = (v: unknown): string | null =>
    Array.isArray(v) ? (v[0] as string) : typeof v === 'string' ? v : null;
  const baseDn = ad.baseDn ?? text(root.defaultNamingContext);
  if (!baseDn) {
    rows.push(
      row(
        AREA,
        'Base DN',
        'failed',
        `${session.url} did not announce its domain (defaultNamingContext).`,
        'Set the base DN (--base-dn).',
      ),
    );
    return rows;
  }
  const exists = async (dn: string): Promise<boolean> => {
    try {
      const { searchEntries } = await session.client.search(dn, {
        scope: 'base',
        filter: '(objectClass=*)',
        attributes: ['objectClass'],
      });
      return searchEntries.length > 0;
    } catch (error) {
      if ((error as { code?: number }).code === 32) return false; // noSuchObject
      throw error;
    }
  };
  try {
    if (await exists(baseDn)) {
      rows.push(
        row(
          AREA,
          'Base DN',
          'ok',
          `${baseDn} ${ad.baseDn ? '(configured) can be read' : '(from the rootDSE)'}.`,
        ),
      );
    } else {
      rows.push(
        row(
          AREA,
          'Base DN',
          'failed',
          `${baseDn} does not exist on ${session.url}.`,
          'Correct the base DN, or leave it empty to use the domain the server announces.',
        ),
      );
    }
    if (ad.scopeOus.length > 0) {
      const missing: string[] = [];
      for (const ou of ad.scopeOus) if (!(await exists(ou))) missing.push(ou);
      rows.push(
        missing.length === 0
          ? row(AREA, 'Scope OUs', 'ok', `All ${ad.scopeOus.length} found.`)
          : row(
              AREA,
              'Scope OUs',
              'failed',
              `Not found: ${missing.join('; ')}.`,
              'Copy the OU DNs from the sync configuration (Synchronization Service Manager > Connectors > AD > Containers).',
            ),
      );
    }
  } catch (error) {
    rows.push(
      failedRow(AREA, 'Base DN', toLdapUserFacingError(error, { url: session.url, phase: 'search', baseDn })),
    );
    return rows;
  }
  const schema = text(root.schemaNamingContext);
  if (schema) {
    try {
      const { searchEntries } = await session.client.search(schema, {
        scope: 'one',
        filter: new EqualityFilter({ attribute: 'lDAPDisplayName', value: ad.anchorAttribute }),
        attributes: ['lDAPDisplayName'],
      });
      rows.push(
        searchEntries.length > 0
          ? row(AREA, 'Anchor attribute', 'ok', `${ad.anchorAttribute} is in the schema.`)
          : row(
              AREA,
              'Anchor attribute',
              'failed',
              `${ad.anchorAttribute} is not an attribute of this directory's schema.`,
              'Use mS-DS-ConsistencyGuid, objectGUID, or the exact name your sync uses as sourceAnchor (--anchor).',
            ),
      );
    } catch (error) {
      rows.push(
        row(AREA, 'Anchor attribute', 'warning', `The schema could not be read: ${(error as Error).message}`),
      );
    }
  }
  return rows;
}

/**
 * `setup --check` for one forest of several (issue 21): its root domain as checkAd does, each other
 * domain's DC, and its Global Catalog (bind, then which of the rules' attributes its partial
 * attribute set holds: those it lacks are read from each domain's DC). Rows are prefixed with the
 * forest's name; the password is asked for once.
 */
export async function checkForest(
  forest: ForestSettings,
  password: () => Promise<string>,
): Promise<CheckRow[]> {
  let cached: Promise<string> | undefined;
  const once = () => (cached ??= password());
  const label = forest.name ?? forest.urls[0] ?? 'forest';
  const prefix = (rows: CheckRow[], where = label) =>
    rows.map((r) => ({ ...r, check: `${where}: ${r.check}` }));
  const rows = prefix(await checkAd(forest, once));
  for (const d of forest.domains) {
    const domain: AdSettings = {
      ...forest,
      urls: d.urls,
      startTls: d.startTls,
      baseDn: d.baseDn ?? namingContextOf(d.name),
      scopeOus: [],
    };
    rows.push(...prefix(await checkAd(domain, once), `${label} / ${d.name}`));
  }
  if (!forest.globalCatalog) {
    rows.push(
      row(
        AREA,
        `${label}: Global Catalog`,
        forest.domains.length > 0 ? 'warning' : 'skipped',
        'No Global Catalog configured: each listed domain is searched on its own DC, and objects in domains not listed are not seen.',
        forest.domains.length > 0 ? 'Add the forest\'s "globalCatalog" (ldaps://<gc>:3269).' : undefined,
      ),
    );
    return rows;
  }
  rows.push(await checkGlobalCatalog(forest, label, once));
  return rows;
}

async function checkGlobalCatalog(
  forest: ForestSettings,
  label: string,
  password: () => Promise<string>,
): Promise<CheckRow> {
  const gc = forest.globalCatalog!;
  const name = `${label}: Global Catalog ${gc.urls.join(', ')}`;
  let directory;
  try {
    const options = ldapOptions({ ...forest, urls: gc.urls, startTls: gc.startTls }, await password());
    const { baseDn: _b, ...rest } = options;
    directory = await createLdapDirectory({
      ...rest,
      baseDn: forest.name ? namingContextOf(forest.name) : (forest.baseDn ?? undefined),
    });
  } catch (error) {
    return failedRow(AREA, name, error);
  }
  try {
    const pas = await directory.partialAttributeSet();
    const held = RULE_ATTRIBUTES.filter((a) => pas.get(a.toLowerCase()) === true);
    const missing = RULE_ATTRIBUTES.filter((a) => pas.get(a.toLowerCase()) !== true);
    return row(
      AREA,
      name,
      'ok',
      `Bound on ${directory.url}. Holds ${held.join(', ')}; not ${missing.join(', ')} (searched and read on each domain's DC).`,
    );
  } catch (error) {
    return failedRow(AREA, name, error);
  } finally {
    await directory.close();
  }
}
