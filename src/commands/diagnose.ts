import type { GlobalOptions } from './global-options.js';
import { notBuilt } from './not-built.js';
export async function diagnoseCommand(_identity: string, _opts: GlobalOptions): Promise<number> {
  notBuilt('syncmatch diagnose', 'diagnosis');
}
