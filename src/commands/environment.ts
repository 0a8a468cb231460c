// Builds what a command talks to: AD, the tenant, the sync trigger, the journal — either the
// built-in lab (--lab) or the real services from the config profile.
import { UserFacingError } from '../core/errors.js';
import type { Environment } from './environment-types.js';
import type { GlobalOptions } from './global-options.js';

export type { Environment } from './environment-types.js';

export async function openEnvironment(opts: GlobalOptions): Promise<Environment> {
  if (opts.lab !== undefined && opts.lab !== false) {
    const { openLabEnvironment } = await import('./lab-environment.js');
    return openLabEnvironment(typeof opts.lab === 'string' ? opts.lab : undefined, opts);
  }
  const { openRealEnvironment } = await import('./real-environment.js');
  return openRealEnvironment(opts);
}

export function noScenarioError(): UserFacingError {
  return new UserFacingError(
    '--lab needs a scenario name here.',
    'LAB_SCENARIO_REQUIRED',
    "'syncmatch lab --list' lists them, e.g. --lab stale-immutable-id.",
  );
}
