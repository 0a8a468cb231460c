// The lab's read indexes (ad-index.ts for the in-memory AD, graph-simulator/tenant-index.ts for the
// Graph simulator) answer per-user reads from maps built over the LabState instead of scanning every
// object. They rebuild themselves when an array they indexed is replaced or changes length; a change
// made IN PLACE (an attribute, a proxy address, a join) must be announced here by whoever makes it:
// the sync engine after each run, "do it in the lab" after its actions, the simulator after a write
// (its PATCH /users/{id} updates the tenant index for that one user instead). Code or tests that
// change the lab state in place by hand call `labStateChanged` before the next read.

const epochs = new WeakMap<object, number>();

/** Announces an in-place change of the lab state: every index over it is rebuilt on its next read. */
export function labStateChanged(state: object): void {
  epochs.set(state, (epochs.get(state) ?? 0) + 1);
}

/** How many changes were announced for this state (indexes compare it with the one they were built at). */
export function labStateEpoch(state: object): number {
  return epochs.get(state) ?? 0;
}

/**
 * `SYNCMATCH_LAB_INDEX_CHECK=1`: every indexed answer is compared with the full scan's and a
 * difference throws (tests and debugging; far slower). Read per call so a test can switch it.
 */
export function indexCheckEnabled(): boolean {
  return process.env.SYNCMATCH_LAB_INDEX_CHECK === '1';
}
