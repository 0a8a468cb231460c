// The batch fix and the scan make a great deal of short-lived garbage (every diagnosis, every Graph
// answer, every page of AD) beside a live set that is small (a batch of 10 000 users keeps ~10 MB
// of its own, plus the lab when it runs in the same process) or large but steady (the scan's
// directory and tenant). V8 lets the old generation grow to up to four times what survived the
// last full collection before it collects again (MemoryController::GrowingFactor in V8's
// src/heap/heap-controller.cc: a factor between 1.1 and 4 chosen from collection and allocation
// speed), so a batch of 10 000 users with ~130 MB live peaked at 776–852 MB resident, and a scan of
// 50 000 × 50 000 at 669 MB. V8's `--heap-growing-percent` flag fixes that factor at
// 1 + percent/100 (flag-definitions.h). Unlike the heap's size limits it is read at every
// collection, so it can be set once the process runs, and it caps nothing: a run that needs more
// memory still gets it, in smaller steps. Measured (README, bench:batch and bench:scan-cli): at 50 %
// the batch peaks at ~370 MB and the scan at ~525 MB, neither slower. Node refuses the flag in
// NODE_OPTIONS; a user's own `node --heap-growing-percent=…` is left as it is. Node 20 and 24
// have the flag; a V8 without it would say "unrecognized flag" on stderr and change nothing else.
import { setFlagsFromString } from 'node:v8';

export const BULK_HEAP_GROWING_PERCENT = 50;

const FLAG = /^--heap[-_]growing[-_]percent\b/;

/** Lets the heap grow by `percent` past what survived each full collection. Returns whether the
 *  setting was made (false: node was started with a setting of the user's own). */
export function limitHeapGrowth(
  percent = BULK_HEAP_GROWING_PERCENT,
  execArgv: readonly string[] = process.execArgv,
): boolean {
  if (execArgv.some((a) => FLAG.test(a))) return false;
  setFlagsFromString(`--heap-growing-percent=${Math.max(1, Math.round(percent))}`);
  return true;
}
