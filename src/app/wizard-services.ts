// The WizardServices the UI and `fix --yes` use, built from ports only: reading, guarded writes,
// sync-and-verify, and the journal's unfinished writes.
import { diagnose } from '../core/diagnose.js';
import { UserFacingError } from '../core/errors.js';
import type { LabAction } from '../core/plan-types.js';
import type { SyncSettings } from '../core/snapshot.js';
import type { Clock, Journal, OnPremDirectory, OnPremWriter, SyncTrigger, Tenant } from '../ports.js';
import { applyStep } from './apply-step.js';
import { collectSnapshot } from './collect-snapshot.js';
import type { ReadProgress, WizardServices } from './services.js';
import { syncAndVerify } from './sync-and-verify.js';
import { undoEntry } from './undo.js';

export interface ServiceDeps {
  label: string;
  directory: OnPremDirectory;
  tenant: Tenant;
  trigger: SyncTrigger;
  sync: SyncSettings;
  journal: Journal;
  clock: Clock;
  operator: string;
  secrets?: string[];
  /** How to spell the undo of journal entry `id`; null where undo cannot work (the lab). */
  undoCommand?: ((id: string) => string) | null;
  readOnly?: boolean;
  suggestedIdentity?: string;
  /** How long to wait for the sync to land (ms). */
  syncTimeoutMs?: number;
  pollMs?: number;
  busyRetryMs?: number;
  /** The lab environment's "do it in the lab" (absent for real directories and tenants). */
  labActions?: (actions: readonly LabAction[]) => Promise<string[]>;
  /** Writes mS-DS-ConsistencyGuid (SET_CONSISTENCY_GUID steps, issue 21); absent = AD is read-only here. */
  onPremWriter?: OnPremWriter;
}

export function createWizardServices(deps: ServiceDeps): WizardServices {
  const read = (identity: string, onProgress: (p: ReadProgress) => void = () => {}, signal?: AbortSignal) =>
    collectSnapshot(
      { directory: deps.directory, tenant: deps.tenant, sync: deps.sync },
      identity,
      onProgress,
      signal,
    ).then(diagnose);
  const lab = deps.labActions;
  const onPrem = deps.onPremWriter
    ? { onPrem: { directory: deps.directory, writer: deps.onPremWriter } }
    : {};
  return {
    ...(lab && !deps.readOnly ? { doInLab: (actions: readonly LabAction[]) => lab(actions) } : {}),
    environmentLabel: deps.label,
    suggestedIdentity: deps.suggestedIdentity,
    readOnly: deps.readOnly ?? false,
    journalPath: deps.journal.path,
    diagnose: read,
    async applyStep(step, _diagnosis, signal) {
      if (deps.readOnly && step.writes) {
        return { action: step.action, status: 'skipped', detail: 'Read-only mode: nothing is written.' };
      }
      return applyStep(
        {
          tenant: deps.tenant,
          journal: deps.journal,
          operator: deps.operator,
          clock: deps.clock,
          secrets: deps.secrets,
          undoCommand: deps.undoCommand,
          ...onPrem,
        },
        step,
        signal,
      );
    },
    syncAndVerify(diagnosis, onProgress, signal) {
      return syncAndVerify(
        {
          trigger: deps.trigger,
          tenant: deps.tenant,
          rediagnose: () => read(diagnosis.identity, undefined, signal),
          clock: deps.clock,
          timeoutMs: deps.syncTimeoutMs,
          busyDeadlineMs: deps.syncTimeoutMs,
          pollMs: deps.pollMs,
          busyRetryMs: deps.busyRetryMs,
        },
        diagnosis,
        onProgress,
        signal,
      );
    },
    undo(journalId, signal) {
      const applyDeps = {
        tenant: deps.tenant,
        journal: deps.journal,
        operator: deps.operator,
        clock: deps.clock,
        secrets: deps.secrets,
        undoCommand: deps.undoCommand,
        ...onPrem,
      };
      return undoEntry(applyDeps, journalId, signal);
    },
    async unfinishedWrites() {
      try {
        return await deps.journal.unfinishedWrites();
      } catch (e) {
        if (e instanceof UserFacingError) return [e.message];
        throw e;
      }
    },
  };
}
