// A batch over thousands of users holds little for long (each user's writes and what its
// verification compares: ~10 MB for 10 000 users, plus the lab when it runs in the same process)
// but makes a great deal of short-lived garbage (every diagnosis, every Graph answer). V8 lets the
// old generation grow to up to four times what survived the last full collection before it
// collects again (MemoryController::GrowingFactor in V8's src/heap/heap-controller.cc, the factor
// between 1.1 and 4 chosen from collection and allocation speed), so a batch of 10 000 users with
// ~130 MB live peaked at 776–852 MB resident. V8's `--heap-growing-percent` flag fixes that factor
// (1 + percent/100; flag-definitions.h). Unlike the heap's size limits it is read at every
// collection, so it can be set once the process runs; it caps nothing: a run that needs more
// memory still gets it, only in smaller steps. Measured on 10 000 users (README, bench:batch):
// 50 % gives 403 MB and no slower a run. A setting of the user's own (NODE_OPTIONS, node's own
// flags) is left as it is.
import { setFlagsFromString } from 'node:v8';

export const BATCH_HEAP_GROWING_PERCENT = 50;

const FLAG = /--heap[-_]growing[-_]percent/;

/** Lets the heap grow by `percent` past what survived each full collection. Returns whether the
 *  setting was made (false: the user chose one of their own). */
export function limitHeapGrowth(
  percent = BATCH_HEAP_GROWING_PERCENT,
  given: { execArgv: readonly string[]; nodeOptions: string | undefined } = {
    execArgv: process.execArgv,
    nodeOptions: process.env.NODE_OPTIONS,
  },
): boolean {
  if (given.execArgv.some((a) => FLAG.test(a)) || FLAG.test(given.nodeOptions ?? '')) return false;
  setFlagsFromString(`--heap-growing-percent=${Math.max(1, Math.round(percent))}`);
  return true;
}
