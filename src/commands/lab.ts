import type { GlobalOptions } from './global-options.js';
import { notBuilt } from './not-built.js';
export async function labCommand(_scenario: string | undefined, _opts: GlobalOptions): Promise<number> {
  notBuilt('syncmatch lab', 'the lab');
}
