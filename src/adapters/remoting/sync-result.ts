// Turns a classified answer into the port's result, or into one sentence and the next thing to try.
import { UserFacingError } from '../../core/errors.js';
import type { SyncRunResult } from '../../ports.js';
import type { ClassifiedOutput } from './classify-output.js';

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

export function toSyncRunResult(answer: ClassifiedOutput, ctx: TriggerContext): SyncRunResult {
  switch (answer.kind) {
    case 'success':
      return { result: 'Success', output: answer.output };
    case 'busy':
      return { result: 'Busy', output: answer.output };
    case 'not-success':
      // The cmdlet answered; what it said is "what the sync reported", not a transport failure.
      return { result: 'Failed', output: answer.output };
    case 'cmdlet-not-found':
      throw new SyncTriggerError(
        `Start-ADSyncSyncCycle is not available on ${ctx.target}: this is not the Entra Connect server, or the ADSync module is missing.`,
        'SYNC_CMDLET_NOT_FOUND',
        'Point the remoting hook at the server where Microsoft Entra Connect Sync is installed (there "Import-Module ADSync" works).',
        answer.output,
      );
    case 'permission-denied':
      throw new SyncTriggerError(
        `The account may not start a sync on ${ctx.target}: ${answer.detail}`,
        'SYNC_PERMISSION_DENIED',
        'Add the account to the ADSyncOperators (or ADSyncAdmins) group on the Connect server, then sign in again.',
        answer.output,
      );
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
