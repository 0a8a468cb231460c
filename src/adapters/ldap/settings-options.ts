// The LDAP adapter's options for a profile's AD settings and the bind password read for them.
import { namingContextOf } from '../../core/dn-domain.js';
import type { AdSettings, ForestSettings } from '../config/index.js';
import type { ForestOptions } from './forest-directory.js';
import type { LdapDirectoryOptions } from './options.js';

export function ldapOptions(ad: AdSettings, password: string): LdapDirectoryOptions {
  return {
    urls: ad.urls,
    startTls: ad.startTls,
    ...(ad.caFile ? { caFile: ad.caFile } : {}),
    bindDn: ad.bindIdentity,
    password,
    ...(ad.baseDn ? { baseDn: ad.baseDn } : {}),
    anchorAttribute: ad.anchorAttribute,
    connectTimeoutMs: ad.connectTimeoutMs,
    timeoutMs: ad.searchTimeoutMs,
    insecureTls: ad.insecureTls,
  };
}

/** The forest directory's options for one configured forest (issue 21) and its bind password. */
export function forestOptions(forest: ForestSettings, password: string): ForestOptions {
  const root = ldapOptions(forest, password);
  const shared = { ...root, baseDn: undefined, urls: [] as string[] };
  return {
    ...(forest.name ? { name: forest.name } : {}),
    domains: [
      root,
      ...forest.domains.map((d) => ({
        ...shared,
        urls: d.urls,
        startTls: d.startTls,
        baseDn: d.baseDn ?? namingContextOf(d.name),
      })),
    ],
    ...(forest.globalCatalog
      ? {
          globalCatalog: {
            ...shared,
            urls: forest.globalCatalog.urls,
            startTls: forest.globalCatalog.startTls,
          },
        }
      : {}),
  };
}
