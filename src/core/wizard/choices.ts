// The choices each screen offers, as data: the reducer acts on the chosen id and the UI renders the
// labels, so what is shown is always what Enter does.
import type { PlanStep } from '../plan-types.js';
import type { ErrorChoiceId, WizardState } from './state.js';
import { offeredAlternative } from './alternative.js';
import { nextStep } from './walk.js';

export type PlanChoiceId = 'next' | 'back' | 'finish' | 'reread' | 'restore';
export type ConfirmChoiceId = 'apply' | 'back';
export type ManualChoiceId = 'check' | 'lab' | 'back';
export type SyncChoiceId = 'finish' | 'reread';

export interface Choice<Id extends string> {
  id: Id;
  label: string;
}

export function planChoices(state: WizardState): Choice<PlanChoiceId>[] {
  if (state.walk.halted) {
    return [
      { id: 'reread', label: 'Read the user again and re-plan' },
      { id: 'finish', label: 'Finish: show the summary' },
    ];
  }
  const next = nextStep(state);
  if (!next) {
    return [
      { id: 'finish', label: 'Finish: show the summary' },
      { id: 'back', label: 'Back to the findings' },
    ];
  }
  const verb = next.step.writes ? 'Review' : 'Go to';
  // After a write the reading is old: offer a fresh one (it re-plans from what the tenant holds now).
  const reread: Choice<PlanChoiceId>[] = state.walk.results.some((r) => r?.status === 'done' && r.journalId)
    ? [{ id: 'reread', label: 'Read the user again and re-plan' }]
    : [];
  const alternative = offeredAlternative(state);
  const restore: Choice<PlanChoiceId>[] = alternative ? [{ id: 'restore', label: alternative.label }] : [];
  return [
    { id: 'next', label: `${verb} step ${next.index + 1}: ${next.step.description}` },
    ...restore,
    { id: 'back', label: 'Back to the findings' },
    { id: 'finish', label: 'Finish here: show the summary' },
    ...reread,
  ];
}

export function confirmChoices(): Choice<ConfirmChoiceId>[] {
  return [
    { id: 'apply', label: 'Apply this change' },
    { id: 'back', label: 'Back to the plan (write nothing)' },
  ];
}

export function manualChoices(state?: WizardState, step?: PlanStep): Choice<ManualChoiceId>[] {
  const lab: Choice<ManualChoiceId>[] =
    state?.config.canDoInLab && step?.manual?.lab?.length
      ? [{ id: 'lab', label: "Do it in the lab (makes this change in the lab's AD or tenant, then checks)" }]
      : [];
  return [
    { id: 'check', label: 'Check again (re-reads the user)' },
    ...lab,
    { id: 'back', label: 'Back to the plan' },
  ];
}

export function syncChoices(state: WizardState): Choice<SyncChoiceId>[] {
  const finish: Choice<SyncChoiceId> = { id: 'finish', label: 'Show the summary' };
  if (!state.verdict || state.verdict.verdict === 'matched') return [finish];
  return [finish, { id: 'reread', label: 'Read the user again and re-plan' }];
}

const ERROR_LABELS: Record<ErrorChoiceId, string> = {
  retryDiagnose: 'Try the reading again',
  identity: 'Enter another identity',
  reread: 'Read the user again and re-plan',
  retrySync: 'Try the sync again',
  finish: 'Finish: show the summary',
  quit: 'Quit',
};

export function errorChoices(ids: readonly ErrorChoiceId[]): Choice<ErrorChoiceId>[] {
  return ids.map((id) => ({ id, label: ERROR_LABELS[id] }));
}
