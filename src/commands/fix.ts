import type { GlobalOptions } from './global-options.js';
import { notBuilt } from './not-built.js';
export async function fixCommand(
  _identity: string,
  _opts: GlobalOptions & { yes?: boolean },
): Promise<number> {
  notBuilt('syncmatch fix', 'the wizard');
}
