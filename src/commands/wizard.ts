// `syncmatch [identity]`: the interactive wizard. Before anything is configured (and with no
// identity) it opens the built-in lab's picker, so `npm start` always lands somewhere useful.
import { UsageError, UserFacingError } from '../core/errors.js';
import { parseIdentity } from '../core/identity-input.js';
import { openEnvironment } from './environment.js';
import type { Environment } from './environment-types.js';
import { runLabWizard } from './lab-wizard.js';
import { runWizard } from './run-wizard.js';
import type { GlobalOptions } from './global-options.js';

export async function wizardCommand(identity: string | undefined, opts: GlobalOptions): Promise<number> {
  if (opts.json) {
    throw new UsageError(
      'The wizard is interactive and has no --json output.',
      'Use "syncmatch diagnose <identity> --json" or "syncmatch fix <identity> --yes --json".',
    );
  }
  if (identity !== undefined) parseIdentity(identity);
  if (typeof opts.lab === 'string') return runLabWizard(opts.lab, identity, opts);
  if (opts.lab === true) {
    const { labCommand } = await import('./lab.js');
    return labCommand(undefined, opts);
  }
  let env: Environment;
  try {
    env = await openEnvironment(opts);
  } catch (e) {
    if (
      identity === undefined &&
      e instanceof UserFacingError &&
      e.code === 'NOT_CONFIGURED' &&
      opts.lab === undefined
    ) {
      const { labCommand } = await import('./lab.js');
      return labCommand(
        undefined,
        opts,
        'Nothing is configured yet (syncmatch setup): here is the built-in lab.',
      );
    }
    throw e;
  }
  return runWizard(env, identity, opts);
}
