// `fix --yes`: the same state machine as the wizard, with the technician's keys replaced by one
// rule: apply every step of the plan in order; stop at the first MANUAL step, failure or stale
// object, having written nothing after it.
import { afterStart } from './keys-start.js';
import type { WizardState } from './state.js';
import { openStep, planScreen, quit, startApply, startReading } from './transitions.js';
import { nextStep, stepAt } from './walk.js';

/** The decision a person would make on this screen; unchanged while a request is under way. */
export function autoApprove(state: WizardState): WizardState {
  if (state.exit !== null || state.request) return state;
  const screen = state.screen;
  switch (screen.kind) {
    case 'starting':
    case 'applying':
      return state;
    case 'warnings':
      return afterStart(state);
    case 'identity':
      return state.config.identity ? startReading(state, state.config.identity) : quit(state);
    case 'reading':
      // Finished with a failed line (no AD user, ambiguous): nothing to apply.
      return screen.finished ? quit(state) : state;
    case 'findings':
      return planScreen(state);
    case 'plan': {
      const next = nextStep(state);
      if (!next) return quit(state);
      if (next.step.action === 'MANUAL') {
        const outcome = {
          action: 'MANUAL' as const,
          status: 'skipped' as const,
          detail:
            `A person must do this first: ${next.step.description}. ${next.step.manual?.instructions.join(' ') ?? ''}`.trim(),
        };
        return quit({ ...state, outcomes: [...state.outcomes, outcome] });
      }
      if (next.step.action === 'PURGE_DELETED_USER' && !state.config.allowPurge) {
        const outcome = {
          action: next.step.action,
          status: 'skipped' as const,
          detail: `Not purged: ${next.step.description}. A permanent delete needs --allow-purge beside --yes (or the wizard, where you type the object's id). Nothing was written.`,
        };
        return quit({ ...state, outcomes: [...state.outcomes, outcome] });
      }
      const opened = openStep(state, next.index, next.step);
      return opened.screen.kind === 'confirm' ? startApply(opened, next.index, next.step) : opened;
    }
    case 'confirm': {
      const step = stepAt(state, screen.step);
      return step ? startApply(state, screen.step, step) : quit(state);
    }
    case 'sync':
      // The verdict is in (a request would still be set otherwise): anything left is walked on.
      return nextStep(state) ? planScreen(state) : quit(state);
    case 'manual':
    case 'summary':
    case 'leaving':
    case 'undo':
    case 'error':
      return quit(state);
  }
}
