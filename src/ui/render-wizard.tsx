// The entry the `syncmatch [identity]` command import()s: renders the wizard on this terminal and
// resolves with the exit code (0 matched / nothing wrong, 3 problems left, 130 cancelled, 1 failure).
import { render } from 'ink';
import type { WizardServices } from '../app/services.js';
import type { Invocation } from '../core/command-hints.js';
import { rewriteCommands } from '../core/command-hints.js';
import { UserFacingError } from '../core/errors.js';
import { ColorContext } from './theme.js';
import { WizardApp } from './wizard-app.js';

export interface RenderWizardOptions {
  identity?: string;
  color: boolean;
  /** Opened from the lab's picker: told when the technician goes back to it. */
  onBackToPicker?: () => void;
  /** How this run was started: hints quote commands the way they work as typed. */
  invocation?: Invocation;
}

export async function renderWizard(services: WizardServices, options: RenderWizardOptions): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserFacingError(
      'The wizard needs an interactive terminal.',
      'NOT_A_TERMINAL',
      rewriteCommands(
        'Run "syncmatch diagnose <identity> --json", or "syncmatch fix <identity> --yes --json" to apply the plan.',
        options.invocation ?? { prefix: 'syncmatch' },
      ),
      2,
    );
  }
  const cancel = new AbortController();
  // Ctrl-C arrives as a key in raw mode; a SIGINT from elsewhere (kill -INT) stops the run the same way.
  const onSigint = () => cancel.abort();
  process.on('SIGINT', onSigint);
  let settle: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (settle = resolve));
  const instance = render(
    <ColorContext.Provider value={options.color}>
      <WizardApp
        services={services}
        identity={options.identity}
        cancel={cancel.signal}
        picker={options.onBackToPicker !== undefined}
        {...(options.invocation ? { invocation: options.invocation } : {})}
        onExit={(code, leaveTo) => {
          if (leaveTo === 'picker') options.onBackToPicker?.();
          settle(code);
        }}
      />
    </ColorContext.Provider>,
    { exitOnCtrlC: false },
  );
  try {
    // If Ink stops on its own (it should not), the run counts as cancelled.
    return await Promise.race([exited, instance.waitUntilExit().then(() => 130)]);
  } finally {
    process.off('SIGINT', onSigint);
    cancel.abort();
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
  }
}
