// Pairs intent and result lines into writes, and finds the writes whose result is unknown.
import type { JournalEntry, JournalWrite } from '../../ports.js';

export interface PairedWrites {
  writes: JournalWrite[];
  problems: string[];
}

export function pairWrites(entries: JournalEntry[]): PairedWrites {
  const byId = new Map<string, JournalWrite>();
  const problems: string[] = [];
  for (const entry of entries) {
    let write = byId.get(entry.id);
    if (!write) {
      write = { id: entry.id, intent: null, result: null };
      byId.set(entry.id, write);
    }
    const slot = entry.phase === 'intent' ? 'intent' : 'result';
    if (write[slot]) {
      problems.push(`Entry ${entry.id} has more than one ${slot} line; the first one is used.`);
      continue;
    }
    write[slot] = entry;
  }
  for (const write of byId.values()) {
    if (!write.intent) {
      problems.push(`Entry ${write.id} has a result but its intent line is missing or unreadable.`);
    }
  }
  return { writes: [...byId.values()], problems };
}

/** The write's result is unknown: no result line (crash, Ctrl-C) or a result that could not tell. */
export function isUnfinished(write: JournalWrite): boolean {
  return write.intent !== null && (write.result === null || write.result.result === 'unknown');
}

/**
 * Unfinished writes still worth reporting. A later write on the same object whose result is known
 * means someone re-read that object since (every write re-reads it first), so the question is
 * settled and the old entry stops being reported at start; `syncmatch journal` still flags it.
 */
export function openUnfinished(writes: JournalWrite[]): JournalWrite[] {
  return writes.filter((write, index) => {
    if (!isUnfinished(write)) return false;
    const intent = write.intent as JournalEntry;
    return !writes.slice(index + 1).some((later) => {
      const known = later.result;
      return (
        known !== null &&
        known.result !== 'unknown' &&
        known.tenant === intent.tenant &&
        known.target.id === intent.target.id
      );
    });
  });
}

/** "2026-01-14T09:30:12.345Z" → "2026-01-14 09:30 UTC". */
export function shortTime(iso: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}

export function unfinishedSentence(write: JournalWrite): string {
  const intent = write.intent as JournalEntry;
  const who = intent.target.userPrincipalName ?? intent.target.id;
  const what =
    `Write ${write.id} (${intent.step} on ${who} in ${intent.tenant}, ` +
    `${shortTime(intent.at)}, by ${intent.operator})`;
  const why =
    write.result === null
      ? 'has no recorded result: the program stopped after announcing it, so it may or may not have reached the tenant'
      : `was cut off and reading the object back could not tell whether it landed${write.result.error ? ` (${write.result.error})` : ''}`;
  return `${what} ${why}. Diagnose ${who} again to see what the tenant holds now.`;
}
