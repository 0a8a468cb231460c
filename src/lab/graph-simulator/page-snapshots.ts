// Paging over a snapshot: the first page of a list builds (and filters) the collection's
// representations once and keeps the result under an id carried in the skiptoken, so the next pages
// are cut from it instead of rebuilding tens of thousands of representations per page (the scan
// of a 50 000-user lab reads 50 pages of users). Graph's skiptoken is opaque and documents no
// consistency across pages either way (https://learn.microsoft.com/graph/paging); a snapshot is one
// valid behaviour. UNVERIFIED: whether Graph's pages reflect changes made while paging.
// A snapshot is dropped after its last page, and at most a few are kept per lab.
import { randomUUID } from 'node:crypto';
import type { LabState } from '../lab-state.js';

const KEPT = 16;
/** A representation as query-options.ts holds it (kept structural here: no import cycle). */
type Resource = Record<string, unknown>;
const snapshots = new WeakMap<LabState, Map<string, Resource[]>>();

export function keepSnapshot(state: LabState, matched: Resource[]): string {
  let kept = snapshots.get(state);
  if (!kept) snapshots.set(state, (kept = new Map()));
  const id = randomUUID();
  kept.set(id, matched);
  while (kept.size > KEPT) kept.delete(kept.keys().next().value!);
  return id;
}

export function snapshot(state: LabState, id: string | undefined): Resource[] | undefined {
  return id === undefined ? undefined : snapshots.get(state)?.get(id);
}

export function dropSnapshot(state: LabState, id: string | undefined): void {
  if (id !== undefined) snapshots.get(state)?.delete(id);
}
