// The LDAP adapter's options for a profile's AD settings and the bind password read for them.
import type { AdSettings } from '../config/index.js';
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
