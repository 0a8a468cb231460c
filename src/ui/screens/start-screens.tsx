// The screens before the reading: the journal check, its warnings, and the identity prompt.
import { Box, Text } from 'ink';
import type { Screen, WizardState } from '../../core/wizard/state.js';
import { MARK, Tone } from '../theme.js';
import { Busy } from './marks.js';

export function StartingScreen() {
  return <Busy>Checking the journal for unfinished writes…</Busy>;
}

export function WarningsScreen(props: { state: WizardState }) {
  return (
    <Box flexDirection="column">
      <Tone tone="warn" bold>
        {`${MARK.warn} An earlier run left writes whose result is unknown:`}
      </Tone>
      {props.state.warnings.map((line, i) => (
        <Text key={i}>{`  ${MARK.warn} ${line}`}</Text>
      ))}
      <Box marginTop={1}>
        <Text>
          Check them with <Text bold>syncmatch journal</Text> before changing the same user again.
        </Text>
      </Box>
    </Box>
  );
}

export function IdentityScreen(props: { screen: Extract<Screen, { kind: 'identity' }> }) {
  const { text, error } = props.screen;
  return (
    <Box flexDirection="column">
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
          <Tone tone="error">{`${MARK.fail} ${error.message}`}</Tone>
          {error.hint ? <Text>{`  Try: ${error.hint}`}</Text> : null}
        </Box>
      ) : null}
    </Box>
  );
}
