// The scan's AD read (issue 9): every user, group and contact under the base DN in one paged
// search (a DC caps an unpaged answer at MaxPageSize, 1000 by default). The whole domain, not only
// the scan's OUs: a duplicate UPN or address can sit in any OU, and the one-user diagnosis looks
// for it everywhere too. Opens its own connection for the read and closes it afterwards.
import type { OnPremObject } from '../../core/snapshot.js';
import type { BulkPage, OnPremBulkReader } from '../../ports.js';
import { openLdapSession } from './connect.js';
import { toLdapUserFacingError } from './errors.js';
import { recipientFilter } from './filters.js';
import { BINARY_ATTRIBUTES, requestedAttributes, toOnPremObject } from './map-entry.js';
import { DEFAULT_PAGE_SIZE, resolveAnchor, type LdapDirectoryOptions } from './options.js';

export interface LdapBulkOptions extends LdapDirectoryOptions {
  /** The search base (an LdapDirectory knows it: `directory.baseDn`). */
  baseDn: string;
}

export function createLdapBulkReader(options: LdapBulkOptions): OnPremBulkReader {
  const anchor = resolveAnchor(options.anchorAttribute);
  return {
    async readAll(
      onPage: (page: BulkPage) => void = () => {},
      signal?: AbortSignal,
    ): Promise<OnPremObject[]> {
      const session = await openLdapSession(options);
      const out: OnPremObject[] = [];
      try {
        const pages = session.client.searchPaginated(options.baseDn, {
          scope: 'sub',
          filter: recipientFilter(),
          attributes: requestedAttributes(anchor),
          explicitBufferAttributes: BINARY_ATTRIBUTES,
          paged: { pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE },
        });
        for await (const page of pages) {
          signal?.throwIfAborted();
          let count = 0;
          for (const entry of page.searchEntries) {
            const o = toOnPremObject(entry, anchor, options.forest);
            if (o) {
              out.push(o);
              count++;
            }
          }
          onPage({ source: 'ad', objects: count });
        }
        return out;
      } catch (e) {
        if (signal?.aborted) throw e;
        throw toLdapUserFacingError(e, { url: session.url, phase: 'search', baseDn: options.baseDn });
      } finally {
        await session.client.unbind().catch(() => undefined);
      }
    },
  };
}
