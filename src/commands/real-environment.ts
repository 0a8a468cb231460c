// The real directory, tenant and sync server, from the config profile (syncmatch setup).
import { UserFacingError } from '../core/errors.js';
import type { Environment } from './environment-types.js';
import type { GlobalOptions } from './global-options.js';

export async function openRealEnvironment(opts: GlobalOptions): Promise<Environment> {
  throw new UserFacingError(
    `No connection settings${opts.profile ? ` for profile "${opts.profile}"` : ''}: real directories are configured with 'syncmatch setup'.`,
    'NOT_CONFIGURED',
    "Run 'syncmatch setup', or practise on the lab with --lab <scenario> (syncmatch lab --list).",
  );
}
