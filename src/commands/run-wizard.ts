// Renders the wizard on an open environment (real or lab) and closes the environment afterwards.
import { createWizardServices } from '../app/wizard-services.js';
import { operatorName } from '../adapters/journal/operator.js';
import { systemClock } from '../adapters/system-clock.js';
import type { Environment } from './environment-types.js';
import type { GlobalOptions } from './global-options.js';
import { colorEnabled } from './output.js';

/** Renders the wizard on an open environment and closes it afterwards. */
export async function runWizard(
  env: Environment,
  identity: string | undefined,
  opts: GlobalOptions,
): Promise<number> {
  try {
    const lab = env.label.startsWith('lab:');
    const services = createWizardServices({
      ...env,
      clock: systemClock,
      operator: operatorName(),
      readOnly: opts.readOnly,
      undoCommand: lab
        ? null
        : opts.profile
          ? (id) => `syncmatch --profile ${opts.profile} journal undo ${id}`
          : undefined,
    });
    const { renderWizard } = await import('../ui/render-wizard.js');
    return await renderWizard(services, { identity, color: colorEnabled(opts) });
  } finally {
    await env.close();
  }
}
