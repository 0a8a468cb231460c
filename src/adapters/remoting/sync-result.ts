// Turns a classified answer into the port's result, or into one sentence and the next thing to try.
import { UserFacingError } from '../../core/errors.js';
import {
  operatorDenied,
  schedulerFactsFrom,
  schedulerNotes,
  schedulerStop,
  type SyncRunSummary,
} from '../../core/sync-server.js';
import type { SyncCycleStatus, SyncRunResult } from '../../ports.js';
import { classifyOutput, type ClassifiedOutput, type RawOutput } from './classify-output.js';

/** A remoting failure; `output` keeps everything the server said (for --verbose and the journal). */
export class SyncTriggerError extends UserFacingError {
  constructor(
    message: string,
    code: string,
    hint: string,
    readonly output = '',
  ) {
    super(message, code, hint);
    this.name = 'SyncTriggerError';
    if (output) this.cause = output;
  }
}

export interface TriggerContext {
  /** Where the cmdlet ran, for sentences: "sync01 (ssh)", "this computer". */
  target: string;
  /** The PowerShell binary the transport started, when it started one. */
  powershell?: string;
}

const RUN_BY_HAND = 'run "Start-ADSyncSyncCycle -PolicyType Delta" on the Connect server to see it there';

const MODULE_BY_PATH =
  "ADSync was not on the module path of the server's session and was imported from Entra Connect's install folder: sshd's environment predates the install (a stale PSModulePath). Restart the OpenSSH SSH Server service there (Restart-Service sshd) to fix it for good.";

/** What the server said beside the answer: its scheduler, notes, and the newest run before ours. */
function extras(answer: ClassifiedOutput): Omit<SyncRunResult, 'result' | 'output'> {
  const facts = answer.facts;
  if (!('SyncCycleInProgress' in facts)) return {};
  const scheduler = schedulerFactsFrom(facts);
  const notes = schedulerNotes(scheduler);
  if (facts.ModuleLoadedByPath === 'True') notes.push(MODULE_BY_PATH);
  return {
    scheduler,
    ...(notes.length ? { notes } : {}),
    ...(facts.LastRunTicks !== undefined ? { runsAfter: facts.LastRunTicks } : {}),
  };
}

export function toSyncRunResult(answer: ClassifiedOutput, ctx: TriggerContext): SyncRunResult {
  switch (answer.kind) {
    case 'success':
      return { result: 'Success', output: answer.output, ...extras(answer) };
    case 'busy':
      return { result: 'Busy', output: answer.output, ...extras(answer) };
    case 'not-success':
      // The cmdlet answered; what it said is "what the sync reported", not a transport failure.
      return { result: 'Failed', output: answer.output, ...extras(answer) };
    case 'stopped': {
      const stop = schedulerStop(schedulerFactsFrom(answer.facts), ctx.target);
      throw new SyncTriggerError(
        stop?.message ?? `The sync scheduler on ${ctx.target} does not allow a cycle now.`,
        stop?.code ?? 'SYNC_SCHEDULER_SUSPENDED',
        stop?.hint ?? 'Run Get-ADSyncScheduler on the Connect server to see why.',
        answer.output,
      );
    }
    case 'cmdlet-not-found':
      throw new SyncTriggerError(
        `Start-ADSyncSyncCycle is not available on ${ctx.target}: this is not the Entra Connect server, or the ADSync module is missing.`,
        'SYNC_CMDLET_NOT_FOUND',
        'The ADSync module loaded neither by name nor from C:\\Program Files\\Microsoft Azure AD Sync\\Bin\\ADSync. If Entra Connect is installed on that server, restart its OpenSSH SSH Server service (Restart-Service sshd: a service started before the install keeps a stale PSModulePath) and try again; otherwise point the remoting hook at the server where Microsoft Entra Connect Sync is installed.',
        answer.output,
      );
    case 'permission-denied': {
      const denied = operatorDenied(ctx.target);
      throw new SyncTriggerError(
        /80070005|COM\s+class\s+factory/i.test(answer.output)
          ? denied.message
          : `The account may not start a sync on ${ctx.target}: ${answer.detail}`,
        denied.code,
        denied.hint,
        answer.output,
      );
    }
    case 'powershell-not-found':
      throw new SyncTriggerError(
        `PowerShell${ctx.powershell ? ` ("${ctx.powershell}")` : ''} was not found on ${ctx.target}.`,
        'SYNC_POWERSHELL_NOT_FOUND',
        'Set the PowerShell binary in the remoting settings (powershell, powershell.exe or pwsh), or its full path.',
        answer.output,
      );
    case 'remoting-failed':
      throw new SyncTriggerError(
        `PowerShell remoting from ${ctx.target} failed: ${answer.detail}`,
        'SYNC_REMOTING_FAILED',
        'Check that the name resolves, WinRM is enabled on the Connect server (Enable-PSRemoting) and your account may connect (Administrators or Remote Management Users there).',
        answer.output,
      );
    case 'failed':
      throw new SyncTriggerError(
        `Start-ADSyncSyncCycle failed on ${ctx.target} (exit ${answer.exitCode ?? 'by signal'}): ${answer.detail}`,
        'SYNC_FAILED',
        `Run again with --verbose for the whole output, or ${RUN_BY_HAND}.`,
        answer.output,
      );
  }
}

/** The status script's answer (cycleStatusScript): still running, or the runs since the trigger. */
export function toCycleStatus(raw: RawOutput, ctx: TriggerContext): SyncCycleStatus {
  const answer = classifyOutput(raw);
  const inProgress = answer.facts.SyncCycleInProgress?.toLowerCase();
  if (inProgress === undefined) {
    // Not an answer about the cycle: the trigger's sentences where they fit (denied, module missing …).
    if (
      ['permission-denied', 'cmdlet-not-found', 'powershell-not-found', 'remoting-failed'].includes(
        answer.kind,
      )
    ) {
      toSyncRunResult(answer, ctx);
    }
    throw new SyncTriggerError(
      `${ctx.target} did not say whether the sync cycle has ended: ${answer.detail}`,
      'SYNC_STATUS_UNKNOWN',
      'Run Get-ADSyncScheduler on the Connect server (SyncCycleInProgress) to see it there.',
      answer.output,
    );
  }
  if (inProgress === 'true') return { inProgress: true, runs: [] };
  const runs: SyncRunSummary[] = answer.output
    .split('\n')
    .filter((l) => l.startsWith('Run='))
    .map((l) => {
      const [connector = '', runProfile = '', result = '', startDate = '', endDate = ''] = l
        .slice(4)
        .split('\t');
      return { connector, runProfile, result, startDate: startDate || null, endDate: endDate || null };
    });
  return { inProgress: false, runs };
}
