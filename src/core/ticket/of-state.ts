// The ticket of a wizard walk (finished or stopped): the same summary for the wizard's screen, for
// `fix --yes` and for the report file.
import type { WizardState } from '../wizard/state.js';
import { buildTicket, type Ticket } from './ticket.js';

export function ticketOf(state: WizardState, at: Date = new Date()): Ticket {
  return buildTicket({
    environment: state.config.environmentLabel,
    lab: state.config.environmentLabel.startsWith('lab:'),
    journalPath: state.config.journalPath,
    before: state.before,
    after: state.verdict?.after ?? state.diagnosis,
    outcomes: state.outcomes,
    syncVerdict: state.verdict?.detail ?? null,
    readOnly: state.config.readOnly,
    at: at.toISOString(),
  });
}
