// Wizard services that remember what the run did (the first and latest reading, every write's
// outcome, the sync's verdict), so the command can write the ticket-ready report when the wizard
// closes without the UI handing its state over (issue 17, --report on the wizard).
import type { Diagnosis } from '../core/diagnosis-types.js';
import { buildTicket, type Ticket } from '../core/ticket/ticket.js';
import type { StepOutcome, SyncVerdict, WizardServices } from './services.js';

export interface RecordingServices {
  services: WizardServices;
  ticket(at?: Date): Ticket;
}

export function recordingServices(inner: WizardServices): RecordingServices {
  let before: Diagnosis | null = null;
  let latest: Diagnosis | null = null;
  let verdict: SyncVerdict | null = null;
  const outcomes: StepOutcome[] = [];
  const services: WizardServices = {
    environmentLabel: inner.environmentLabel,
    suggestedIdentity: inner.suggestedIdentity,
    readOnly: inner.readOnly,
    journalPath: inner.journalPath,
    unfinishedWrites: () => inner.unfinishedWrites(),
    ...(inner.doInLab ? { doInLab: inner.doInLab.bind(inner) } : {}),
    ...(inner.previewUndo ? { previewUndo: inner.previewUndo.bind(inner) } : {}),
    ...(inner.undo
      ? {
          undo: async (journalId: string, signal?: AbortSignal) => {
            const o = await inner.undo!(journalId, signal);
            outcomes.push({ ...o, undoOf: journalId });
            return o;
          },
        }
      : {}),
    async diagnose(identity, onProgress, signal) {
      const d = await inner.diagnose(identity, onProgress, signal);
      if (!before || before.identity !== d.identity) before = d;
      latest = d;
      return d;
    },
    async applyStep(step, diagnosis, signal) {
      const o = await inner.applyStep(step, diagnosis, signal);
      outcomes.push(o);
      return o;
    },
    async syncAndVerify(diagnosis, onProgress, signal) {
      const v = await inner.syncAndVerify(diagnosis, onProgress, signal);
      verdict = v;
      if (v.after) latest = v.after;
      return v;
    },
  };
  return {
    services,
    ticket: (at = new Date()) =>
      buildTicket({
        environment: inner.environmentLabel,
        lab: inner.environmentLabel.startsWith('lab:'),
        journalPath: inner.journalPath,
        before,
        after: latest,
        outcomes,
        syncVerdict: verdict?.detail ?? null,
        readOnly: inner.readOnly,
        at: at.toISOString(),
      }),
  };
}
