// local and winrm: start PowerShell on this computer. "local" runs the sync script here (the tool
// runs on the Connect server); "winrm" wraps it in Invoke-Command -ComputerName, so Windows
// PowerShell remoting signs in as the technician (Kerberos).
import type { SyncCycleStatus, SyncRunResult, SyncTrigger } from '../../ports.js';
import { classifyOutput, type RawOutput } from './classify-output.js';
import { runProcess } from './process-runner.js';
import { SYNC_SCRIPT, cycleStatusScript, invokeCommandScript, powershellArgv } from './powershell-script.js';
import { SyncTriggerError, toCycleStatus, toSyncRunResult } from './sync-result.js';
import { commandTimeoutError } from './timeouts.js';

export interface PowerShellTriggerOptions {
  /** powershell.exe (Windows PowerShell 5.1) unless configured. */
  powershell: string;
  commandTimeoutMs: number;
  /** Environment for the child (PATH decides which powershell.exe starts). */
  env?: NodeJS.ProcessEnv;
  codePage?: string;
}

export class LocalSyncTrigger implements SyncTrigger {
  readonly name = 'local';
  constructor(private readonly options: PowerShellTriggerOptions) {}

  argv(script = SYNC_SCRIPT): string[] {
    return powershellArgv(this.options.powershell, script);
  }

  async startDeltaSync(options: { signal?: AbortSignal } = {}): Promise<SyncRunResult> {
    const raw = await runPowerShell(this.argv(), 'this computer', this.options, options.signal);
    return toSyncRunResult(classifyOutput(raw), {
      target: 'this computer',
      powershell: this.options.powershell,
    });
  }

  async cycleStatus(
    started: SyncRunResult,
    options: { signal?: AbortSignal } = {},
  ): Promise<SyncCycleStatus> {
    const argv = this.argv(cycleStatusScript(started.runsAfter ?? '0'));
    const raw = await runPowerShell(argv, 'this computer', this.options, options.signal);
    return toCycleStatus(raw, { target: 'this computer', powershell: this.options.powershell });
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

  argv(script = this.script): string[] {
    return powershellArgv(this.options.powershell, script);
  }

  async startDeltaSync(options: { signal?: AbortSignal } = {}): Promise<SyncRunResult> {
    const target = `${this.server} (WinRM)`;
    const raw = await runPowerShell(this.argv(), target, this.options, options.signal);
    return toSyncRunResult(classifyOutput(raw), { target, powershell: this.options.powershell });
  }

  async cycleStatus(
    started: SyncRunResult,
    options: { signal?: AbortSignal } = {},
  ): Promise<SyncCycleStatus> {
    const target = `${this.server} (WinRM)`;
    const script = invokeCommandScript(this.server, {
      useSsl: this.options.useSsl,
      script: cycleStatusScript(started.runsAfter ?? '0'),
    });
    const raw = await runPowerShell(this.argv(script), target, this.options, options.signal);
    return toCycleStatus(raw, { target, powershell: this.options.powershell });
  }
}

function runPowerShell(
  argv: string[],
  target: string,
  options: PowerShellTriggerOptions,
  signal: AbortSignal | undefined,
): Promise<RawOutput> {
  return runProcess(argv, {
    timeoutMs: options.commandTimeoutMs,
    signal,
    env: options.env,
    codePage: options.codePage,
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
}
