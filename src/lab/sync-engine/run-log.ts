// The run log: one line per decision, what the wizard shows as "what the sync reported".
import type { SyncLogEntry } from '../lab-state.js';
import type { RunTally, SyncContext } from './context.js';

/** Decisions that changed or created a cloud object, errors, and quiet lines. */
export type SyncOutcome =
  | 'HardMatch'
  | 'SoftMatch'
  | 'Created'
  | 'Restored'
  | 'Updated'
  | 'Unchanged'
  | 'Quarantined'
  | 'SoftDeleted'
  | 'Deleted'
  | 'InvalidSoftMatch'
  | 'InvalidHardMatch'
  | 'ExistingAdminRoleConflict'
  | 'ExportError'
  | 'Skipped'
  /** Several forests (issue 21): a second AD object joined to the same metaverse object. */
  | 'Joined'
  | 'Busy'
  | 'Completed';

// How each outcome counts in the run summary ("adds, updates, deletes, errors").
const TALLY: Partial<Record<SyncOutcome, keyof RunTally>> = {
  Created: 'adds',
  Restored: 'adds',
  HardMatch: 'updates',
  SoftMatch: 'updates',
  Updated: 'updates',
  SoftDeleted: 'deletes',
  Deleted: 'deletes',
  InvalidSoftMatch: 'errors',
  InvalidHardMatch: 'errors',
  ExistingAdminRoleConflict: 'errors',
  ExportError: 'errors',
};

export function logLine(
  ctx: SyncContext,
  dn: string,
  outcome: SyncOutcome,
  message: string,
  cloudUserId?: string,
): SyncLogEntry {
  const entry: SyncLogEntry = { run: ctx.run, at: ctx.at, dn, outcome, message };
  if (cloudUserId !== undefined) entry.cloudUserId = cloudUserId;
  ctx.state.syncLog.push(entry);
  const bucket = TALLY[outcome];
  if (bucket) ctx.tally[bucket] += 1;
  return entry;
}
