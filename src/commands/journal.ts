import type { GlobalOptions } from './global-options.js';
import { notBuilt } from './not-built.js';
export async function journalListCommand(_opts: GlobalOptions): Promise<number> {
  notBuilt('syncmatch journal', 'the journal');
}
export async function journalUndoCommand(_entry: string, _opts: GlobalOptions): Promise<number> {
  notBuilt('syncmatch journal undo', 'the journal');
}
