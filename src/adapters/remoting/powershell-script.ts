// What runs on the Entra Connect server, and how it is handed to PowerShell without quoting.
// -EncodedCommand takes base64 of UTF-16LE: the script is data all the way, whatever shell
// (cmd.exe, PowerShell, bash) sits between us and powershell.exe.
import { UserFacingError } from '../../core/errors.js';

/** The field sequence (docs/matching-facts.md §4). Stop on the first error so a missing module is reported
 * as such, not as the cmdlet it failed to load; no progress records (they arrive as CLIXML). */
export const SYNC_SCRIPT_LINES = [
  "$ErrorActionPreference = 'Stop'",
  "$ProgressPreference = 'SilentlyContinue'",
  'Import-Module ADSync',
  'Start-ADSyncSyncCycle -PolicyType Delta',
] as const;

export const SYNC_SCRIPT = SYNC_SCRIPT_LINES.join('; ');

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

/** Runs the sync script on `server` over WinRM, as the signed-in user (Kerberos). */
export function invokeCommandScript(server: string, options: { useSsl?: boolean } = {}): string {
  const name = validateServerName(server);
  const ssl = options.useSsl ? ' -UseSSL' : '';
  return [
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    `Invoke-Command -ComputerName ${psSingleQuoted(name)}${ssl} -ErrorAction Stop -ScriptBlock { ${SYNC_SCRIPT} }`,
  ].join('; ');
}
