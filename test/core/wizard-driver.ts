// Helpers to drive the wizard's reducer in tests: keys by name, and answers to its requests.
import type { Diagnosis } from '../../src/core/diagnosis-types.js';
import { initialWizardState } from '../../src/core/wizard/init.js';
import { char, key, type Key, type NamedKey } from '../../src/core/wizard/keys.js';
import { wizardReducer } from '../../src/core/wizard/reducer.js';
import type { WizardConfig, WizardEvent, WizardState } from '../../src/core/wizard/state.js';

export const config: WizardConfig = {
  environmentLabel: 'lab: test',
  readOnly: false,
  journalPath: '/tmp/journal.jsonl',
};

/** Names (up, enter, …) or single characters. */
export function keys(...names: string[]): WizardEvent[] {
  return names.map((n): WizardEvent => ({ type: 'key', key: toKey(n) }));
}

function toKey(n: string): Key {
  return n.length === 1 ? char(n) : key(n as NamedKey);
}

export function typed(text: string): WizardEvent[] {
  return [...text].map((c) => ({ type: 'key', key: char(c) }));
}

export function run(state: WizardState, ...events: WizardEvent[][]): WizardState {
  return events.flat().reduce(wizardReducer, state);
}

export function requestId(state: WizardState): number {
  if (!state.request) throw new Error(`no request pending on screen ${state.screen.kind}`);
  return state.request.id;
}

/** A wizard that has read `diagnosis` for jdoe and shows its findings. */
export function atFindings(diagnosis: Diagnosis, extra: Partial<WizardConfig> = {}): WizardState {
  let s = initialWizardState({ ...config, identity: 'jdoe', ...extra });
  s = wizardReducer(s, { type: 'unfinishedWrites', request: requestId(s), lines: [] });
  return wizardReducer(s, { type: 'diagnosed', request: requestId(s), diagnosis });
}

export const answer = {
  diagnosed: (s: WizardState, diagnosis: Diagnosis): WizardEvent => ({
    type: 'diagnosed',
    request: requestId(s),
    diagnosis,
  }),
};
