// The wizard on a lab scenario: the scenario is read first (name, identity), the lab's services
// start while the first frame is already on screen.
import { labJournalPath } from '../adapters/journal/location.js';
import { loadScenario } from '../lab/scenario-loader.js';
import type { GlobalOptions } from './global-options.js';
import { runWizardWhileOpening } from './run-wizard.js';

export async function runLabWizard(
  scenarioRef: string,
  identity: string | undefined,
  opts: GlobalOptions,
): Promise<number> {
  const scenario = await loadScenario(scenarioRef);
  const open = () =>
    import('./lab-environment.js').then(({ openLabEnvironment }) => openLabEnvironment(scenarioRef, opts));
  const meta = {
    environmentLabel: `lab: ${scenario.name}`,
    suggestedIdentity: scenario.identity,
    readOnly: Boolean(opts.readOnly),
    journalPath: labJournalPath(),
  };
  return runWizardWhileOpening(meta, open, identity, opts);
}
