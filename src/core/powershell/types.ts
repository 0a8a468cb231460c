// The PowerShell equivalent of one plan step: what a technician would type to do the same by hand
// (for change records, and for sites where this tool is not granted write consent).

/** Which module a command needs, so the reader knows where to run it. */
export type PowerShellModule = 'Microsoft.Graph' | 'ActiveDirectory' | 'ADSync' | 'ExchangeOnlineManagement';

export interface PowerShellCommand {
  module: PowerShellModule;
  /** One sentence: what this command does. */
  purpose: string;
  /** The command itself; data only ever inside single-quoted literals. */
  script: string;
}

export type PowerShellEquivalent =
  | { available: true; commands: PowerShellCommand[]; note?: string }
  /** Said plainly rather than guessed: why there is no command (e.g. a step kind added later). */
  | { available: false; reason: string };

/** Where each module's commands run, for reports. */
export const MODULE_WHERE: Record<PowerShellModule, string> = {
  'Microsoft.Graph': 'Microsoft Graph PowerShell, after Connect-MgGraph',
  ActiveDirectory: 'the ActiveDirectory module, on a domain-joined machine',
  ADSync: 'the Entra Connect server',
  ExchangeOnlineManagement: 'Exchange Online PowerShell, after Connect-ExchangeOnline',
};
