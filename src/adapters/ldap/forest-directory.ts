// One AD forest over LDAP (issue 21): its Global Catalog finds objects anywhere in the forest,
// then each object is read in full from a DC of its own domain. A GC holds every object of the
// forest but only the attributes in the partial attribute set
// (https://learn.microsoft.com/en-us/windows/win32/ad/global-catalog), and that set lacks
// mS-DS-ConsistencyGuid (https://learn.microsoft.com/en-us/windows/win32/adschema/a-ms-ds-consistencyguid,
// "In Global Catalog: False") and, without Exchange's schema, proxyAddresses
// (https://learn.microsoft.com/en-us/windows/win32/adschema/a-proxyaddresses). So a search is split:
// the comparisons on attributes the GC holds go to the GC (port 3269 LDAPS, or 3268 + StartTLS),
// the others to each configured domain's DC; what the GC found is then re-read from its domain.
// The partial attribute set is read from the forest's schema, not assumed (docs/global-catalog.md).
// Without a GC configured, every domain's DC is searched with the whole filter.
// Verified against Samba 4.17 (two single-domain forests). UNVERIFIED against Windows: a subtree
// search from the empty base on the GC port spanning every domain of a multi-domain forest, and
// the GC's referral-free answer for objects of other domains (Samba has no child domains).
import { AndFilter, type Filter } from 'ldapts';
import { dnsDomainOfDn, namingContextOf } from '../../core/dn-domain.js';
import { UserFacingError } from '../../core/errors.js';
import type { IdentityQuery } from '../../core/identity-input.js';
import type { OnPremObject } from '../../core/snapshot.js';
import type { BulkPage, OnPremBulkReader, OnPremDirectory, OnPremWriter } from '../../ports.js';
import { createLdapBulkReader } from './bulk-reader.js';
import {
  guidFilter,
  identityValueTerms,
  relatedFilterOf,
  relatedTerms,
  termsFilter,
  userFilter,
  type Term,
} from './filters.js';
import { openLdapSession } from './connect.js';
import { toLdapUserFacingError } from './errors.js';
import { createLdapDirectory, readRootDse, type LdapDirectory } from './ldap-directory.js';
import type { LdapDirectoryOptions } from './options.js';
import { inPartialAttributeSet, type PartialAttributeSet } from './partial-attribute-set.js';

/** What is read from the GC: where the object is (its DN) and which it is; the rest comes from
 *  its domain's DC (Samba's GC would return more for its own domain; Windows' would not). */
const GC_ATTRIBUTES: readonly string[] = [];

export interface ForestOptions {
  /** The forest's root domain DNS name (lab.example): set as `forest` on every object; read from
   *  the first domain's rootDSE when omitted. */
  name?: string;
  /** One DC (or list of DCs) per domain of the forest the tool may read; at least one. The
   *  domain's DNS name is its base DN's (DC=child,DC=lab,DC=example → child.lab.example). */
  domains: LdapDirectoryOptions[];
  /** The Global Catalog (ldaps://gc:3269, or ldap://gc:3268 with startTls); absent = search
   *  every domain's DC instead. */
  globalCatalog?: LdapDirectoryOptions;
}

export interface ForestDirectory extends OnPremDirectory, OnPremWriter {
  readonly name: string;
  /** DNS names of the domains configured, root first as given. */
  readonly domains: readonly string[];
  readonly globalCatalogUrl: string | null;
  /** What the forest's schema says its GC holds (null without a GC). */
  readonly partialAttributeSet: PartialAttributeSet | null;
  /** Every user, group and contact of every configured domain (the scan), from the domains' DCs. */
  bulkReader(): OnPremBulkReader;
}

/** The forest root's DNS name from the first domain's rootDSE (rootDomainNamingContext). */
async function forestNameOf(options: LdapDirectoryOptions): Promise<string | null> {
  const session = await openLdapSession(options);
  try {
    const { forestDn } = await readRootDse(session);
    return forestDn ? dnsDomainOfDn(forestDn) : null;
  } catch (e) {
    throw toLdapUserFacingError(e, { url: session.url, phase: 'search' });
  } finally {
    await session.client.unbind().catch(() => undefined);
  }
}

