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
  };
}
