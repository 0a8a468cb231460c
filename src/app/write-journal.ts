// What every guarded write (apply-step.ts for the tenant, apply-ad-step.ts for AD) says to the
// journal and to the technician: the intent before the write is sent, the result after it, and
// errors as one sentence. Secrets are scrubbed from every line before it is written.
import { UserFacingError } from '../core/errors.js';
import type { Clock, Journal, JournalEntry } from '../ports.js';
import { scrubKnownSecrets } from './redact.js';

/** The error as one sentence, without the hint. */
export function errorText(error: unknown): string {
  const raw = error instanceof Error ? error.message.trim() : String(error);
  const sentence = /[.!?]$/.test(raw) ? raw : `${raw}.`;
  return error instanceof UserFacingError ? sentence : `Unexpected error: ${sentence}`;
}

/** The error as a sentence and, for an expected failure, what to try. */
export function explain(error: unknown): string {
  const hint = error instanceof UserFacingError && error.hint ? ` Try: ${error.hint}` : '';
  return `${errorText(error)}${hint}`;
}

export type ResultRecorder = (
  result: NonNullable<JournalEntry['result']>,
  fields: Partial<JournalEntry>,
) => Promise<string>;

/** The two journal lines of one write (`base`: what both say). */
export function writeJournal(
  deps: { journal: Journal; secrets?: readonly string[] },
  clock: Pick<Clock, 'now'>,
  base: Omit<JournalEntry, 'at' | 'phase'>,
): {
  /** Records the intent; throws when the journal cannot (then nothing may be written). */
  intent: (extra?: Partial<JournalEntry>) => Promise<void>;
  /** Records the result; '' or a sentence saying the journal could not (to end the outcome). */
  result: ResultRecorder;
} {
  const append = (entry: JournalEntry) => deps.journal.append(scrubKnownSecrets(entry, deps.secrets ?? []));
  return {
    intent: (extra = {}) => append({ ...base, at: clock.now().toISOString(), phase: 'intent', ...extra }),
    result: async (result, fields) => {
      try {
        await append({ ...base, at: clock.now().toISOString(), phase: 'result', result, ...fields });
        return '';
      } catch (error) {
        return ` The journal could not record this result (${explain(error)}), so the next start will list entry ${base.id} as unfinished.`;
      }
    },
  };
}
