// The Samba DC that scripts/test-services/service-samba.sh starts, as the LDAP tests see it.
import { createLdapDirectory, type LdapDirectory } from '../../src/adapters/ldap/ldap-directory.js';
import type { LdapDirectoryOptions } from '../../src/adapters/ldap/options.js';
import { service } from '../helpers/services.js';

export interface SambaService {
  url: string;
  starttlsUrl: string;
  caFile: string;
  baseDn: string;
  realm: string;
  domain: string;
  bindDn: string;
  bindUpn: string;
  bindDomainUser: string;
  password: string;
  scopeOu: string;
  bulkOu: string;
  bulkUsers: number;
  objects: Record<string, { guid: string; consistencyGuid?: string; dn: string }>;
}

/** null (with a printed reason) outside CI when the DC is not running; throws in CI. */
export const samba = service<SambaService>('samba');

/** A directory bound over LDAPS with the lab CA, as the service account. */
export function openSamba(
  s: SambaService,
  extra: Partial<LdapDirectoryOptions> = {},
): Promise<LdapDirectory> {
  return createLdapDirectory({
    urls: [s.url],
    caFile: s.caFile,
    bindDn: s.bindUpn,
    password: s.password,
    baseDn: s.baseDn,
    ...extra,
  });
}
