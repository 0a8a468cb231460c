// Which AD object is joined to a cloud object (tenant-objects.ts joinedAdGuid) without walking
// every join for each object a run processes. For the duration of a run, the state's joins are
// watched: `state.joins` is a Proxy over the same object whose writes and deletions keep a
// reverse map (cloud id → GUIDs, with the order in which each key was created, so the answer is
// the first key in the object's own key order, as Object.keys(...).find gives). The run's end puts
// the plain object back (cycle.ts).
import type { LabState } from '../lab-state.js';

class JoinIndex {
  private readonly byCloudId = new Map<string, Set<string>>();
  private readonly created = new Map<string, number>();
  private next = 0;

  constructor(readonly target: Record<string, string>) {
    for (const [guid, cloudId] of Object.entries(target)) this.link(guid, cloudId);
  }

  private link(guid: string, cloudId: string): void {
    if (!this.created.has(guid)) this.created.set(guid, this.next++);
    let set = this.byCloudId.get(cloudId);
    if (!set) this.byCloudId.set(cloudId, (set = new Set()));
    set.add(guid);
  }

  private unlink(guid: string): void {
    const old = this.target[guid];
    if (old !== undefined) this.byCloudId.get(old)?.delete(guid);
  }

  set(guid: string, cloudId: string): void {
    this.unlink(guid);
    this.link(guid, cloudId);
  }

  delete(guid: string): void {
    this.unlink(guid);
    this.created.delete(guid);
  }

  /** The first GUID (in key order) joined to this cloud id. */
  joinedTo(cloudId: string): string | undefined {
    let best: string | undefined;
    for (const guid of this.byCloudId.get(cloudId) ?? []) {
      if (this.target[guid] !== cloudId) continue;
      if (best === undefined || this.created.get(guid)! < this.created.get(best)!) best = guid;
    }
    return best;
  }
}

const watched = new WeakMap<object, JoinIndex>();

/** Watches the joins for one run; returns what puts the plain object back. */
export function watchJoins(state: LabState): () => void {
  const target = state.joins;
  const index = new JoinIndex(target);
  const proxy = new Proxy(target, {
    set(t, key, value) {
      if (typeof key === 'string' && typeof value === 'string') index.set(key, value);
      else watched.delete(proxy);
      // On the target itself (a receiver would route the write through defineProperty below).
      return Reflect.set(t, key, value);
    },
    deleteProperty(t, key) {
      if (typeof key === 'string') index.delete(key);
      return Reflect.deleteProperty(t, key);
    },
    defineProperty(t, key, descriptor) {
      // Object.defineProperty and the like: the index cannot follow, so it stops answering.
      watched.delete(proxy);
      return Reflect.defineProperty(t, key, descriptor);
    },
  });
  watched.set(proxy, index);
  state.joins = proxy;
  return () => {
    if (state.joins === proxy) state.joins = target;
  };
}

/** The run's answer for joinedAdGuid (`guid` undefined: not joined), or null when not watched. */
export function watchedJoin(state: LabState, cloudId: string): { guid: string | undefined } | null {
  const index = watched.get(state.joins);
  return index ? { guid: index.joinedTo(cloudId) } : null;
}
