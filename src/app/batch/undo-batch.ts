// `syncmatch journal undo --batch <id>`: the way back from a batch fix (issue 18: the community's
// PowerShell loops have "no checks, no journal and no way back"). Every write the batch made is
// reverted through the same guarded, journalled undo as one entry (`journal undo <entry>`): newest
// first, so a user's later write is undone before its earlier one, each guarded by "the object
// still holds what that write set". Writes that cannot be reverted are listed with the reason.
import type { JournalContents } from '../../ports.js';
import type { ApplyStepDeps } from '../apply-step.js';
import type { StepOutcome } from '../services.js';
import { applyUndo, planUndo, type UndoPlan } from '../undo.js';
import { eachLimited } from './pool.js';

type PlannedUndo = Extract<UndoPlan, { ok: true }>;

export interface BatchUndoPlan {
  batchId: string;
  /** The batch's writes to revert, newest first. */
  undos: PlannedUndo[];
  /** Writes of the batch that are not reverted, each with why (irreversible, result unknown). */
  refused: { id: string; reason: string }[];
  /** Writes already reverted (by an earlier undo). */
  alreadyUndone: number;
  /** Writes of the batch in all (done or not). */
  writes: number;
}

/** Which writes of batch `batchId` an undo reverts, and which it cannot. */
export function planBatchUndo(
  contents: Pick<JournalContents, 'writes'>,
  batchId: string,
  tenantLabel: string,
): BatchUndoPlan {
  const ofBatch = contents.writes.filter((w) => (w.intent ?? w.result)?.batch === batchId);
  const undos: PlannedUndo[] = [];
  const refused: { id: string; reason: string }[] = [];
  let alreadyUndone = 0;
  for (const w of [...ofBatch].reverse()) {
    const plan = planUndo(contents, w.id, tenantLabel);
    if (plan.ok) undos.push(plan);
    else if (plan.code === 'ALREADY_UNDONE') alreadyUndone++;
    // A write that failed or was cancelled changed nothing: nothing to revert.
    else if (plan.code === 'NOT_DONE') continue;
    else refused.push({ id: w.id, reason: plan.reason });
  }
  return { batchId, undos, refused, alreadyUndone, writes: ofBatch.length };
}

export interface BatchUndoResult {
  outcomes: { id: string; outcome: StepOutcome }[];
  cancelled: boolean;
}

/** Reverts the planned writes, a few at a time (newest first within each user's writes). */
export async function undoBatch(
  deps: ApplyStepDeps,
  plan: BatchUndoPlan,
  options: {
    signal?: AbortSignal;
    concurrency?: number;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<BatchUndoResult> {
  // One user's writes must be undone in order (its later write first): one worker per user.
  const byUser = new Map<string, PlannedUndo[]>();
  for (const u of plan.undos) {
    const key = u.original.batchUser ?? u.original.target.id;
    byUser.set(key, [...(byUser.get(key) ?? []), u]);
  }
  const outcomes: { id: string; outcome: StepOutcome }[] = [];
  let done = 0;
  await eachLimited(
    [...byUser.values()],
    options.concurrency ?? 8,
    async (userUndos) => {
      for (const u of userUndos) {
        if (options.signal?.aborted) return;
        const outcome = await applyUndo(deps, u, options.signal);
        outcomes.push({ id: u.id, outcome });
        options.onProgress?.(++done, plan.undos.length);
        // A user whose later write could not be undone keeps its earlier one: undoing it alone
        // would leave the user half-way (e.g. the UPN moved back under a stamped immutableId).
        if (outcome.status !== 'done') return;
      }
    },
    options.signal,
  );
  return { outcomes, cancelled: Boolean(options.signal?.aborted) };
}
