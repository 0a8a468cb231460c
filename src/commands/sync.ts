import type { GlobalOptions } from './global-options.js';
import { notBuilt } from './not-built.js';
export async function syncCommand(_opts: GlobalOptions & { wait?: string }): Promise<number> {
  notBuilt('syncmatch sync', 'the remoting hook');
}
