// The wizard on a lab scenario: the scenario's heading (name, identity) is read first, the lab's
// services start while the first frame is already on screen.
import { labJournalPath } from '../adapters/journal/location.js';
import { readScenarioHeading } from '../lab/scenario-heading.js';
import type { GlobalOptions } from './global-options.js';
import { readOnlyDecision } from './read-only.js';
import { runWizardWhileOpening } from './run-wizard.js';

export async function runLabWizard(
  scenarioRef: string,
  identity: string | undefined,
  opts: GlobalOptions,
  /** From the lab's picker: called when the technician goes back to it (Esc, "Another scenario"). */
  onBackToPicker?: () => void,
): Promise<number> {
  const heading = await readScenarioHeading(scenarioRef);
  const open = () =>
    import('./lab-environment.js').then(({ openLabEnvironment }) =>
      openLabEnvironment(heading.scenario ?? scenarioRef, opts),
    );
  const meta = {
    environmentLabel: `lab: ${heading.name}`,
    suggestedIdentity: heading.identity,
    readOnly: readOnlyDecision(opts).readOnly,
    journalPath: labJournalPath(),
  };
  return runWizardWhileOpening(meta, open, identity, opts, {
    lab: scenarioRef,
    ...(onBackToPicker ? { onBackToPicker } : {}),
  });
}
