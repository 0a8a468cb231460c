// Carries out one request of the wizard's state machine with the services and reports the answer
// as events. The Ink effects hook and the headless `fix --yes` driver both use it.
import { UserFacingError } from '../core/errors.js';
import type { ErrorInfo, Request, WizardEvent } from '../core/wizard/state.js';
import type { ReadProgress, WizardServices } from './services.js';

export async function performRequest(
  request: Request,
  services: WizardServices,
  signal: AbortSignal,
  send: (event: WizardEvent) => void,
): Promise<void> {
  const id = request.id;
  switch (request.kind) {
    case 'unfinishedWrites': {
      const lines = await services
        .unfinishedWrites()
        .catch((error: unknown) => [
          `The journal could not be read, so earlier unfinished writes are unknown: ${describeError(error).message}`,
        ]);
      return send({ type: 'unfinishedWrites', request: id, lines });
    }
    case 'diagnose':
      try {
        const onProgress = (progress: ReadProgress) => send({ type: 'readProgress', request: id, progress });
        const diagnosis = await services.diagnose(request.identity, onProgress, signal);
        return send({ type: 'diagnosed', request: id, diagnosis });
      } catch (error) {
        return send({ type: 'diagnoseFailed', request: id, error: describeError(error) });
      }
    case 'apply':
      try {
        const outcome = await services.applyStep(request.step, request.diagnosis, signal);
        return send({ type: 'applied', request: id, outcome });
      } catch (error) {
        // applyStep should not throw for expected failures; if it does, it is still a failed step.
        const detail = `The write did not complete: ${describeError(error).message}`;
        return send({
          type: 'applied',
          request: id,
          outcome: { action: request.step.action, status: 'failed', detail },
        });
      }
    case 'labApply':
      try {
        if (!services.doInLab) throw new Error('"Do it in the lab" is only offered in the lab.');
        const done = await services.doInLab(request.actions);
        const diagnosis = await services.diagnose(request.identity, () => {}, signal);
        return send({ type: 'labApplied', request: id, done, diagnosis });
      } catch (error) {
        return send({ type: 'diagnoseFailed', request: id, error: describeError(error) });
      }
    case 'previewUndo':
      try {
        if (!services.previewUndo) throw new Error('This run cannot undo writes.');
        const preview = await services.previewUndo(request.journalId);
        return send({ type: 'undoPreviewed', request: id, preview });
      } catch (error) {
        const reason = describeError(error).message;
        return send({
          type: 'undoPreviewed',
          request: id,
          preview: { ok: false, journalId: request.journalId, reason },
        });
      }
    case 'undo':
      try {
        if (!services.undo) throw new Error('This run cannot undo writes.');
        const outcome = await services.undo(request.journalId, signal);
        return send({ type: 'undone', request: id, outcome });
      } catch (error) {
        const detail = `The undo did not complete: ${describeError(error).message}`;
        return send({ type: 'undone', request: id, outcome: { action: 'MANUAL', status: 'failed', detail } });
      }
    case 'sync':
      try {
        const verdict = await services.syncAndVerify(
          request.diagnosis,
          (progress) => send({ type: 'syncProgress', request: id, progress }),
          signal,
        );
        return send({ type: 'synced', request: id, verdict });
      } catch (error) {
        return send({ type: 'syncFailed', request: id, error: describeError(error) });
      }
  }
}

/** Expected failures keep their sentence and hint; anything else is a bug and says so. */
export function describeError(error: unknown): ErrorInfo {
  if (error instanceof UserFacingError) return { message: error.message, hint: error.hint };
  const message = error instanceof Error ? error.message : String(error);
  return {
    message: `Unexpected error (this is a bug): ${message}`,
    hint: 'Run again with --verbose for details, and report it with that output.',
  };
}
