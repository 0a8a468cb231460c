// Who holds an address (uniqueness.ts holdersOf), without parsing every proxy address of every
// cloud object for each value a run exports: an index from address key to the users (UPN and SMTP
// proxies), groups and contacts (SMTP proxies) that may hold it. It only narrows: holdersOf still
// tests each candidate, in the tenant's order, so its answer is the full scan's.
// One index per run (cycle.ts opens and closes it): built from the tenant as the run starts, so
// whatever changed between runs is read afresh; within the run the engine's own changes keep it
// correct: commitValues re-indexes the object it wrote (refreshHolder), an array that only grew is
// indexed at its tail, and an array replaced or shortened (soft delete, restore, a deleted
// recipient) is indexed again.
import { addressKey, parseProxyAddress } from '../../core/proxy-addresses.js';
import type { LabTenant } from '../lab-state.js';

interface Holding {
  id: string;
  userPrincipalName?: string;
  proxyAddresses: readonly string[];
}

function keysOf(o: Holding, withUpn: boolean): string[] {
  const out: string[] = [];
  if (withUpn && typeof o.userPrincipalName === 'string') out.push(addressKey(o.userPrincipalName));
  for (const raw of o.proxyAddresses) {
    const p = parseProxyAddress(raw);
    if (p.isSmtp) out.push(addressKey(p.address));
  }
  return out;
}

class CollectionHolders<T extends Holding> {
  private list: readonly T[] = [];
  private length = 0;
  private last: T | undefined;
  private readonly byKey = new Map<string, Set<T>>();
  private readonly keys = new Map<T, string[]>();
  private readonly position = new Map<T, number>();

  constructor(private readonly withUpn: boolean) {}

  /** Follows the array: its tail when it only grew, everything when it was replaced or shortened. */
  follow(list: readonly T[]): void {
    if (list === this.list && list.length === this.length && list[list.length - 1] === this.last) return;
    const grew =
      list === this.list &&
      list.length > this.length &&
      (this.length === 0 || list[this.length - 1] === this.last);
    if (!grew) {
      this.byKey.clear();
      this.keys.clear();
      this.position.clear();
    }
    for (let i = grew ? this.length : 0; i < list.length; i++) {
      this.position.set(list[i]!, i);
      this.add(list[i]!);
    }
    this.list = list;
    this.length = list.length;
    this.last = list[list.length - 1];
  }

  private add(o: T): void {
    const keys = keysOf(o, this.withUpn);
    this.keys.set(o, keys);
    for (const k of keys) {
      let set = this.byKey.get(k);
      if (!set) this.byKey.set(k, (set = new Set()));
      set.add(o);
    }
  }

  refresh(o: object): void {
    const keys = this.keys.get(o as T);
    if (keys === undefined) return;
    for (const k of keys) this.byKey.get(k)?.delete(o as T);
    this.add(o as T);
  }

  /** The objects that may hold `key`, in the array's order. */
  candidates(key: string): T[] {
    const set = this.byKey.get(key);
    if (!set || set.size === 0) return [];
    return [...set].sort((a, b) => this.position.get(a)! - this.position.get(b)!);
  }
}

export class HolderIndex {
  readonly users = new CollectionHolders<LabTenant['users'][number]>(true);
  readonly groups = new CollectionHolders<LabTenant['groups'][number]>(false);
  readonly contacts = new CollectionHolders<LabTenant['contacts'][number]>(false);

  constructor(readonly tenant: LabTenant) {}

  /** Brings the index up to the tenant's arrays (cheap when they did not change). */
  follow(): this {
    this.users.follow(this.tenant.users);
    this.groups.follow(this.tenant.groups);
    this.contacts.follow(this.tenant.contacts);
    return this;
  }

  refresh(o: object): void {
    this.users.refresh(o);
    this.groups.refresh(o);
    this.contacts.refresh(o);
  }
}

/** The index of the run under way (runs are synchronous: one at a time). */
let current: HolderIndex | null = null;

/** For the duration of one run over this tenant. */
export function openHolderIndex(tenant: LabTenant): void {
  current = new HolderIndex(tenant);
}

export function closeHolderIndex(): void {
  current = null;
}

/** The run's index for this tenant, or null outside a run (holdersOf then scans). */
export function holderIndexFor(tenant: LabTenant): HolderIndex | null {
  return current?.tenant === tenant ? current.follow() : null;
}

/** After the engine wrote an object's UPN or proxy addresses in place. */
export function refreshHolder(o: object): void {
  current?.refresh(o);
}
