// local and winrm: start PowerShell on this computer. "local" runs the sync script here (the tool
// runs on the Connect server); "winrm" wraps it in Invoke-Command -ComputerName, so Windows
// PowerShell remoting signs in as the technician (Kerberos).
import type { SyncRunResult, SyncTrigger } from '../../ports.js';
import { classifyOutput } from './classify-output.js';
import { runProcess } from './process-runner.js';
import { SYNC_SCRIPT, invokeCommandScript, powershellArgv } from './powershell-script.js';
import { SyncTriggerError, toSyncRunResult } from './sync-result.js';
import { commandTimeoutError } from './timeouts.js';

export interface PowerShellTriggerOptions {
  /** powershell.exe (Windows PowerShell 5.1) unless configured. */
  powershell: string;
  commandTimeoutMs: number;
  /** Environment for the child (PATH decides which powershell.exe starts). */
  env?: NodeJS.ProcessEnv;
}

export class LocalSyncTrigger implements SyncTrigger {
  readonly name = 'local';
  constructor(private readonly options: PowerShellTriggerOptions) {}

  argv(): string[] {
    return powershellArgv(this.options.powershell, SYNC_SCRIPT);
  }

  startDeltaSync(options: { signal?: AbortSignal } = {}): Promise<SyncRunResult> {
    return runPowerShell(this.argv(), 'this computer', this.options, options.signal);
  }
}

export class WinRmSyncTrigger implements SyncTrigger {
  readonly name: string;
  private readonly script: string;

  constructor(
    private readonly server: string,
    private readonly options: PowerShellTriggerOptions & { useSsl?: boolean },
  ) {
    // Validates the name now, so a bad config fails before anything runs.
    this.script = invokeCommandScript(server, { useSsl: options.useSsl });
    this.name = `winrm ${server}`;
  }

  argv(): string[] {
    return powershellArgv(this.options.powershell, this.script);
  }

  startDeltaSync(options: { signal?: AbortSignal } = {}): Promise<SyncRunResult> {
    return runPowerShell(this.argv(), `${this.server} (WinRM)`, this.options, options.signal);
  }
}

async function runPowerShell(
  argv: string[],
  target: string,
  options: PowerShellTriggerOptions,
  signal: AbortSignal | undefined,
): Promise<SyncRunResult> {
  const raw = await runProcess(argv, {
    timeoutMs: options.commandTimeoutMs,
    signal,
    env: options.env,
    onTimeout: () => commandTimeoutError(target, options.commandTimeoutMs),
    onSpawnError: (error) =>
      new SyncTriggerError(
        error.code === 'ENOENT'
          ? `PowerShell ("${options.powershell}") was not found on this computer.`
          : `PowerShell ("${options.powershell}") could not be started: ${error.code ?? error.message}.`,
        'SYNC_POWERSHELL_NOT_FOUND',
        'Set the PowerShell binary in the remoting settings (powershell.exe, pwsh or a full path).',
      ),
  });
  return toSyncRunResult(classifyOutput(raw), { target, powershell: options.powershell });
}
