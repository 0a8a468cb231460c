import type { GlobalOptions } from './global-options.js';
import { notBuilt } from './not-built.js';
export async function wizardCommand(_identity: string | undefined, _opts: GlobalOptions): Promise<number> {
  notBuilt('syncmatch [identity]', 'the wizard');
}
