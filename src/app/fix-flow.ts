// `fix --yes` without a terminal: drives the wizard's state machine with auto-approval until it
// exits, and reports what `fix --json` prints.
import type { Diagnosis } from '../core/diagnosis-types.js';
import { ticketOf } from '../core/ticket/of-state.js';
import type { Ticket } from '../core/ticket/ticket.js';
import { autoApprove } from '../core/wizard/auto-approve.js';
import { initialWizardState } from '../core/wizard/init.js';
import { wizardReducer } from '../core/wizard/reducer.js';
import type { WizardState } from '../core/wizard/state.js';
import { performRequest } from './perform-request.js';
import type { StepOutcome, WizardServices } from './services.js';

export interface FixReport {
  before: Diagnosis | null;
  applied: Pick<StepOutcome, 'action' | 'status' | 'detail'>[];
  after: Diagnosis | null;
  matched: boolean;
  /** After a sync: true when the matched user showed the forecast values (the planned join), false
   *  when it did not ("joined the wrong object"); null when no sync verdict came. */
  forecastHeld: boolean | null;
  /** Why the run stopped before the end of the plan (a MANUAL step, a failed or stale write), or null. */
  stoppedBecause: string | null;
  /** Writes an earlier run left without a result (from the journal). */
  warnings: string[];
  exitCode: number;
  /** The ticket-ready summary (issue 17). */
  ticket: Ticket;
  /**
   * Writes of this run undone because a later write, the sync or the verification failed (issue 13,
   * point 4): one line per write, newest first; `undone: false` says why it could not be undone.
   */
  rollback: RollbackLine[];
}

export interface RollbackLine {
  /** The journal entry of the write. */
  journalId: string;
  action: StepOutcome['action'];
  undone: boolean;
  /** The undo's own journal entry, when it landed. */
  undoJournalId?: string;
  detail: string;
}

export async function runFix(
  services: WizardServices,
  identity: string,
  signal: AbortSignal,
  onEvent: (state: WizardState) => void = () => {},
  options: { allowPurge?: boolean } = {},
): Promise<FixReport> {
  let state = initialWizardState({
    allowPurge: options.allowPurge ?? false,
    environmentLabel: services.environmentLabel,
    readOnly: services.readOnly,
    journalPath: services.journalPath,
    identity,
  });
  while (state.exit === null) {
    if (signal.aborted) state = wizardReducer(state, { type: 'cancel' });
    else if (state.request) {
      await performRequest(state.request, services, signal, (event) => {
        state = wizardReducer(state, event);
        onEvent(state);
      });
    }
    const next = autoApprove(state);
    if (next === state && state.exit === null && !state.request) {
      throw new Error(`The fix flow is stuck on the ${state.screen.kind} screen (this is a bug).`);
    }
    state = next;
  }
  const rolledBack = await rollBack(services, state, signal);
  const rollback = rolledBack.map((r) => r.line);
  const after = state.verdict?.after ?? null;
  const latest = after ?? state.diagnosis;
  return {
    before: state.before,
    applied: [...state.outcomes, ...rolledBack.map((r) => r.outcome)].map(({ action, status, detail }) => ({
      action,
      status,
      detail,
    })),
    after,
    // After a sync only its verdict counts: a match on the wrong object is not a match.
    matched: state.verdict
      ? state.verdict.verdict === 'matched'
      : Boolean(latest?.findings.some((f) => f.code === 'ALREADY_MATCHED')),
    forecastHeld:
      state.verdict?.verdict === 'matched' ? true : state.verdict?.verdict === 'wrong-object' ? false : null,
    stoppedBecause: stopReason(state),
    warnings: state.warnings,
    // A write that could not be undone leaves the user half-done: that is a failure, whatever the rest.
    exitCode: rollback.some((r) => !r.undone) ? 1 : (state.exit ?? 1),
    // The ticket tells what was undone too: the undos are writes of this run, with their journal ids.
    ticket: ticketOf({ ...state, outcomes: [...state.outcomes, ...rolledBack.map((r) => r.outcome)] }),
    rollback,
  };
}

/** The first outcome that ended the walk early, as a sentence. */
function stopReason(state: WizardState): string | null {
  const stop = state.outcomes.find((o) => o.status !== 'done');
  if (stop) return `${stop.action}: ${stop.detail}`;
  if (state.verdict && state.verdict.verdict !== 'matched') return state.verdict.detail;
  return null;
}

const WRITES = new Set<string>([
  'SET_IMMUTABLE_ID',
  'CLEAR_IMMUTABLE_ID',
  'MOVE_UPN_TO_INITIAL_DOMAIN',
  'PURGE_DELETED_USER',
  'RESTORE_DELETED_USER',
  'SET_CONSISTENCY_GUID',
]);

