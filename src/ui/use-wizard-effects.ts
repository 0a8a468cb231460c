// The only place the wizard does anything: it watches `state.request` and calls the services,
// then dispatches the answer with the request's id (the reducer ignores answers nobody awaits).
// Leaving a request (backing out of a reading, Ctrl-C) aborts its signal; what an aborted write
// does is the services' business (the journal reports it next run).
import { useEffect, type Dispatch } from 'react';
import type { WizardServices } from '../app/services.js';
import { UserFacingError } from '../core/errors.js';
import type { ErrorInfo, Request, WizardEvent } from '../core/wizard/state.js';

export function useWizardEffects(
  request: Request | null,
  services: WizardServices,
  dispatch: Dispatch<WizardEvent>,
): void {
  useEffect(() => {
    if (!request) return;
    const controller = new AbortController();
    const send = (event: WizardEvent): void => {
      if (!controller.signal.aborted) dispatch(event);
    };
    void perform(request, services, controller.signal, send);
    return () => controller.abort();
    // The request object is replaced whenever its id changes; the id alone decides.
  }, [request?.id]);
}

async function perform(
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
          `The journal could not be read, so earlier unfinished writes are unknown: ${describe(error).message}`,
        ]);
      return send({ type: 'unfinishedWrites', request: id, lines });
    }
    case 'diagnose':
      try {
        const onProgress = (progress: Parameters<Parameters<WizardServices['diagnose']>[1]>[0]) =>
          send({ type: 'readProgress', request: id, progress });
        const diagnosis = await services.diagnose(request.identity, onProgress, signal);
        return send({ type: 'diagnosed', request: id, diagnosis });
      } catch (error) {
        return send({ type: 'diagnoseFailed', request: id, error: describe(error) });
      }
    case 'apply':
      try {
        const outcome = await services.applyStep(request.step, request.diagnosis, signal);
        return send({ type: 'applied', request: id, outcome });
      } catch (error) {
        // applyStep should not throw for expected failures; if it does, it is still a failed step.
        const detail = `The write did not complete: ${describe(error).message}`;
        return send({
          type: 'applied',
          request: id,
          outcome: { action: request.step.action, status: 'failed', detail },
        });
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
        return send({ type: 'syncFailed', request: id, error: describe(error) });
      }
  }
}

/** Expected failures keep their sentence and hint; anything else is a bug and says so. */
export function describe(error: unknown): ErrorInfo {
  if (error instanceof UserFacingError) return { message: error.message, hint: error.hint };
  const message = error instanceof Error ? error.message : String(error);
  return {
    message: `Unexpected error (this is a bug): ${message}`,
    hint: 'Run again with --verbose for details, and report it with that output.',
  };
}
