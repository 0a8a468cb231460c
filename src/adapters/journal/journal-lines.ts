// Reading the journal back: one JSON object per line. A crash can leave the last line half
// written; that line (and any other unreadable one) is reported and skipped, never fatal.
import { z } from 'zod';
import type { JournalEntry } from '../../ports.js';

const scalar = z.union([z.string(), z.boolean(), z.null()]);

// Checks what the journal's readers rely on; other fields (state, exported) pass through as-is.
const entrySchema = z
  .object({
    id: z.string().min(1),
    at: z.string(),
    phase: z.enum(['intent', 'result']),
    operator: z.string(),
    tenant: z.string(),
    target: z.object({ id: z.string(), userPrincipalName: z.string().nullable() }).passthrough(),
    step: z.string(),
    description: z.string(),
    property: z.string(),
    before: scalar,
    after: scalar,
    reversible: z.boolean(),
    result: z.enum(['done', 'failed', 'unknown', 'cancelled']).optional(),
    error: z.string().optional(),
    undoOf: z.string().optional(),
  })
  .passthrough();

export interface ParsedLines {
  entries: JournalEntry[];
  problems: string[];
}

/**
 * Serialises one entry as one line (JSON escapes newlines, so a value can never split it). The id
 * and the phase come first, so even a line torn a few bytes in says which write and what it was.
 */
export function entryLine(entry: JournalEntry): string {
  const { id, phase, at, ...rest } = entry;
  return `${JSON.stringify({ id, phase, at, ...rest })}\n`;
}

export function parseJournal(text: string, fileName: string): ParsedLines {
  const entries: JournalEntry[] = [];
  const problems: string[] = [];
  // Split on \n only: values may hold U+2028 or \r, which are not line ends in this format.
  const lines = text.split('\n');
  const endsCleanly = text.endsWith('\n');
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const lineNo = index + 1;
    const isLast = index === lines.length - 1 && !endsCleanly;
    const parsed = parseLine(line);
    if (parsed) {
      entries.push(parsed);
      return;
    }
    const where = isLast ? `The last line of ${fileName} (line ${lineNo})` : `Line ${lineNo} of ${fileName}`;
    const why = isLast
      ? 'is incomplete: the program was probably stopped while writing it'
      : 'is not a readable journal entry (cut short by a crash, or edited by hand)';
    problems.push(`${where} ${why}. It was skipped${consequence(line)}.`);
  });
  return { entries, problems };
}

// The writer (entryLine) puts "phase" second, right after the id, so a torn line says what it was.
function consequence(fragment: string): string {
  const phase = /"phase"\s*:\s*"(intent|result)"/.exec(fragment)?.[1];
  const id = /^\{\s*"id"\s*:\s*"([^"\\]{1,64})"/.exec(fragment)?.[1];
  const which = id ? ` (entry ${id})` : '';
  if (phase === 'intent') return `${which}; the write it announced was never sent`;
  if (phase === 'result') return `${which}; its write is listed as unfinished`;
  return which;
}

function parseLine(line: string): JournalEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const checked = entrySchema.safeParse(value);
  return checked.success ? (checked.data as unknown as JournalEntry) : null;
}
