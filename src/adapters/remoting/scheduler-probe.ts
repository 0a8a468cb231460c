// `setup --check`'s reading of Get-ADSyncScheduler (SCHEDULER_PROBE_SCRIPT's Key=Value lines):
// a staging server or a suspended scheduler is a warning (a fix would not reach Entra ID through
// it), not "ok". Sources: see src/core/sync-server.ts.
import { schedulerFactsFrom, schedulerStop } from '../../core/sync-server.js';
import { parseFacts } from './classify-output.js';

export { SCHEDULER_PROBE_SCRIPT } from './powershell-script.js';

export interface SchedulerCheck {
  status: 'ok' | 'warning' | 'failed';
  detail: string;
  hint?: string;
}

export function schedulerCheck(output: string, server = 'The server'): SchedulerCheck {
  const raw = parseFacts(output.replace(/\r\n?/g, '\n'));
  if (!('SyncCycleInProgress' in raw)) {
    const first = (output.split(/\r?\n/).find((l) => l.trim()) ?? '(no output)').trim().slice(0, 200);
    return {
      status: 'failed',
      detail: `The server answered, but not like Get-ADSyncScheduler: ${first}`,
      hint: 'Check that this is the Entra Connect server.',
    };
  }
  const facts = schedulerFactsFrom(raw);
  const detail = [
    `sync cycle ${facts.syncCycleInProgress ? 'running now' : 'idle'}`,
    facts.syncCycleEnabled === false ? 'scheduler disabled' : 'scheduler enabled',
    facts.nextSyncCycleStartTimeInUTC ? `next run ${facts.nextSyncCycleStartTimeInUTC} UTC` : '',
  ].filter(Boolean);
  const stop = schedulerStop(facts, server);
  if (facts.stagingModeEnabled) {
    return {
      status: 'warning',
      detail: `Answered (${detail.join(', ')}), but the server is in STAGING MODE: it never exports, so fixes would not reach Entra ID through it.`,
      hint: stop?.hint ?? 'Point the transport at the active Connect server.',
    };
  }
  if (facts.schedulerSuspended) {
    return {
      status: 'warning',
      detail: `Answered (${detail.join(', ')}), but the scheduler is SUSPENDED (an upgrade, or the Entra Connect wizard left open): no sync runs until it resumes.`,
      hint: stop?.hint,
    };
  }
  const notes: string[] = [];
  if (facts.syncCycleEnabled === false) {
    notes.push(
      'Scheduled cycles do not run (SyncCycleEnabled False); syncmatch still starts its manual cycle.',
    );
  }
  if (raw.ModuleLoadedByPath === 'True') {
    notes.push(
      "ADSync loaded only from its install folder: restart the server's OpenSSH SSH Server service (stale PSModulePath).",
    );
  }
  return {
    status: 'ok',
    detail: `Answered: ${detail.join(', ')}.${notes.length ? ` ${notes.join(' ')}` : ''}`,
  };
}
