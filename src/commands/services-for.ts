// The wizard's services on an opened environment: the clock, the operator's name for the journal,
// --read-only, and the undo command the summary shows.
import { operatorName } from '../adapters/journal/operator.js';
import { systemClock } from '../adapters/system-clock.js';
import { createWizardServices, type ServiceDeps } from '../app/wizard-services.js';
import type { Environment } from './environment-types.js';
import type { GlobalOptions } from './global-options.js';
import { readOnlyDecision } from './read-only.js';

export function servicesFor(env: Environment, opts: GlobalOptions, extra: Partial<ServiceDeps> = {}) {
  const lab = env.label.startsWith('lab:');
  return createWizardServices({
    ...env,
    ...extra,
    clock: systemClock,
    operator: operatorName(),
    // The one decision (flag, SYNCMATCH_READ_ONLY, profile): the write path itself refuses too.
    readOnly: readOnlyDecision(opts).readOnly,
    undoCommand: lab
      ? null
      : opts.profile
        ? (id) => `syncmatch --profile ${opts.profile} journal undo ${id}`
        : undefined,
  });
}
