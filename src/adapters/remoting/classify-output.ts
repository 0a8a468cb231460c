// What Start-ADSyncSyncCycle answered, whichever transport carried it. Every transport ends here
// so the same answer gives the same sentence over ssh, WinRM, locally or through a site command.
import { decodeClixml } from './clixml.js';

export type OutputKind =
  | 'success'
  | 'busy'
  | 'not-success'
  | 'cmdlet-not-found'
  | 'permission-denied'
  | 'powershell-not-found'
  | 'remoting-failed'
  | 'failed';

export interface RawOutput {
  /** null when the process was ended by a signal. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface ClassifiedOutput {
  kind: OutputKind;
  /** stdout and stderr as text (CLIXML decoded, CRLF → LF, trimmed). */
  output: string;
  exitCode: number | null;
  /** The `Result` value, when the output had one. */
  result: string | null;
  /** The first line that says what went wrong (for a one-sentence message). */
  detail: string;
}

// Facts: docs/matching-facts.md §4 ("Connector: <name> - AAD is busy.").
const BUSY = [/\bis busy\b/i, /\bsync cycle is already (?:running|in progress)\b/i];
const CMDLET_MISSING = [
  /The term '(?:Start-ADSyncSyncCycle|Import-Module)' is not recognized/i,
  /module 'ADSync' was not loaded/i,
  /\bADSync\b.*\bnot (?:loaded|found|installed)\b/i,
];
const POWERSHELL_MISSING = [
  /\b(?:powershell|pwsh)(?:\.exe)?: (?:command )?not found\b/i,
  /'(?:powershell|pwsh)(?:\.exe)?' is not recognized as an internal or external command/i,
  /The term '(?:powershell|pwsh)(?:\.exe)?' is not recognized/i,
  /\bexec: (?:powershell|pwsh)(?:\.exe)?: not found\b/i,
];
const REMOTING = [/Connecting to remote server .* failed/i, /\bWinRM cannot (?:complete|process)\b/i];
const DENIED = [
  /\bAccess is denied\b/i,
  /\bUnauthorizedAccessException\b/,
  /\bE_ACCESSDENIED\b/,
  /\bADSync(?:Operators|Admins)\b/,
  /\bpermission denied\b/i,
];

export function normalizeOutput(text: string): string {
  return decodeClixml(text).replace(/\r\n?/g, '\n');
}

export function classifyOutput(raw: RawOutput): ClassifiedOutput {
  const stdout = normalizeOutput(raw.stdout);
  const stderr = normalizeOutput(raw.stderr);
  const output = [stdout.trim(), stderr.trim()].filter(Boolean).join('\n');
  const result = parseResult(stdout);
  const base = { output, exitCode: raw.exitCode, result };
  const matches = (patterns: RegExp[]): boolean => patterns.some((p) => p.test(output));

  // Busy first: it is an error record with a non-zero exit, but not a failure.
  if (matches(BUSY)) return { ...base, kind: 'busy', detail: firstLine(output, BUSY) };
  if (raw.exitCode === 0 && result !== null) {
    return { ...base, kind: result.toLowerCase() === 'success' ? 'success' : 'not-success', detail: result };
  }
  if (raw.exitCode === 127 || matches(POWERSHELL_MISSING)) {
    return { ...base, kind: 'powershell-not-found', detail: firstLine(output, POWERSHELL_MISSING) };
  }
  if (matches(CMDLET_MISSING))
    return { ...base, kind: 'cmdlet-not-found', detail: firstLine(output, CMDLET_MISSING) };
  if (matches(REMOTING)) return { ...base, kind: 'remoting-failed', detail: firstLine(output, REMOTING) };
  if (matches(DENIED)) return { ...base, kind: 'permission-denied', detail: firstLine(output, DENIED) };
  if (raw.exitCode === 0) {
    // Exit 0 without a Result: the cmdlet did not say it started a cycle.
    return { ...base, kind: 'not-success', detail: firstLine(output, []) || '(no output)' };
  }
  return { ...base, kind: 'failed', detail: firstLine(output, []) || '(no output)' };
}

/**
 * The `Result` value of the cmdlet's output: the default table (`Result` / `------` / `Success`,
 * with more columns such as PSComputerName after Invoke-Command) or a list (`Result : Success`).
 */
export function parseResult(text: string): string | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i + 2 < lines.length; i++) {
    const header = lines[i] ?? '';
    const rule = lines[i + 1] ?? '';
    if (!/^\s*-[-\s]*$/.test(rule) || !/\bResult\b/.test(header)) continue;
    const columns = [...rule.matchAll(/-+/g)].map((m) => ({
      start: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
    }));
    const index = columns.findIndex((c) => header.slice(c.start, c.end).trim() === 'Result');
    const column = columns[index];
    if (!column) continue;
    const next = columns[index + 1];
    const value = (lines[i + 2] ?? '').slice(column.start, next ? next.start : undefined).trim();
    if (value) return value;
  }
  const listed = /^\s*Result\s*:\s*(\S.*?)\s*$/m.exec(text);
  return listed?.[1] ?? null;
}

/** The line that matched (or the first non-empty one), without PowerShell's "At line:" trailer. */
function firstLine(output: string, patterns: RegExp[]): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const hit = lines.find((l) => patterns.some((p) => p.test(l))) ?? lines[0] ?? '';
  return hit.length > 300 ? `${hit.slice(0, 297)}...` : hit;
}
