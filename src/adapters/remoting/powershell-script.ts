// What runs on the Entra Connect server, and how it is handed to PowerShell without quoting.
// -EncodedCommand takes base64 of UTF-16LE: the script is data all the way, whatever shell
// (cmd.exe, PowerShell, bash) sits between us and powershell.exe.
import { UserFacingError } from '../../core/errors.js';

/** Loads ADSync by name, else from Entra Connect's install folder: over OpenSSH the service's
 * PSModulePath may predate the install (sshd started before Connect was installed). docs/matching-facts.md §4;
 * the folder: https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/reference-connect-adsync */
export const IMPORT_ADSYNC =
  "try { Import-Module ADSync } catch { Import-Module (Join-Path $env:ProgramFiles 'Microsoft Azure AD Sync\\Bin\\ADSync\\ADSync.psd1'); 'ModuleLoadedByPath=True' }";

/** The scheduler's switches as Key=Value lines (Get-ADSyncScheduler). */
export const SCHEDULER_LINES = [
  '$s = Get-ADSyncScheduler',
  "'StagingModeEnabled=' + $s.StagingModeEnabled",
  "'SchedulerSuspended=' + $s.SchedulerSuspended",
  "'SyncCycleEnabled=' + $s.SyncCycleEnabled",
  "'SyncCycleInProgress=' + $s.SyncCycleInProgress",
] as const;

/**
 * The sync step's script (docs/matching-facts.md §4): read the scheduler and stop (printing nothing more) when
 * the server is in staging mode, suspended or already running a cycle (saying Stopped=True); note the newest run so the
 * runs since ours can be told apart on the server's own clock; then start the delta cycle. Stop on
 * the first error, so a missing module is reported as such; no progress records (they arrive as
 * CLIXML). UNVERIFIED against a live server: Get-ADSyncRunProfileResult's StartDate being a
 * DateTime (its Ticks are compared only with each other, so its time zone does not matter).
 */
export const SYNC_SCRIPT_LINES = [
  "$ErrorActionPreference = 'Stop'",
  "$ProgressPreference = 'SilentlyContinue'",
  IMPORT_ADSYNC,
  ...SCHEDULER_LINES,
  "if ($s.StagingModeEnabled -or $s.SchedulerSuspended -or $s.SyncCycleInProgress) { 'Stopped=True'; return }",
  '$last = Get-ADSyncRunProfileResult | Sort-Object StartDate -Descending | Select-Object -First 1',
  "'LastRunTicks=' + $(if ($last) { $last.StartDate.Ticks } else { 0 })",
  'Start-ADSyncSyncCycle -PolicyType Delta',
] as const;

export const SYNC_SCRIPT = SYNC_SCRIPT_LINES.join('; ');

/**
 * After the trigger: is the cycle still running, and once it is not, one tab-separated `Run=` line
 * per run that started after `afterTicks` (ConnectorName, RunProfileName, Result, StartDate, EndDate;
 * the last 30 at most, should the marker be missing and the whole run history match).
 */
export function cycleStatusScript(afterTicks: string): string {
  const ticks = /^\d{1,19}$/.test(afterTicks) ? afterTicks : '0';
  return [
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    IMPORT_ADSYNC,
    '$s = Get-ADSyncScheduler',
    "'SyncCycleInProgress=' + $s.SyncCycleInProgress",
    'if ($s.SyncCycleInProgress) { return }',
    `Get-ADSyncRunProfileResult | Where-Object { $_.StartDate.Ticks -gt ${ticks} } | Sort-Object StartDate | Select-Object -Last 30 | ForEach-Object { 'Run=' + (@($_.ConnectorName, $_.RunProfileName, $_.Result, $_.StartDate, $_.EndDate) -join [char]9) }`,
  ].join('; ');
}

/** `setup --check`: the scheduler only (read-only: it starts nothing). */
export const SCHEDULER_PROBE_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  "$ProgressPreference = 'SilentlyContinue'",
  IMPORT_ADSYNC,
  ...SCHEDULER_LINES,
  "'NextSyncCycleStartTimeInUTC=' + $s.NextSyncCycleStartTimeInUTC",
].join('; ');

/** base64 of UTF-16LE, the form `powershell -EncodedCommand` decodes. */
export function encodePowerShell(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

export const POWERSHELL_FLAGS = ['-NoProfile', '-NonInteractive'] as const;

/** The argv for one PowerShell run of `script`. */
export function powershellArgv(binary: string, script: string): string[] {
  return [binary, ...POWERSHELL_FLAGS, '-EncodedCommand', encodePowerShell(script)];
}

// A host name, NetBIOS name, IPv4 address or FQDN: letters, digits, '-', '.', nothing a
// PowerShell string or a command line could interpret.
const SERVER_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*$/;

export function validateServerName(server: string): string {
  const name = server.trim();
  if (name.length > 253 || !SERVER_NAME.test(name)) {
    throw new UserFacingError(
      `"${server}" is not a server name: use the Connect server's host name or FQDN (letters, digits, '-' and '.').`,
      'SYNC_CONFIG_INVALID',
      'Set the winrm server to a name like sync01 or sync01.corp.example.com.',
    );
  }
  return name;
}

/** A PowerShell single-quoted string literal ('' escapes a quote; nothing else is special). */
export function psSingleQuoted(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
}

/** Runs `script` (the sync script unless given) on `server` over WinRM, as the signed-in user (Kerberos). */
export function invokeCommandScript(
  server: string,
  options: { useSsl?: boolean; script?: string } = {},
): string {
  const name = validateServerName(server);
  const ssl = options.useSsl ? ' -UseSSL' : '';
  return [
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    `Invoke-Command -ComputerName ${psSingleQuoted(name)}${ssl} -ErrorAction Stop -ScriptBlock { ${options.script ?? SYNC_SCRIPT} }`,
  ].join('; ');
}
