// The edges of the journal commands (`journal`, `journal undo`, `journal undo --batch`),
// replaceable in tests.
import type { Journal, OnPremDirectory, OnPremWriter, Tenant } from '../ports.js';
import type { GlobalOptions } from './global-options.js';
import type { Output } from './output.js';

/** The part of ./environment.ts's Environment the undo uses (tests give just this). */
export interface UndoEnvironment {
  tenant: Tenant;
  journal?: Journal;
  /** Secrets the run holds, scrubbed from anything journalled or shown. */
  secrets?: string[];
  /** AD, for undoing a SET_CONSISTENCY_GUID write (issue 21). */
  directory?: OnPremDirectory;
  onPremWriter?: OnPremWriter;
  /** The lab only: saves its AD and tenant (Environment.saveLab). */
  saveLab?: (file: string, batchId: string) => Promise<void>;
  close(): Promise<void>;
}

/** The edges of the journal commands, replaceable in tests. */
export interface JournalCommandIo {
  out: Output;
  /** Asks for a typed answer (the batch undo's count); null when interrupted. */
  ask(question: string): Promise<string | null>;
  journalPath(opts: GlobalOptions): string;
  openEnvironment(opts: GlobalOptions): Promise<UndoEnvironment>;
  operator(): string;
  interactive(): boolean;
  confirm(question: string): Promise<boolean>;
}
