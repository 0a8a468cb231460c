// The site's own command (e.g. ["ssh", "sync01", "powershell", "-EncodedCommand",
// "{encodedCommand}"]), started without a shell. Its output is read like PowerShell's.
import type { SyncCycleStatus, SyncRunResult, SyncTrigger } from '../../ports.js';
import { classifyOutput, type RawOutput } from './classify-output.js';
import {
  BUILT_IN_PLACEHOLDERS,
  expandTemplate,
  parseTemplate,
  type CommandTemplate,
} from './command-template.js';
import { runProcess } from './process-runner.js';
import { SYNC_SCRIPT, cycleStatusScript, encodePowerShell } from './powershell-script.js';
import { SyncTriggerError, toCycleStatus, toSyncRunResult } from './sync-result.js';
import { commandTimeoutError } from './timeouts.js';

export interface CommandTriggerOptions {
  template: CommandTemplate;
  /** Site values for the template, e.g. { server: 'sync01' }. */
  values?: Readonly<Record<string, string>>;
  commandTimeoutMs: number;
  env?: NodeJS.ProcessEnv;
  codePage?: string;
}

export class CommandSyncTrigger implements SyncTrigger {
  readonly name: string;
  private readonly template: string[];

  constructor(private readonly options: CommandTriggerOptions) {
    const reserved = Object.keys(options.values ?? {}).filter((k) =>
      (BUILT_IN_PLACEHOLDERS as readonly string[]).includes(k),
    );
    if (reserved.length > 0) {
      throw new SyncTriggerError(
        `The sync command values may not be named ${reserved.join(' or ')}: the tool fills those in.`,
        'SYNC_CONFIG_INVALID',
        'Rename the value (e.g. {server}), and use {script} or {encodedCommand} for the cmdlet.',
      );
    }
    this.template = parseTemplate(options.template, Object.keys(options.values ?? {}));
    this.name = `command ${this.template[0]}`;
  }

  argv(script = SYNC_SCRIPT): string[] {
    return expandTemplate(this.template, {
      ...this.options.values,
      script,
      encodedCommand: encodePowerShell(script),
    });
  }

  async startDeltaSync(options: { signal?: AbortSignal } = {}): Promise<SyncRunResult> {
    const raw = await this.run(this.argv(), options.signal);
    return toSyncRunResult(classifyOutput(raw), { target: this.target() });
  }

  async cycleStatus(
    started: SyncRunResult,
    options: { signal?: AbortSignal } = {},
  ): Promise<SyncCycleStatus> {
    const raw = await this.run(this.argv(cycleStatusScript(started.runsAfter ?? '0')), options.signal);
    return toCycleStatus(raw, { target: this.target() });
  }

  private target(): string {
    return `the sync command "${this.template[0] ?? ''}"`;
  }

  private run(argv: string[], signal: AbortSignal | undefined): Promise<RawOutput> {
    const program = argv[0] ?? '';
    const target = this.target();
    return runProcess(argv, {
      timeoutMs: this.options.commandTimeoutMs,
      signal,
      env: this.options.env,
      codePage: this.options.codePage,
      onTimeout: () => commandTimeoutError(target, this.options.commandTimeoutMs),
      onSpawnError: (error) =>
        new SyncTriggerError(
          error.code === 'ENOENT'
            ? `The sync command "${program}" was not found.`
            : error.code === 'EINVAL'
              ? `The sync command "${program}" cannot be started without a shell (a .bat or .cmd file).`
              : `The sync command "${program}" could not be started: ${error.code ?? error.message}.`,
          'SYNC_COMMAND_NOT_STARTED',
          error.code === 'EINVAL'
            ? 'Call the program the batch file runs (e.g. powershell.exe or ssh.exe) directly in the template.'
            : 'Check the first word of the sync command template: a program on PATH or a full path.',
        ),
    });
  }
}
