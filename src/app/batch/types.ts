// A batch fix: many users, each planned by the wizard's own planner, written in one guarded run.
import type { BatchBasis } from '../../core/batch/batch-basis.js';
import type { ActionKind } from '../../core/plan-types.js';
import type { SyncVerdict } from '../services.js';

/** Where one user stands after planning. */
export type PlanStatus =
  /** The plan has writes this tool can make: the batch writes them. */
  | 'to-write'
  /** Nothing to write; the next sync alone should match (soft match, new user, a write done earlier). */
  | 'sync-only'
  | 'already-matched'
  /** Left out: a MANUAL step, an error the plan does not cure, a purge without --allow-purge… */
  | 'excluded';

export interface PlannedUser {
  /** As given (a line of the file, or the objectGUID from the scan). */
  identity: string;
  /** The AD user's objectGUID (the journal's batchUser), or the identity when not found. */
  key: string;
  /** UPN, else sAMAccountName, else the identity: what lists show. */
  label: string;
  status: PlanStatus;
  /** Why it was left out (excluded only). */
  reason?: string;
  /** What its writes and its verification need of the diagnosis (to-write and sync-only users
   *  only; the rest of the diagnosis is not kept: batch-basis.ts). */
  basis?: BatchBasis;
  /** Actions of its plan's writes, in order. */
  actions: ActionKind[];
}

export interface ActionGroup {
  /** The actions of one user's writes, joined (`SET_IMMUTABLE_ID`, `PURGE_DELETED_USER + SET_IMMUTABLE_ID`). */
  actions: string;
  count: number;
  /** Up to three users, as examples. */
  examples: string[];
}

export interface BatchPlan {
  users: PlannedUser[];
  /** Users to write, grouped by the actions of their plan, biggest group first. */
  groups: ActionGroup[];
  toWrite: number;
  syncOnly: number;
  alreadyMatched: number;
  excluded: number;
  /** Users whose plan purges from the recycle bin (only with --allow-purge). */
  purges: number;
  /** Writes in all. */
  writes: number;
}

/** What happened to one write of the batch. */
export interface BatchWriteOutcome {
  action: ActionKind;
  status: 'done' | 'failed' | 'cancelled' | 'unknown';
  detail: string;
  journalId?: string;
  /** The stale-plan guard stopped it. */
  stale?: boolean;
}

export type UserOutcome =
  'matched' | 'not-matched' | 'write-failed' | 'not-written' | 'already-matched' | 'excluded' | 'cancelled';

export interface BatchUserResult {
  identity: string;
  label: string;
  planned: PlanStatus;
  /** A write of this batch (this run or an earlier one) landed for this user. */
  written: boolean;
  writes: BatchWriteOutcome[];
  outcome: UserOutcome;
  /** One sentence. */
  detail: string;
  verdict?: SyncVerdict['verdict'];
}

export interface BatchProgress {
  phase: 'planning' | 'writing' | 'throttled' | 'syncing' | 'verifying' | 'done';
  done: number;
  total: number;
  /** While throttled: how long the whole batch waits. */
  waitMs?: number;
  detail?: string;
}

export interface BatchResult {
  batchId: string;
  users: BatchUserResult[];
  counts: Record<UserOutcome, number>;
  /** Writes sent again after a 429, and how long the batch waited for Graph in all. */
  throttled: { retries: number; waitedMs: number };
  syncDetail: string | null;
  cancelled: boolean;
  exitCode: number;
}
