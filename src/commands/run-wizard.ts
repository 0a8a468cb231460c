// Renders the wizard on an environment (real or lab) and closes the environment afterwards. The
// environment may still be opening: the first frame does not wait for it.
import { lazyWizardServices, type ServiceMeta } from '../app/lazy-services.js';
import type { Environment } from './environment-types.js';
import type { GlobalOptions } from './global-options.js';
import { invocationFor } from './invocation.js';
import { colorEnabled } from './output.js';
import { readOnlyDecision } from './read-only.js';
import { recordingServices } from '../app/recording-services.js';
import { ticketMarkdown } from '../core/ticket/render.js';
import { checkReportTarget, writeReportFile } from './report-file.js';

export async function runWizard(
  env: Environment,
  identity: string | undefined,
  opts: GlobalOptions,
): Promise<number> {
  const meta: ServiceMeta = {
    environmentLabel: env.label,
    suggestedIdentity: env.suggestedIdentity,
    readOnly: readOnlyDecision(opts).readOnly,
    journalPath: env.journal.path,
  };
  return runWizardWhileOpening(meta, async () => env, identity, opts);
}

/** Renders first, then opens the environment: its loading never delays the first frame. */
export async function runWizardWhileOpening(
  meta: ServiceMeta,
  open: () => Promise<Environment>,
  identity: string | undefined,
  opts: GlobalOptions,
  extras: {
    /** From the lab's picker: called when the technician goes back to it. */
    onBackToPicker?: () => void;
    /** The lab scenario the hints keep (`--lab <name>`) when it is not in the options. */
    lab?: string;
  } = {},
): Promise<number> {
  await checkReportTarget(opts.report, opts.force);
  const { onBackToPicker } = extras;
  const how = invocationFor(opts);
  const { renderWizard } = await import('../ui/render-wizard.js');
  let start: () => void = () => {};
  const opening = new Promise<void>((resolve) => (start = resolve)).then(open);
  try {
    // The services (the core's rules, the planner, the write path) load with the environment,
    // after the first frame.
    const lazy = lazyWizardServices(
      meta,
      opening.then(async (env) => (await import('./services-for.js')).servicesFor(env, opts)),
    );
    // With --report, the run is recorded so the ticket can be written when the wizard closes.
    const recorded = opts.report ? recordingServices(lazy) : null;
    const exited = renderWizard(recorded?.services ?? lazy, {
      identity,
      color: colorEnabled(opts),
      invocation: extras.lab && !how.lab ? { ...how, lab: extras.lab } : how,
      ...(onBackToPicker ? { onBackToPicker } : {}),
    });
    // Ink has drawn the first frame by the next turn of the event loop; then start opening.
    setImmediate(start);
    const code = await exited;
    if (recorded && opts.report) {
      const secrets = await opening.then((env) => env.secrets).catch(() => []);
      await writeReportFile(opts.report, ticketMarkdown(recorded.ticket()), { force: opts.force, secrets });
      process.stderr.write(`Report: ${opts.report}\n`);
    }
    return code;
  } finally {
    start();
    await opening.then((env) => env.close()).catch(() => undefined);
  }
}
