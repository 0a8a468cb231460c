// What Start-ADSyncSyncCycle answered, whichever transport carried it. Every transport ends here
// so the same answer gives the same sentence over ssh, WinRM, locally or through a site command.
import { stripVTControlCharacters } from 'node:util';
import { decodeClixml } from './clixml.js';

export type OutputKind =
  | 'success'
  | 'busy'
  /** Get-ADSyncScheduler said staging mode or suspended: nothing was started. */
  | 'stopped'
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
  /** The Key=Value lines the remote script printed (Get-ADSyncScheduler's switches, markers). */
  facts: Record<string, string>;
}

// Facts: docs/matching-facts.md §4. Both real busy answers are InvalidOperationExceptions that mean "wait and
// retry": "Connector: <name> - AAD is busy." and "Sync is already running. Cannot start a new run
// till this one completes." Words are matched with \s+ and against the text with its line breaks
// removed too, so a message PowerShell wrapped at the console width still matches.
const BUSY = [
  /\bis\s+busy\b/i,
  /\bSync\s+is\s+already\s+running\b/i,
  /\bCannot\s+start\s+a\s+new\s+run\s+till\s+this\s+one\s+completes\b/i,
  /\bsync\s+cycle\s+is\s+already\s+(?:running|in\s+progress)\b/i,
];
// The English texts, and the error ids PowerShell never localises.
const CMDLET_MISSING = [
  /The\s+term\s+'(?:Start-ADSyncSyncCycle|Get-ADSyncScheduler|Get-ADSyncRunProfileResult|Import-Module)'\s+is\s+not\s+recognized/i,
  /module\s+'[^']*ADSync(?:\.psd1)?'\s+was\s+not\s+loaded/i,
  /\bADSync\b.*\bnot\s+(?:loaded|found|installed)\b/i,
  /\bModules_ModuleNotFound\b/,
  /\bCommandNotFoundException\b/,
];
const POWERSHELL_MISSING = [
  /\b(?:powershell|pwsh)(?:\.exe)?: (?:command )?not found\b/i,
  /'(?:powershell|pwsh)(?:\.exe)?' is not recognized as an internal or external command/i,
  /The term '(?:powershell|pwsh)(?:\.exe)?' is not recognized/i,
  /\bexec: (?:powershell|pwsh)(?:\.exe)?: not found\b/i,
];
const REMOTING = [
  /Connecting\s+to\s+remote\s+server\s.*\sfailed/i,
  /\bWinRM\s+cannot\s+(?:complete|process)\b/i,
];
// The one public report of a non-member of ADSyncOperators is a COM error 80070005 (E_ACCESSDENIED)
// from the sync service's class factory, with no "Access is denied" words (docs/matching-facts.md §4).
const DENIED = [
  /\bCOM\s+class\s+factory\b.*\b80070005\b/i,
  /\b(?:0x)?80070005\b/,
  /\bAccess\s+is\s+denied\b/i,
  /\bUnauthorizedAccessException\b/,
  /\bE_ACCESSDENIED\b/,
  /\bADSync(?:Operators|Admins)\b/,
  /\bpermission\s+denied\b/i,
];

export function normalizeOutput(text: string): string {
  return stripVTControlCharacters(decodeClixml(text)).replace(/\r\n?/g, '\n');
}

/** `Key=Value` lines (a word, '=', the rest), as the remote scripts print facts. */
export function parseFacts(text: string): Record<string, string> {
  const facts: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z]\w*)=(.*?)\s*$/.exec(line);
    if (m) facts[m[1]!] = m[2]!;
  }
  return facts;
}

export function classifyOutput(raw: RawOutput): ClassifiedOutput {
  const stdout = normalizeOutput(raw.stdout);
  const stderr = normalizeOutput(raw.stderr);
  const output = [stdout.trim(), stderr.trim()].filter(Boolean).join('\n');
  const result = parseResult(stdout);
  const facts = parseFacts(stdout);
  const base = { output, exitCode: raw.exitCode, result, facts };
  // As written, with runs of whitespace as one space, and with line breaks removed (a wrap in a word).
  const views = [output.replace(/\s+/g, ' '), output.replace(/\n/g, '')];
  const matches = (patterns: RegExp[]): boolean => patterns.some((p) => views.some((v) => p.test(v)));

  // Busy first: it is an error record with a non-zero exit, but not a failure.
  if (matches(BUSY)) return { ...base, kind: 'busy', detail: firstLine(output, BUSY) };
  if (result === null && raw.exitCode === 0 && facts.Stopped === 'True') {
    const flag = (k: string) => facts[k]?.toLowerCase() === 'true';
    if (flag('StagingModeEnabled') || flag('SchedulerSuspended')) {
      return { ...base, kind: 'stopped', detail: 'Get-ADSyncScheduler' };
    }
    if (flag('SyncCycleInProgress')) {
      return { ...base, kind: 'busy', detail: 'SyncCycleInProgress True (Get-ADSyncScheduler)' };
    }
  }
  if (raw.exitCode === 0 && result !== null) {
    return { ...base, kind: result.toLowerCase() === 'success' ? 'success' : 'not-success', detail: result };
  }
  if (raw.exitCode === 127 || matches(POWERSHELL_MISSING)) {
    return { ...base, kind: 'powershell-not-found', detail: firstLine(output, POWERSHELL_MISSING) };
  }
  if (matches(REMOTING)) return { ...base, kind: 'remoting-failed', detail: firstLine(output, REMOTING) };
  if (matches(DENIED)) return { ...base, kind: 'permission-denied', detail: firstLine(output, DENIED) };
  if (matches(CMDLET_MISSING))
    return { ...base, kind: 'cmdlet-not-found', detail: firstLine(output, CMDLET_MISSING) };
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

/** The line that matched (or the first non-empty one that is not one of our Key=Value facts),
 *  without PowerShell's "At line:" trailer. */
function firstLine(output: string, patterns: RegExp[]): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^[A-Za-z]\w*=/.test(l));
  const hit = lines.find((l) => patterns.some((p) => p.test(l))) ?? lines[0] ?? '';
  return hit.length > 300 ? `${hit.slice(0, 297)}...` : hit;
}
