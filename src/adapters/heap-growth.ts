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
//
// V8 13 (Node 24) also grows the young generation far more than V8 11 (Node 20): the same batch
// held ~130 MB more there (heapTotal 190 MB against 62 MB used right after the lab opened) and
// peaked at 539–552 MB. `--semi-space-growth-factor=1` (read whenever the young generation would
// grow) keeps it at its start size: 474 MB on Node 24 at the same speed. On Node 20, whose young
// generation starts smaller, the same flag made the batch a third slower, so it is set from V8 13.
import { setFlagsFromString } from 'node:v8';

export const BULK_HEAP_GROWING_PERCENT = 50;

/** The young generation is held at its start size from this V8 major version (Node 24's). */
const HOLD_YOUNG_FROM_V8 = 13;

const FLAG = /^--heap[-_]growing[-_]percent\b/;

/** Lets the heap grow by `percent` past what survived each full collection. Returns whether the
 *  setting was made (false: node was started with a setting of the user's own). */
export function limitHeapGrowth(
  percent = BULK_HEAP_GROWING_PERCENT,
  execArgv: readonly string[] = process.execArgv,
  v8Major = Number(process.versions.v8.split('.')[0]),
): boolean {
  if (execArgv.some((a) => FLAG.test(a))) return false;
  setFlagsFromString(`--heap-growing-percent=${Math.max(1, Math.round(percent))}`);
  const young = /^--(max|min)[-_]semi[-_]space[-_]size\b|^--semi[-_]space[-_]growth[-_]factor\b/;
  if (v8Major >= HOLD_YOUNG_FROM_V8 && !execArgv.some((a) => young.test(a))) {
    setFlagsFromString('--semi-space-growth-factor=1');
  }
  return true;
}
