// A step only a person can do elsewhere: what to do, how syncmatch will verify it, and a
// "check again" that re-reads the user.
import { Box, Text } from 'ink';
import { manualChoices } from '../../core/wizard/choices.js';
import type { Screen, WizardState } from '../../core/wizard/state.js';
import { stepAt } from '../../core/wizard/walk.js';
import { Hanging, HangingText } from '../field.js';
import { useTerminalSize } from '../terminal-size.js';
import { ScreenLayout } from '../layout.js';
import { SelectView } from '../select.js';
import { MARK } from '../theme.js';
import { Busy } from './marks.js';
import { PowerShellView } from './powershell-view.js';

export function ManualScreen(props: { state: WizardState; screen: Extract<Screen, { kind: 'manual' }> }) {
  const { state, screen } = props;
  const { columns } = useTerminalSize();
  const step = stepAt(state, screen.step);
  if (!step) return <Text>This step is no longer in the plan.</Text>;
  const check = screen.check;
  const actions = (
    <Box flexDirection="column">
      {check.status === 'checking' ? <Busy>Checking again (reading the user)…</Busy> : null}
      {check.status === 'still' ? (
        <HangingText
          prefix={`${MARK.fail} `}
          text={`Not done yet. ${check.detail}`}
          width={columns}
          tone="error"
        />
      ) : null}
      {check.status === 'failed' ? (
        <HangingText
          prefix={`${MARK.fail} `}
          text={`The check failed: ${check.detail}`}
          width={columns}
          tone="error"
        />
      ) : null}
      {check.status === 'checking' ? null : (
        <SelectView items={manualChoices(state, step)} cursor={screen.choice} />
      )}
    </Box>
  );
  return (
    <ScreenLayout actions={actions}>
      <HangingText prefix="" text={`Step ${screen.step + 1}: ${step.description}`} width={columns} bold />
      <HangingText prefix="" text="syncmatch cannot do this for you. Outside syncmatch:" width={columns} />
      <Hanging lines={step.manual?.instructions ?? [step.description]} width={columns} />
      {step.manual?.verify ? <HangingText prefix="Then: " text={step.manual.verify} width={columns} /> : null}
      <HangingText
        prefix=""
        text="Nothing after this step is written until a check shows it is done."
        width={columns}
      />
      {state.showPowerShell ? <PowerShellView step={step} width={columns} /> : null}
    </ScreenLayout>
  );
}
