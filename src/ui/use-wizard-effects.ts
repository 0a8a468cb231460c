// The only place the wizard does anything: it watches `state.request` and calls the services,
// then dispatches the answer with the request's id (the reducer ignores answers nobody awaits).
// Leaving a request (backing out of a reading, Ctrl-C) aborts its signal; what an aborted write
// does is the services' business (the journal reports it next run).
import { useEffect, type Dispatch } from 'react';
import type { WizardServices } from '../app/services.js';
import { performRequest } from '../app/perform-request.js';
import type { Request, WizardEvent } from '../core/wizard/state.js';

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
    void performRequest(request, services, controller.signal, send);
    return () => controller.abort();
    // The request object is replaced whenever its id changes; the id alone decides.
  }, [request?.id]);
}
