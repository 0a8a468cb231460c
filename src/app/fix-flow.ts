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
): Promise<FixReport> {
  let state = initialWizardState({
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
  const after = state.verdict?.after ?? null;
  const latest = after ?? state.diagnosis;
  return {
    before: state.before,
    applied: state.outcomes.map(({ action, status, detail }) => ({ action, status, detail })),
    after,
    matched: Boolean(latest?.findings.some((f) => f.code === 'ALREADY_MATCHED')),
    warnings: state.warnings,
    exitCode: state.exit ?? 1,
    ticket: ticketOf(state),
  };
}
