// Wizard services whose environment is still opening: the first frame does not wait for the lab's
// simulator (or anything else) to start; each call waits for it instead, and a failure to open
// shows up where the call's answer would (the reading checklist, an error screen).
import type { WizardServices } from './services.js';

export type ServiceMeta = Pick<
  WizardServices,
  'environmentLabel' | 'suggestedIdentity' | 'readOnly' | 'journalPath'
>;

export function lazyWizardServices(meta: ServiceMeta, ready: Promise<WizardServices>): WizardServices {
  // Nobody may be waiting yet; the calls below see the same rejection.
  ready.catch(() => undefined);
  return {
    ...meta,
    diagnose: async (identity, onProgress, signal) => (await ready).diagnose(identity, onProgress, signal),
    applyStep: async (step, diagnosis, signal) => (await ready).applyStep(step, diagnosis, signal),
    syncAndVerify: async (diagnosis, onProgress, signal) =>
      (await ready).syncAndVerify(diagnosis, onProgress, signal),
    unfinishedWrites: async () => (await ready).unfinishedWrites(),
    // "Do it in the lab" must be known at the first frame: a lab run (and only a lab run, never
    // read-only) offers it, and the call reaches the lab once it is open.
    ...(meta.environmentLabel.startsWith('lab:') && !meta.readOnly
      ? {
          doInLab: async (actions: Parameters<NonNullable<WizardServices['doInLab']>>[0]) => {
            const s = await ready;
            if (!s.doInLab) throw new Error('"Do it in the lab" is only offered in the lab.');
            return s.doInLab(actions);
          },
        }
      : {}),
    // Undo (leaving mid-procedure, issue 13 point 4) must be known at the first frame too; a
    // read-only run never writes, so never undoes.
    ...(meta.readOnly
      ? {}
      : {
          undo: async (journalId: string, signal?: AbortSignal) => {
            const s = await ready;
            if (!s.undo) throw new Error('This run cannot undo writes.');
            return s.undo(journalId, signal);
          },
          previewUndo: async (journalId: string) => {
            const s = await ready;
            if (!s.previewUndo) throw new Error('This run cannot undo writes.');
            return s.previewUndo(journalId);
          },
        }),
  };
}
