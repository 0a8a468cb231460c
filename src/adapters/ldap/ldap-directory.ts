// The OnPremDirectory port over LDAP (ldapts): one search to find the user, one to find what else
// holds its values. Binds once; reconnects (TLS + bind again) if the DC dropped an idle connection.
import {
  InvalidDNSyntaxError,
  NoSuchObjectError,
  ResultCodeError,
  type Entry,
  type SearchOptions,
} from 'ldapts';
import type { Filter } from 'ldapts';
import { requireDn } from '../../core/dn.js';
import { UsageError, UserFacingError } from '../../core/errors.js';
import { preview } from '../../core/identifiers.js';
import type { IdentityQuery } from '../../core/identity-input.js';
import type { OnPremObject } from '../../core/snapshot.js';
import { dnsDomainOfDn } from '../../core/dn-domain.js';
import type { OnPremDirectory, OnPremWriter } from '../../ports.js';
import { openLdapSession, type LdapSession } from './connect.js';
import { toLdapUserFacingError } from './errors.js';
import { guidFilter, identityFilter, relatedFilter, userFilter } from './filters.js';
import { BINARY_ATTRIBUTES, requestedAttributes, toOnPremObject } from './map-entry.js';
import { DEFAULT_PAGE_SIZE, resolveAnchor, type AnchorKind, type LdapDirectoryOptions } from './options.js';
import { readPartialAttributeSet, type PartialAttributeSet } from './partial-attribute-set.js';
import { searchUsersPaged } from './search-users.js';
import { consistencyGuidChange, toLdapWriteError } from './write-consistency-guid.js';

export interface LdapDirectory extends OnPremDirectory, OnPremWriter {
  /** The server this session is bound to. */
  readonly url: string;
  /** The search base (configured, or discovered from the rootDSE). */
  readonly baseDn: string;
  readonly anchor: AnchorKind;
  /** The forest's root domain DNS name (configured, or from the rootDSE's rootDomainNamingContext
   *  when the base DN is discovered, else the base DN's domain). */
  readonly forest: string;
  /** Users, groups and contacts matching `filter` under `base` (default: the base DN; '' on a
   *  Global Catalog port = the whole forest), paged; `attributes` narrows what is read (the
   *  objects then carry only those: objectClass and objectGUID are always read). */
  searchObjects(filter: Filter, base?: string, attributes?: readonly string[]): Promise<OnPremObject[]>;
  /** Which of the rules' attributes the forest's Global Catalog holds (from the schema). */
  partialAttributeSet(): Promise<PartialAttributeSet>;
  /** Every user under the scope OUs (or the base DN), one array per LDAP page. */
  scanUsers(scope?: readonly string[], pageSize?: number): AsyncGenerator<OnPremObject[]>;
}

function isConnectionLost(e: unknown): boolean {
  if (e instanceof ResultCodeError || !(e instanceof Error)) return false;
  const code = (e as NodeJS.ErrnoException).code;
  return (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /Connection closed before message response|Socket connection not established/.test(e.message)
  );
}

/** What the rootDSE announces: the domain's naming context and the forest root's. */
export async function readRootDse(
  session: LdapSession,
): Promise<{ baseDn: string | null; forestDn: string | null }> {
  const { searchEntries } = await session.client.search('', {
    scope: 'base',
    filter: '(objectClass=*)',
    attributes: ['defaultNamingContext', 'rootDomainNamingContext'],
  });
  const first = (name: string) => {
    const value = searchEntries[0]?.[name];
    const v = Array.isArray(value) ? value[0] : value;
    return typeof v === 'string' && v ? v : null;
  };
  return { baseDn: first('defaultNamingContext'), forestDn: first('rootDomainNamingContext') };
}

/** The base DN AD announces for its domain (rootDSE defaultNamingContext). */
function requireBaseDn(session: LdapSession, dn: string | null): string {
  if (typeof dn !== 'string' || !dn) {
    throw new UserFacingError(
      `${session.url} did not announce a default naming context, so the base DN is unknown.`,
      'LDAP_NO_BASE_DN',
      'Give the base DN explicitly (e.g. DC=contoso,DC=com).',
    );
  }
  return dn;
}

