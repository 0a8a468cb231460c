// Several forests as one directory (issue 21): one Entra Connect server often syncs more than one
// forest (during a migration, the old and the new), and UPNs, proxy addresses and source anchors
// must be unique across everything it syncs
// (https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/plan-connect-topologies#multiple-forests-single-microsoft-entra-tenant).
// So a diagnosis asks every configured forest and sees all their objects together. Generic over
// the ports: the real LDAP forests and the lab's in-memory forests compose the same way.
import { UserFacingError } from '../core/errors.js';
import type { IdentityQuery } from '../core/identity-input.js';
import type { OnPremObject } from '../core/snapshot.js';
import type { BulkPage, OnPremBulkReader, OnPremDirectory, OnPremWriter } from '../ports.js';

/** A forest that may also write (the LDAP forests do; a read-only one leaves it out). */
export type ForestPart = OnPremDirectory & Partial<OnPremWriter>;

/** Concatenates what each forest answers; objectGUIDs are unique, so nothing is counted twice. */
function merged(lists: OnPremObject[][]): OnPremObject[] {
  const seen = new Map<string, OnPremObject>();
  for (const list of lists) for (const o of list) if (!seen.has(o.objectGuid)) seen.set(o.objectGuid, o);
  return [...seen.values()];
}

/** One directory (and writer) over several forests; one forest is returned as it is wrapped. */
export function combineForests(forests: readonly ForestPart[]): OnPremDirectory & OnPremWriter {
  if (forests.length === 0) throw new Error('combineForests needs at least one forest');
  return {
    async findUser(query: IdentityQuery) {
      return merged(await Promise.all(forests.map((f) => f.findUser(query))));
    },
    async findRelated(user: OnPremObject) {
      return merged(await Promise.all(forests.map((f) => f.findRelated(user))));
    },
    async readByGuid(guid: string) {
      for (const f of forests) {
        const o = await f.readByGuid(guid);
        if (o) return o;
      }
      return null;
    },
    async setConsistencyGuid(objectGuid: string, value: string | null) {
      for (const f of forests) {
        if (!(await f.readByGuid(objectGuid))) continue;
        if (!f.setConsistencyGuid) {
          throw new UserFacingError(
            `The forest holding ${objectGuid} is not writable from this tool.`,
            'AD_WRITE_UNSUPPORTED',
          );
        }
        return f.setConsistencyGuid(objectGuid, value);
      }
      throw new UserFacingError(
        `No object with objectGUID ${objectGuid} is in any configured forest.`,
        'AD_OBJECT_NOT_FOUND',
        'Diagnose the user again: it may have been deleted.',
      );
    },
    async close() {
      await Promise.all(forests.map((f) => f.close().catch(() => undefined)));
    },
  };
}

/** The scan's read over several forests, one after the other (pages are reported as they come). */
export function combineBulkReaders(readers: readonly OnPremBulkReader[]): OnPremBulkReader {
  return {
    async readAll(onPage?: (page: BulkPage) => void, signal?: AbortSignal) {
      const lists: OnPremObject[][] = [];
      for (const r of readers) {
        signal?.throwIfAborted();
        lists.push(await r.readAll(onPage, signal));
      }
      return merged(lists);
    },
  };
}