/**
 * Where the run failed after writes of this run landed: a later write failed (or found its object
 * changed), the sync could not run (refused, busy until the wait ended), or the verification did
 * not show the planned match (not yet, timeout, the wrong object). -1 when nothing failed.
 */
function failurePoint(state: WizardState): number {
  const write = state.outcomes.findIndex(
    (o) => (o.status === 'failed' || o.stale === true) && WRITES.has(o.action),
  );
  if (write >= 0) return write;
  const sync = state.outcomes.findIndex(
    (o) => o.status === 'failed' && (o.action === 'TRIGGER_DELTA_SYNC' || o.action === 'VERIFY_MATCH'),
  );
  if (sync >= 0) return sync;
  // A verdict other than matched with no failed step recorded (e.g. stopped): still not matched.
  return state.verdict && state.verdict.verdict !== 'matched' ? state.outcomes.length : -1;
}

/**
 * The run failed after earlier writes of this run landed: the user is left half-done (e.g. signing
 * in on the initial domain after a UPN move, or carrying an anchor no sync has joined). Each
 * completed write is undone, newest first, through the journal (so the undo is journalled too, with
 * undoOf), or the line says exactly why it cannot be (issue 13, point 4). A failed undo stops there:
 * undoing an older write under a newer one could leave a worse state.
 */
async function rollBack(
  services: WizardServices,
  state: WizardState,
  signal: AbortSignal,
): Promise<Array<{ outcome: StepOutcome; line: RollbackLine }>> {
  const failedAt = failurePoint(state);
  if (failedAt < 0) return [];
  const done = state.outcomes.slice(0, failedAt).filter((o) => o.status === 'done' && o.journalId);
  const cause = causeOf(state, failedAt);
  const out: Array<{ outcome: StepOutcome; line: RollbackLine }> = [];
  let stopped: string | null = cycleStillRunning(state);
  for (const o of done.reverse()) {
    const journalId = o.journalId!;
    if (stopped !== null || !services.undo) {
      const detail =
        stopped ?? 'This run cannot undo writes; undo it with syncmatch journal undo where the journal is.';
      out.push(notUndone(o, journalId, detail));
      continue;
    }
    const undone = await services.undo(journalId, signal);
    if (undone.status === 'done') {
      const detail = `Undone because ${cause} (${o.action}, journal entry ${journalId}): ${undone.detail}`;
      out.push({
        outcome: { ...undone, undoOf: journalId, detail },
        line: {
          journalId,
          action: o.action,
          undone: true,
          ...(undone.journalId ? { undoJournalId: undone.journalId } : {}),
          detail,
        },
      });
      continue;
    }
    const why = `${whyNot(state)}${undone.detail}`;
    out.push(
      notUndone(
        o,
        journalId,
        `Could not undo ${o.action} (journal entry ${journalId}) after ${cause}: ${why}`,
      ),
    );
    stopped = `Not undone: the newer write ${o.action} (journal entry ${journalId}) could not be undone, so this older one is kept (undoing it first could leave a worse state).`;
  }
  return out;
}

/**
 * The cycle our trigger started was still running when the wait ended: undoing now would race its
 * export (an anchor cleared under a running hard match can end in a new, duplicate cloud user), so
 * the writes are kept and the run says how to finish.
 */
function cycleStillRunning(state: WizardState): string | null {
  if (state.verdict?.verdict !== 'timeout' || state.verdict.after !== null) return null;
  return (
    'Not undone: the sync cycle was still running on the Connect server, and undoing now would race ' +
    `its export. Run 'syncmatch sync --wait ${state.identity ?? '<identity>'}'; if it does not match, undo ` +
    'with syncmatch journal undo <entry>.'
  );
}

function notUndone(o: StepOutcome, journalId: string, detail: string) {
  return {
    outcome: { action: o.action, status: 'failed' as const, detail },
    line: { journalId, action: o.action, undone: false, detail },
  };
}

function causeOf(state: WizardState, failedAt: number): string {
  const o = state.outcomes[failedAt];
  if (o?.action === 'TRIGGER_DELTA_SYNC') return 'the sync could not run';
  if (o?.action === 'VERIFY_MATCH' || !o) {
    return state.verdict?.verdict === 'wrong-object'
      ? 'the sync joined the wrong object'
      : 'the match was not verified';
  }
  return 'a later step failed';
}

/** When the sync has already joined the target, Graph refuses edits of what AD now masters. */
function whyNot(state: WizardState): string {
  const target = state.verdict?.after?.target;
  if (target?.onPremisesSyncEnabled !== true) return '';
  return (
    `the sync already joined ${target.userPrincipalName} to an on-premises object (onPremisesSyncEnabled is true), ` +
    'so Graph refuses edits of what AD now masters; correct it in AD and sync again. Graph said: '
  );
}
