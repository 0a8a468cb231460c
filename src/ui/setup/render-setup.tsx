// The entry `syncmatch setup` import()s: renders the setup wizard on this terminal and resolves
// with what happened (saved or not, and whether to test the connections next). The check itself
// runs after Ink has let go of the terminal, so its prompts (a masked password) own stdin.
import { render } from 'ink';
import { ColorContext } from '../theme.js';
import { SetupWizard, type SetupResult, type SetupWizardProps } from './setup-wizard.js';

export type { SaveResult, SetupResult } from './setup-wizard.js';
export type { SetupAnswers } from './questions.js';

export async function renderSetup(
  props: Omit<SetupWizardProps, 'onExit'>,
  options: { color: boolean },
): Promise<SetupResult> {
  let settle: (r: SetupResult) => void = () => {};
  const done = new Promise<SetupResult>((resolve) => (settle = resolve));
  const instance = render(
    <ColorContext.Provider value={options.color}>
      <SetupWizard {...props} onExit={(r) => settle(r)} />
    </ColorContext.Provider>,
    { exitOnCtrlC: false },
  );
  try {
    return await Promise.race([
      done,
      instance
        .waitUntilExit()
        .then(() => ({ saved: false, check: false, profile: props.initial.profile ?? '' })),
    ]);
  } finally {
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
  }
}