/** Connects, binds and (unless given) discovers the base DN. Throws UserFacingError on failure. */
export async function createLdapDirectory(options: LdapDirectoryOptions): Promise<LdapDirectory> {
  const anchor = resolveAnchor(options.anchorAttribute);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  let session = await openLdapSession(options);
  let baseDn: string;
  let forest: string;
  try {
    const configured = options.baseDn?.trim();
    // The rootDSE is read only when the base DN is not given (as before issue 21); a forest not
    // named then comes from its rootDomainNamingContext, else from the base DN's DC= parts
    // (forest-directory.ts names the forest itself from the rootDSE when it must).
    const root = configured ? null : await readRootDse(session);
    baseDn = configured || requireBaseDn(session, root?.baseDn ?? null);
    forest =
      options.forest?.trim().toLowerCase() ||
      (root?.forestDn ? dnsDomainOfDn(root.forestDn) : null) ||
      dnsDomainOfDn(baseDn) ||
      '';
  } catch (e) {
    await session.client.unbind().catch(() => undefined);
    throw toLdapUserFacingError(e, { url: session.url, phase: 'search' });
  }
  const attributes = requestedAttributes(anchor);

  async function reopen(): Promise<LdapSession> {
    await session.client.unbind().catch(() => undefined);
    session = await openLdapSession(options);
    return session;
  }

  async function live(): Promise<LdapSession> {
    return session.client.isConnected && session.client.isBound ? session : reopen();
  }

  /** Throws what ldapts throws (callers that expect "no such object" look at it). */
  async function rawSearch(base: string, filter: Filter, extra: SearchOptions = {}): Promise<Entry[]> {
    const request: SearchOptions = {
      scope: 'sub',
      filter,
      attributes,
      explicitBufferAttributes: BINARY_ATTRIBUTES,
      ...extra,
    };
    const s = await live();
    try {
      return (await s.client.search(base, request)).searchEntries;
    } catch (e) {
      // A DC (or a firewall) drops idle connections and the socket may not have noticed yet.
      // Reads are idempotent: connect, bind and ask once more.
      if (!isConnectionLost(e)) throw e;
      return (await (await reopen()).client.search(base, request)).searchEntries;
    }
  }

  async function search(base: string, filter: Filter, extra: SearchOptions = {}): Promise<Entry[]> {
    try {
      return await rawSearch(base, filter, extra);
    } catch (e) {
      throw toLdapUserFacingError(e, { url: session.url, phase: 'search', baseDn: base });
    }
  }

  function mapAll(entries: Entry[]): OnPremObject[] {
    return entries
      .map((e) => toOnPremObject(e, anchor, forest || undefined))
      .filter((o): o is OnPremObject => o !== null);
  }

  async function readByGuid(guid: string): Promise<OnPremObject | null> {
    return mapAll(await search(baseDn, guidFilter(guid)))[0] ?? null;
  }

  return {
    get url() {
      return session.url;
    },
    baseDn,
    anchor,
    forest,

    async findUser(query: IdentityQuery): Promise<OnPremObject[]> {
      if (query.kind === 'dn') {
        // Parsed first, by the parser the lab and the scope rule use: the DC then sees only a DN
        // that parser accepts (Samba answers some malformed ones with operationsError).
        requireDn(query.dn);
        try {
          return mapAll(await rawSearch(query.dn, userFilter(), { scope: 'base' }));
        } catch (e) {
          if (e instanceof NoSuchObjectError) return [];
          if (e instanceof InvalidDNSyntaxError) {
            throw new UsageError(
              `"${preview(query.dn)}" is not a valid DN.`,
              'Write it as CN=Name,OU=Unit,DC=contoso,DC=com (escape commas inside a name as \\,).',
            );
          }
          throw toLdapUserFacingError(e, { url: session.url, phase: 'search', baseDn: query.dn });
        }
      }
      return mapAll(await search(baseDn, identityFilter(query, anchor)));
    },

    async findRelated(user: OnPremObject): Promise<OnPremObject[]> {
      const filter = relatedFilter(user, anchor);
      if (!filter) return [];
      return mapAll(await search(baseDn, filter, { paged: { pageSize } }));
    },

    readByGuid,

    async searchObjects(
      filter: Filter,
      base: string = baseDn,
      only?: readonly string[],
    ): Promise<OnPremObject[]> {
      const narrowed = only ? { attributes: ['objectClass', 'objectGUID', ...only] } : {};
      return mapAll(await search(base, filter, { paged: { pageSize }, ...narrowed }));
    },

    async partialAttributeSet(): Promise<PartialAttributeSet> {
      const s = await live();
      try {
        return await readPartialAttributeSet(s.client);
      } catch (e) {
        throw toLdapUserFacingError(e, { url: s.url, phase: 'search' });
      }
    },

    async setConsistencyGuid(objectGuid: string, value: string | null): Promise<void> {
      const target = await readByGuid(objectGuid);
      if (!target) {
        throw new UserFacingError(
          `No object with objectGUID ${objectGuid} is under ${baseDn} at ${session.url}.`,
          'AD_OBJECT_NOT_FOUND',
          'Diagnose the user again: it may have been deleted or moved to another domain.',
        );
      }
      if (target.objectClass !== 'user') {
        throw new UserFacingError(
          `${target.dn} is a ${target.objectClass}: mS-DS-ConsistencyGuid is written on users only.`,
          'AD_NOT_A_USER',
        );
      }
      const s = await live();
      try {
        await s.client.modify(target.dn, consistencyGuidChange(value));
      } catch (e) {
        throw toLdapWriteError(e, { url: s.url, dn: target.dn, bindDn: options.bindDn });
      }
    },

    async *scanUsers(scope: readonly string[] = [], size = pageSize) {
      const s = await live();
      try {
        yield* searchUsersPaged(s.client, { baseDn, scope, anchor, pageSize: size });
      } catch (e) {
        throw toLdapUserFacingError(e, { url: s.url, phase: 'search', baseDn });
      }
    },

    async close(): Promise<void> {
      await session.client.unbind().catch(() => undefined);
    },
  };
}
