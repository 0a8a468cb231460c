// The real directory, tenant and sync server, from the config profile (syncmatch setup).
import { loadSettings } from '../adapters/config/index.js';
import { UserFacingError } from '../core/errors.js';
import type { Environment } from './environment-types.js';
import type { GlobalOptions } from './global-options.js';

export async function openRealEnvironment(opts: GlobalOptions): Promise<Environment> {
  const flags = opts as GlobalOptions & Record<string, unknown>;
  const settings = loadSettings({ profile: opts.profile, flags });
  // Nothing at all configured is its own case: the wizard then offers the lab instead.
  if (settings.ad.status === 'missing' && settings.tenant.status === 'missing') {
    throw new UserFacingError(
      `No connection settings${opts.profile ? ` for profile "${opts.profile}"` : ''}: real directories are configured with 'syncmatch setup'.`,
      'NOT_CONFIGURED',
      "Run 'syncmatch setup', or practise on the lab with --lab <scenario> (syncmatch lab --list).",
      2,
    );
  }
  const { openProfileEnvironment } = await import('./profile-connections.js');
  return openProfileEnvironment(flags, settings);
}
