// The screens before the reading: the journal check, its warnings, and the identity prompt.
import { Box, Text } from 'ink';
import type { Screen, WizardState } from '../../core/wizard/state.js';
import { Hanging, HangingText } from '../field.js';
import { useHints } from '../hints.js';
import { inputTail } from '../wrap.js';
import { ScreenLayout } from '../layout.js';
import { useTerminalSize } from '../terminal-size.js';
import { MARK, Tone } from '../theme.js';
import { Busy } from './marks.js';

export function StartingScreen() {
  return (
    <ScreenLayout>
      <Busy>Checking the journal for unfinished writes…</Busy>
    </ScreenLayout>
  );
}

export function WarningsScreen(props: { state: WizardState }) {
  const hint = useHints();
  return (
    <ScreenLayout>
      <HangingText
        prefix={`${MARK.warn} `}
        text="An earlier run left writes whose result is unknown:"
        tone="warn"
        bold
      />
      <Hanging lines={props.state.warnings} marker={() => MARK.warn} indent={4} />
      <Box marginTop={1}>
        <HangingText
          prefix=""
          text={hint('Check them with syncmatch journal before changing the same user again.')}
        />
      </Box>
    </ScreenLayout>
  );
}

export function IdentityScreen(props: { screen: Extract<Screen, { kind: 'identity' }> }) {
  const { text, error } = props.screen;
  const { columns } = useTerminalSize();
  return (
    <ScreenLayout>
      <HangingText
        prefix=""
        text="Which AD user? A sAMAccountName, UPN, mail, DN, objectGUID or immutableId."
        width={columns}
      />
      <Box marginTop={1}>
        <Text wrap="truncate-end">
          <Tone tone="accent">{'> '}</Tone>
          {inputTail(text, columns - 3)}
          <Text inverse> </Text>
        </Text>
      </Box>
      {error ? (
        <Box flexDirection="column" marginTop={1}>
          <HangingText prefix={`${MARK.fail} `} text={error.message} width={columns} tone="error" />
          {error.hint ? <HangingText prefix="  Try: " text={error.hint} width={columns} /> : null}
        </Box>
      ) : null}
    </ScreenLayout>
  );
}
