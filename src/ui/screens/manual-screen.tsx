// A step only a person can do elsewhere: what to do, how syncmatch will verify it, and a
// "check again" that re-reads the user.
import { Box, Text } from 'ink';
import { manualChoices } from '../../core/wizard/choices.js';
import type { Screen, WizardState } from '../../core/wizard/state.js';
import { stepAt } from '../../core/wizard/walk.js';
import { Hanging } from '../field.js';
import { ScreenLayout } from '../layout.js';
import { SelectView } from '../select.js';
import { MARK, Tone } from '../theme.js';
import { Busy } from './marks.js';
import { PowerShellView } from './powershell-view.js';

export function ManualScreen(props: { state: WizardState; screen: Extract<Screen, { kind: 'manual' }> }) {
  const { state, screen } = props;
  const step = stepAt(state, screen.step);
  if (!step) return <Text>This step is no longer in the plan.</Text>;
  const check = screen.check;
  const actions = (
    <Box flexDirection="column">
      {check.status === 'checking' ? <Busy>Checking again (reading the user)…</Busy> : null}
      {check.status === 'still' ? (
        <Tone tone="error">{`${MARK.fail} Not done yet. ${check.detail}`}</Tone>
      ) : null}
      {check.status === 'failed' ? (
        <Tone tone="error">{`${MARK.fail} The check failed: ${check.detail}`}</Tone>
      ) : null}
      {check.status === 'checking' ? null : (
        <SelectView items={manualChoices(state, step)} cursor={screen.choice} />
      )}
    </Box>
  );
  return (
    <ScreenLayout actions={actions}>
      <Text bold>{`Step ${screen.step + 1}: ${step.description}`}</Text>
      <Text>syncmatch cannot do this for you. Outside syncmatch:</Text>
      <Hanging lines={step.manual?.instructions ?? [step.description]} />
      {step.manual?.verify ? <Text>{`Then: ${step.manual.verify}`}</Text> : null}
      <Text>Nothing after this step is written until a check shows it is done.</Text>
      {state.showPowerShell ? <PowerShellView step={step} /> : null}
    </ScreenLayout>
  );
}
