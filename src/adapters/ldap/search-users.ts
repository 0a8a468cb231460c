// Bulk read: every user under the sync scope OUs, a page at a time (the scan reads whole domains;
// a DC caps one unpaged answer at MaxPageSize, 1000 by default).
import type { Client } from 'ldapts';
import type { OnPremObject } from '../../core/snapshot.js';
import { userFilter } from './filters.js';
import { BINARY_ATTRIBUTES, requestedAttributes, toOnPremObject } from './map-entry.js';
import type { AnchorKind } from './options.js';

export interface ScanUsersOptions {
  baseDn: string;
  /** OU DNs to read; empty = the whole base DN. */
  scope: readonly string[];
  anchor: AnchorKind;
  pageSize: number;
}

/** Yields one array of users per LDAP page, OU after OU. */
export async function* searchUsersPaged(
  client: Client,
  options: ScanUsersOptions,
): AsyncGenerator<OnPremObject[]> {
  const bases = options.scope.length > 0 ? options.scope : [options.baseDn];
  for (const base of bases) {
    const pages = client.searchPaginated(base, {
      scope: 'sub',
      filter: userFilter(),
      attributes: requestedAttributes(options.anchor),
      explicitBufferAttributes: BINARY_ATTRIBUTES,
      paged: { pageSize: options.pageSize },
    });
    for await (const page of pages) {
      yield page.searchEntries
        .map((e) => toOnPremObject(e, options.anchor))
        .filter((o): o is OnPremObject => o !== null);
    }
  }
}
