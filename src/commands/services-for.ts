// The wizard's services on an opened environment: the clock, the operator's name for the journal,
// --read-only, and the undo command the summary shows. What the services hand to a screen (an
// error's message, a step's or a sync's detail) passes the secret redactor first (issue 14): the
// screens escape it, but only this side knows the secrets.
import { operatorName } from '../adapters/journal/operator.js';
import { secretRedactor } from '../adapters/secrets/redactor.js';
import { systemClock } from '../adapters/system-clock.js';
import type { WizardServices } from '../app/services.js';
import { createWizardServices, type ServiceDeps } from '../app/wizard-services.js';
import type { Environment } from './environment-types.js';
import type { GlobalOptions } from './global-options.js';
import { readOnlyDecision } from './read-only.js';

export function servicesFor(
  env: Environment,
  opts: GlobalOptions,
  extra: Partial<ServiceDeps> = {},
): WizardServices {
  const lab = env.label.startsWith('lab:');
  const services = createWizardServices({
    ...env,
    ...extra,
    clock: systemClock,
    operator: operatorName(),
    // The one decision (flag, SYNCMATCH_READ_ONLY, profile): the write path itself refuses too.
    readOnly: readOnlyDecision(opts).readOnly,
    undoCommand: lab
      ? null
      : opts.profile
        ? (id) => `syncmatch --profile ${opts.profile} journal undo ${id}`
        : undefined,
  });
  return redacted(services);
}

/**
 * The same services, with the free text they return or throw passed through the redactor: an
 * error's message and the `detail` of a step's outcome, a sync verdict or a progress report.
 * Data (the diagnosis) is left as it is: the journal and the screens need it unchanged.
 */
function redacted(s: WizardServices): WizardServices {
  const detail = <T>(value: T): T => {
    if (secretRedactor.size === 0 || typeof value !== 'object' || value === null) return value;
    const d = (value as { detail?: unknown }).detail;
    return typeof d === 'string' ? { ...value, detail: secretRedactor.redact(d) } : value;
  };
  const guard = async <T>(work: () => Promise<T>, clean: (v: T) => T = (v) => v): Promise<T> => {
    try {
      return clean(await work());
    } catch (error) {
      if (error instanceof Error && secretRedactor.size > 0)
        error.message = secretRedactor.redact(error.message);
      throw error;
    }
  };
  return {
    ...s,
    diagnose: (identity, onProgress, signal) =>
      guard(() => s.diagnose(identity, (p) => onProgress(detail(p)), signal)),
    applyStep: (step, diagnosis, signal) => guard(() => s.applyStep(step, diagnosis, signal), detail),
    syncAndVerify: (diagnosis, onProgress, signal) =>
      guard(() => s.syncAndVerify(diagnosis, (p) => onProgress(detail(p)), signal), detail),
    unfinishedWrites: () =>
      guard(
        () => s.unfinishedWrites(),
        (lines) => lines.map((l) => secretRedactor.redact(l)),
      ),
  };
}
