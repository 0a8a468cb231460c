// A trainee in the lab, headless: drives the wizard's own reducer and request runner (the code the
// Ink wizard uses) with keys, through the real lab services, choosing "do it in the lab" at every
// MANUAL step, confirming every write (typing the confirmation of an irreversible one), and
// re-reading after a sync that did not match. Returns how the walk ended.
import { performRequest } from '../../src/app/perform-request.js';
import type { WizardServices } from '../../src/app/services.js';
import { manualChoices, planChoices, syncChoices } from '../../src/core/wizard/choices.js';
import { initialWizardState } from '../../src/core/wizard/init.js';
import { char, key, type Key } from '../../src/core/wizard/keys.js';
import { wizardReducer } from '../../src/core/wizard/reducer.js';
import type { WizardState } from '../../src/core/wizard/state.js';
import { confirmationText, isMatched, latestDiagnosis, stepAt } from '../../src/core/wizard/walk.js';

export interface LabWalk {
  /** The latest diagnosis says ALREADY_MATCHED (after a verified sync, or read again). */
  matched: boolean;
  /** Why the walk could not go on, when it did not end matched. */
  stuck: string | null;
  /** Every step outcome, as the summary lists them. */
  outcomes: string[];
  state: WizardState;
}

const choose = (at: number, index: number): Key[] => [
  ...Array.from({ length: Math.max(0, at) }, () => key('up')),
  ...Array.from({ length: index }, () => key('down')),
  key('enter'),
];

/** The trainee's next keys on this screen, or why the walk ends. */
function decide(state: WizardState): Key[] | { end: string | null } {
  const s = state.screen;
  const matchedNow = isMatched(latestDiagnosis(state));
  switch (s.kind) {
    case 'warnings':
    case 'reading':
    case 'findings':
      return [key('enter')];
    case 'plan': {
      const choices = planChoices(state);
      const next = choices.findIndex((c) => c.id === 'next');
      if (next >= 0) return choose(s.choice, next);
      if (matchedNow) return { end: null };
      const reread = choices.findIndex((c) => c.id === 'reread');
      if (reread >= 0) return choose(s.choice, reread);
      return { end: `the plan offers nothing more and the user is not matched (${s.notice ?? 'no notice'})` };
    }
    case 'confirm': {
      const step = stepAt(state, s.step)!;
      if (step.reversible) return [key('enter')];
      return [...[...confirmationText(step)].map(char), key('enter')];
    }
    case 'manual': {
      const step = stepAt(state, s.step);
      if (s.check.status === 'still' || s.check.status === 'failed') {
        return { end: `the MANUAL step "${step?.description}" was done in the lab but: ${s.check.detail}` };
      }
      const lab = manualChoices(state, step).findIndex((c) => c.id === 'lab');
      if (lab < 0) return { end: `the MANUAL step "${step?.description}" has no "do it in the lab"` };
      return choose(s.choice, lab);
    }
    case 'sync': {
      if (state.verdict?.verdict === 'matched') return { end: null };
      const reread = syncChoices(state).findIndex((c) => c.id === 'reread');
      if (reread >= 0) return choose(s.choice, reread);
      return { end: `the sync did not match: ${state.verdict?.detail ?? 'no verdict'}` };
    }
    case 'summary':
      return { end: matchedNow ? null : 'the walk reached the summary unmatched' };
    case 'error':
      return { end: `${s.title}: ${s.error.message}` };
    default:
      return { end: `stopped on the ${s.kind} screen` };
  }
}

export async function walkInTheLab(
  services: WizardServices,
  identity: string,
  maxKeys = 400,
): Promise<LabWalk> {
  let state = initialWizardState({
    environmentLabel: services.environmentLabel,
    readOnly: services.readOnly,
    journalPath: services.journalPath,
    identity,
    canDoInLab: services.doInLab !== undefined,
    canUndo: true,
  });
  const signal = new AbortController().signal;
  let stuck: string | null = null;
  for (let n = 0; n < maxKeys;) {
    if (state.request) {
      await performRequest(state.request, services, signal, (event) => {
        state = wizardReducer(state, event);
      });
      continue;
    }
    const keys = decide(state);
    if (!Array.isArray(keys)) {
      stuck = keys.end;
      break;
    }
    for (const k of keys) state = wizardReducer(state, { type: 'key', key: k });
    n += keys.length;
    if (n >= maxKeys) stuck = `no end after ${maxKeys} keys (on the ${state.screen.kind} screen)`;
  }
  const matched =
    isMatched(latestDiagnosis(state)) && (!state.verdict || state.verdict.verdict === 'matched');
  return {
    matched: matched && stuck === null,
    stuck,
    outcomes: state.outcomes.map((o) => `${o.action}:${o.status}: ${o.detail}`),
    state,
  };
}
