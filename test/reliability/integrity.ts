// After a run with faults: was anything lost or corrupted? The simulator's request log (every write
// the tenant received) is held against the journal (what the tool says it did), and each journal
// claim against the object as it was read back and as the lab holds it now.
import { performance } from 'node:perf_hooks';
import type { CloudUser } from '../../src/core/snapshot.js';
import type { LoggedRequest } from '../../src/lab/graph-simulator/faults.js';
import type { LabState } from '../../src/lab/lab-state.js';
import type { Journal, JournalEntry, JournalWrite } from '../../src/ports.js';

export interface Integrity {
  writesSent: number;
  writesWithoutJournal: number;
  /** Sentences: what was lost or corrupted. Empty when the run kept its data. */
  problems: string[];
}

const WRITE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Write requests the tenant received: top-level and inside $batch, never the $batch POST itself. */
export function writeRequests(log: readonly LoggedRequest[]): LoggedRequest[] {
  return log.filter((e) => WRITE.has(e.method) && !e.url.startsWith('/$batch'));
}

function valueOf(entry: JournalEntry, state: CloudUser | null): unknown {
  if (entry.property === 'state') return state ? 'present' : 'gone';
  if (!state) return 'gone';
  return (state as unknown as Record<string, unknown>)[entry.property] ?? null;
}

function same(property: string, a: unknown, b: unknown): boolean {
  if (property === 'userPrincipalName' && typeof a === 'string' && typeof b === 'string')
    return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** The value a write's `after` means once read back ('state' writes: purged = gone, restored = present). */
function expectedAfter(intent: JournalEntry): unknown {
  if (intent.property !== 'state') return intent.after;
  return intent.step === 'PURGE_DELETED_USER' ? 'gone' : 'present';
}

function expectedBefore(intent: JournalEntry): unknown {
  return intent.property === 'state' ? 'present' : intent.before;
}

/** Where the lab holds the object now: the value of the write's property, as `valueOf` reads it. */
function liveValue(state: LabState, intent: JournalEntry): unknown {
  const id = intent.target.id;
  if (intent.property === 'state') {
    const inBin = state.tenant.deletedUsers.some((u) => u.id === id);
    return intent.step === 'PURGE_DELETED_USER'
      ? inBin
        ? 'present'
        : 'gone'
      : state.tenant.users.some((u) => u.id === id)
        ? 'present'
        : 'gone';
  }
  const user = state.tenant.users.find((u) => u.id === id) ?? null;
  return valueOf(intent, user as unknown as CloudUser | null);
}

export async function checkIntegrity(input: {
  log: readonly LoggedRequest[];
  journal: Journal;
  /** performance.now() when each intent's append had reached the disk, by entry id (same process
   *  as the simulator). Without it the intent's own `at` (wall clock) is compared. */
  intentWritten?: ReadonlyMap<string, number>;
  /** The lab as it is now; pass it when no sync ran after the writes (the sync changes the tenant). */
  state?: LabState;
}): Promise<Integrity> {
  const problems: string[] = [];
  const contents = await input.journal.read();
  problems.push(...contents.problems.map((p) => `journal: ${p}`));
  const intents = contents.entries.filter((e) => e.phase === 'intent');

  // 1. Every write the tenant received was announced in the journal first.
  const writes = writeRequests(input.log);
  let withoutJournal = 0;
  for (const w of writes) {
    const url = decodeURIComponent(w.url);
    const before = (i: JournalEntry): boolean => {
      const written = input.intentWritten?.get(i.id);
      return written !== undefined
        ? written <= w.startedAt
        : Date.parse(i.at) <= performance.timeOrigin + w.startedAt + 1;
    };
    const announced = intents.some((i) => url.includes(i.target.id) && before(i));
    if (!announced) {
      withoutJournal += 1;
      problems.push(`${w.method} ${w.url} reached the tenant without a journal intent before it`);
    }
  }

  // 2. Every intent has a result, or the journal reports it as unfinished.
  const unfinished = (await input.journal.unfinishedWrites()).join('\n');
  for (const [i, write] of contents.writes.entries()) {
    if (!write.intent) continue;
    const open = write.result === null || write.result.result === 'unknown';
    if (open && !unfinished.includes(write.id)) {
      problems.push(`write ${write.id} has no known result and is not reported as unfinished`);
    }
    // The tenant holds what the last done write of a property set: a later one (an undo) supersedes it.
    const { target, property } = write.intent;
    const superseded = contents.writes
      .slice(i + 1)
      .some(
        (w) =>
          w.intent?.target.id === target.id && w.intent.property === property && w.result?.result === 'done',
      );
    problems.push(...claimProblems(write, superseded ? undefined : input.state));
  }
  return { writesSent: writes.length, writesWithoutJournal: withoutJournal, problems };
}

/** A result line must say what the read-back (and the lab, when given) shows. */
function claimProblems(write: JournalWrite, state: LabState | undefined): string[] {
  const intent = write.intent!;
  const result = write.result;
  const out: string[] = [];
  if (intent.step === 'PURGE_DELETED_USER' && intent.exported?.id !== intent.target.id) {
    out.push(`write ${write.id} purged ${intent.target.id} without exporting it into the journal first`);
  }
  if (!result || (result.result !== 'done' && result.result !== 'failed')) return out;
  const wanted = result.result === 'done' ? expectedAfter(intent) : expectedBefore(intent);
  if (result.state !== undefined) {
    const seen = valueOf(intent, result.state);
    if (!same(intent.property, seen, wanted)) {
      out.push(
        `write ${write.id} is journalled ${result.result}, but its read-back shows ${intent.property} = ${String(seen)}`,
      );
    }
  }
  if (state) {
    const live = liveValue(state, intent);
    if (!same(intent.property, live, wanted)) {
      out.push(
        `write ${write.id} is journalled ${result.result}, but the tenant holds ${intent.property} = ${String(live)}`,
      );
    }
  }
  return out;
}
