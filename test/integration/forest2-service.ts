// The second forest (NEW.EXAMPLE on 127.0.0.2) that scripts/test-services/service-samba-forest2.sh
// starts, and the first forest's Global Catalog, as the multi-forest tests see them.
import type { ForestOptions } from '../../src/adapters/ldap/forest-directory.js';
import type { LdapDirectoryOptions } from '../../src/adapters/ldap/options.js';
import { service } from '../helpers/services.js';
import type { SambaService } from './ldap-service.js';

export interface Forest2Service extends SambaService {
  gcUrl: string;
  gcStarttlsUrl: string;
  dnsDomain: string;
  writerUpn: string;
  writerPassword: string;
  objects: Record<
    string,
    { guid: string; consistencyGuid?: string; dn: string; upn?: string; mail?: string }
  >;
}

/** null (with a printed reason) outside CI when the second forest is not running; throws in CI. */
export const forest2 = service<Forest2Service>('samba-forest2');

function dc(s: SambaService, url: string, extra: Partial<LdapDirectoryOptions> = {}): LdapDirectoryOptions {
  return { urls: [url], caFile: s.caFile, bindDn: s.bindUpn, password: s.password, ...extra };
}

/** The lab forest (first DC): its domain's DC and its Global Catalog on 127.0.0.1:3269. */
export function labForest(s: SambaService, extra: Partial<LdapDirectoryOptions> = {}): ForestOptions {
  return {
    name: 'lab.example',
    domains: [dc(s, s.url, { baseDn: s.baseDn, ...extra })],
    globalCatalog: dc(s, 'ldaps://127.0.0.1:3269', extra),
  };
}

/** The new forest: its DC and its Global Catalog (LDAPS 3269). */
export function newForest(s: Forest2Service, extra: Partial<LdapDirectoryOptions> = {}): ForestOptions {
  return {
    name: s.dnsDomain,
    domains: [dc(s, s.url, { baseDn: s.baseDn, ...extra })],
    globalCatalog: dc(s, s.gcUrl, extra),
  };
}
