// The screens before the reading: the journal check, its warnings, and the identity prompt.
import { Box, Text } from 'ink';
import type { Screen, WizardState } from '../../core/wizard/state.js';
import { Hanging } from '../field.js';
import { ScreenLayout } from '../layout.js';
import { useTerminalSize } from '../terminal-size.js';
import { WrappedText } from '../wrapped-text.js';
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
  return (
    <ScreenLayout>
      <Tone tone="warn" bold>
        {`${MARK.warn} An earlier run left writes whose result is unknown:`}
      </Tone>
      <Hanging lines={props.state.warnings} marker={() => MARK.warn} indent={4} />
      <Box marginTop={1}>
        <Text>
          Check them with <Text bold>syncmatch journal</Text> before changing the same user again.
        </Text>
      </Box>
    </ScreenLayout>
  );
}

export function IdentityScreen(props: { screen: Extract<Screen, { kind: 'identity' }> }) {
  const { text, error } = props.screen;
  const { columns } = useTerminalSize();
  return (
    <ScreenLayout>
      <Text>Which AD user? A sAMAccountName, UPN, mail, DN, objectGUID or immutableId.</Text>
      <Box marginTop={1}>
        <Text>
          <Tone tone="accent">{'> '}</Tone>
          {text}
          <Text inverse> </Text>
        </Text>
      </Box>
      {error ? (
        <Box flexDirection="column" marginTop={1}>
          <WrappedText
            text={`${MARK.fail} ${error.message}`}
            width={columns}
            render={(line) => <Tone tone="error">{line}</Tone>}
          />
          {error.hint ? <WrappedText text={`  Try: ${error.hint}`} width={columns} /> : null}
        </Box>
      ) : null}
    </ScreenLayout>
  );
}
