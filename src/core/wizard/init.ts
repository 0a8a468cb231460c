// The first state: read the journal for unfinished writes before anything else is shown.
import type { WizardConfig, WizardState } from './state.js';
import { emptyWalk } from './walk.js';

export function initialWizardState(config: WizardConfig): WizardState {
  return {
    config,
    screen: { kind: 'starting' },
    help: false,
    identity: null,
    warnings: [],
    before: null,
    diagnosis: null,
    walk: emptyWalk(),
    outcomes: [],
    verdict: null,
    failure: null,
    request: { id: 1, kind: 'unfinishedWrites' },
    lastRequestId: 1,
    exit: null,
  };
}
