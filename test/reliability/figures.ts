// The reliability figures the README publishes (scripts/reliability-figures.mjs adds them up):
// when SYNCMATCH_RELIABILITY_FIGURES names a file, each fault run appends one JSON line to it.
// Without it nothing is written, so an ordinary test run leaves no trace.
import { appendFileSync } from 'node:fs';

export interface FaultRunFigures {
  /** The test that ran. */
  run: string;
  /** Faults injected in this run (each refused, held or dropped answer counts once). */
  faults: number;
  /** Write requests the tenant received (top-level and inside $batch). */
  writesSent: number;
  /** Write requests with no journal intent written before them. */
  writesWithoutJournal: number;
  /** What went wrong with the data (empty when nothing was lost or corrupted). */
  dataProblems: string[];
}

export function recordFaultRun(figures: FaultRunFigures): void {
  const file = process.env.SYNCMATCH_RELIABILITY_FIGURES;
  if (file) appendFileSync(file, `${JSON.stringify({ kind: 'fault-run', ...figures })}\n`);
}