export async function createForestDirectory(options: ForestOptions): Promise<ForestDirectory> {
  let name = options.name?.trim().toLowerCase() ?? '';
  if (options.domains.length === 0) {
    throw new UserFacingError(
      `Forest ${name || '(unnamed)'} has no domain controller configured.`,
      'LDAP_BAD_URL',
      'Give at least one DC URL (ldaps://dc01.contoso.com) for the forest.',
    );
  }
  const opened: LdapDirectory[] = [];
  const closeAll = () => Promise.all(opened.map((d) => d.close().catch(() => undefined)));
  const byDomain = new Map<string, { dir: LdapDirectory; options: LdapDirectoryOptions }>();
  let gc: LdapDirectory | null = null;
  let pas: PartialAttributeSet | null = null;
  try {
    if (!name) name = (await forestNameOf(options.domains[0]!)) ?? '';
    for (const domainOptions of options.domains) {
      const dir = await createLdapDirectory({ ...domainOptions, ...(name ? { forest: name } : {}) });
      name ||= dir.forest;
      opened.push(dir);
      byDomain.set(dnsDomainOfDn(dir.baseDn) ?? dir.baseDn.toLowerCase(), { dir, options: domainOptions });
    }
    if (options.globalCatalog) {
      gc = await createLdapDirectory({
        ...options.globalCatalog,
        baseDn: options.globalCatalog.baseDn ?? namingContextOf(name),
        forest: name,
      });
      opened.push(gc);
      pas = await gc.partialAttributeSet();
    }
  } catch (e) {
    await closeAll();
    throw e;
  }
  const first = opened[0]!;
  const domainDirs = [...byDomain.values()].map((d) => d.dir);

  function domainDir(domain: string | null | undefined, dn: string): LdapDirectory {
    const found = domain ? byDomain.get(domain) : undefined;
    if (found) return found.dir;
    throw new UserFacingError(
      `${dn} lies in domain ${domain ?? '(unknown)'}, which forest ${name} in this profile does not list, so it cannot be read in full.`,
      'AD_DOMAIN_NOT_CONFIGURED',
      `Add a DC of ${domain ?? 'that domain'} to the forest's "domains" (syncmatch setup).`,
    );
  }

  /** The GC's copy of an object, re-read from its own domain's DC. */
  async function complete(hit: OnPremObject): Promise<OnPremObject | null> {
    return domainDir(hit.domain, hit.dn).readByGuid(hit.objectGuid);
  }

  /** Searches for `build(terms)` across the forest, split between the GC and the domain DCs. */
  async function searchForest(
    terms: readonly Term[],
    build: (terms: readonly Term[]) => Filter | null,
  ): Promise<OnPremObject[]> {
    if (terms.length === 0) return [];
    const inGc = gc && pas ? terms.filter((t) => inPartialAttributeSet(pas!, t.attribute)) : [];
    const onDcs = gc && pas ? terms.filter((t) => !inPartialAttributeSet(pas!, t.attribute)) : terms;
    const found = new Map<string, OnPremObject>();
    const dcFilter = onDcs.length > 0 ? build(onDcs) : null;
    if (dcFilter) {
      for (const dir of domainDirs) {
        for (const o of await dir.searchObjects(dcFilter)) found.set(o.objectGuid, o);
      }
    }
    const gcFilter = inGc.length > 0 ? build(inGc) : null;
    if (gc && gcFilter) {
      for (const hit of await gc.searchObjects(gcFilter, '', GC_ATTRIBUTES)) {
        if (found.has(hit.objectGuid)) continue;
        const full = await complete(hit);
        if (full) found.set(full.objectGuid, full);
      }
    }
    return [...found.values()];
  }

  async function readByGuid(guid: string): Promise<OnPremObject | null> {
    if (gc) {
      const [hit] = await gc.searchObjects(guidFilter(guid), '', GC_ATTRIBUTES);
      return hit ? complete(hit) : null;
    }
    for (const dir of domainDirs) {
      const o = await dir.readByGuid(guid);
      if (o) return o;
    }
    return null;
  }

  return {
    name,
    domains: [...byDomain.keys()],
    globalCatalogUrl: gc?.url ?? null,
    partialAttributeSet: pas,

    async findUser(query: IdentityQuery): Promise<OnPremObject[]> {
      if (query.kind === 'dn') {
        const domain = dnsDomainOfDn(query.dn);
        const known = domain ? byDomain.get(domain) : undefined;
        // A DN outside every configured domain: the first DC answers (and says it is not there).
        return (known?.dir ?? first).findUser(query);
      }
      const terms = identityValueTerms(query, first.anchor) ?? [];
      return searchForest(terms, (t) => new AndFilter({ filters: [userFilter(), termsFilter(t)] }));
    },

    async findRelated(user: OnPremObject): Promise<OnPremObject[]> {
      const terms = relatedTerms(user, first.anchor);
      return searchForest(terms, (t) => relatedFilterOf(user, t));
    },

    readByGuid,

    async setConsistencyGuid(objectGuid: string, value: string | null): Promise<void> {
      const target = await readByGuid(objectGuid);
      if (!target) {
        throw new UserFacingError(
          `No object with objectGUID ${objectGuid} is in forest ${name}.`,
          'AD_OBJECT_NOT_FOUND',
          'Diagnose the user again: it may have been deleted.',
        );
      }
      await domainDir(target.domain, target.dn).setConsistencyGuid(objectGuid, value);
    },

    bulkReader(): OnPremBulkReader {
      const readers = [...byDomain.values()].map(({ dir, options: o }) =>
        createLdapBulkReader({ ...o, baseDn: dir.baseDn, forest: name }),
      );
      return {
        async readAll(onPage?: (page: BulkPage) => void, signal?: AbortSignal) {
          const all: OnPremObject[] = [];
          for (const r of readers) all.push(...(await r.readAll(onPage, signal)));
          return all;
        },
      };
    },

    async close(): Promise<void> {
      await closeAll();
    },
  };
}
