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
  const after = state.verdict?.after ?? null;
  const latest = after ?? state.diagnosis;
  return {
    before: state.before,
    applied: [...state.outcomes, ...rolledBack].map(({ action, status, detail }) => ({
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
    exitCode: state.exit ?? 1,
    ticket: ticketOf(state),
  };
}

/** The first outcome that ended the walk early, as a sentence. */
function stopReason(state: WizardState): string | null {
  const stop = state.outcomes.find((o) => o.status !== 'done');
  if (stop) return `${stop.action}: ${stop.detail}`;
  if (state.verdict && state.verdict.verdict !== 'matched') return state.verdict.detail;
  return null;
}

/**
 * A write failed (or found its object changed) after earlier writes of this run landed: the user
 * is left half-done (e.g. signing in on the initial domain after a UPN move). Each completed write
 * is undone, newest first, through the journal (so the undo is journalled too), or the outcome says
 * why it cannot be (issue 13, point 4).
 */
async function rollBack(
  services: WizardServices,
  state: WizardState,
  signal: AbortSignal,
): Promise<StepOutcome[]> {
  const writes = new Set([
    'SET_IMMUTABLE_ID',
    'CLEAR_IMMUTABLE_ID',
    'MOVE_UPN_TO_INITIAL_DOMAIN',
    'PURGE_DELETED_USER',
    'RESTORE_DELETED_USER',
    'SET_CONSISTENCY_GUID',
  ]);
  const failedAt = state.outcomes.findIndex(
    (o) => (o.status === 'failed' || o.stale === true) && writes.has(o.action),
  );
  if (failedAt < 0 || !services.undo) return [];
  const done = state.outcomes.slice(0, failedAt).filter((o) => o.status === 'done' && o.journalId);
  const out: StepOutcome[] = [];
  for (const o of done.reverse()) {
    const undone = await services.undo(o.journalId!, signal);
    out.push({
      ...undone,
      detail:
        undone.status === 'done'
          ? `Undone because a later step failed (${o.action}, journal entry ${o.journalId}): ${undone.detail}`
          : `Could not undo ${o.action} (journal entry ${o.journalId}) after the later failure: ${undone.detail}`,
    });
  }
  return out;
}
