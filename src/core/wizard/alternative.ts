// "Restore instead" (issue 13, point 5): the plan screen offers the diagnosis's alternative plan
// while nothing of the current plan is written; choosing it makes it the plan being walked (each of
// its writes is still confirmed on its own).
import type { PlanAlternative } from '../diagnosis-types.js';
import type { WizardState } from './state.js';
import { planScreen } from './transitions.js';
import { emptyWalk } from './walk.js';

/** The alternative on offer now, if any: never once a write of this plan has landed. */
export function offeredAlternative(state: WizardState): PlanAlternative | null {
  if (state.walk.halted || state.walk.results.some((r) => r !== undefined)) return null;
  return state.diagnosis?.alternatives?.[0] ?? null;
}

export function adoptAlternative(state: WizardState): WizardState {
  const alt = offeredAlternative(state);
  if (!alt || !state.diagnosis) return state;
  const diagnosis = {
    ...state.diagnosis,
    target: alt.target,
    plan: alt.plan,
    forecast: alt.forecast,
    alternatives: [],
  };
  return planScreen(
    { ...state, diagnosis, walk: emptyWalk() },
    `The plan now restores instead. ${alt.reason}`,
  );
}
