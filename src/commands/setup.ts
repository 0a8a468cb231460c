import type { GlobalOptions } from './global-options.js';
import { notBuilt } from './not-built.js';
export async function setupCommand(_opts: GlobalOptions & { check?: boolean }): Promise<number> {
  notBuilt('syncmatch setup', 'setup and config');
}
