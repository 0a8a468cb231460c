// Around every screen: a header (where, who, which stage), the footer with the keys, and the `?`
// help overlay in place of the screen.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { footerKeys, helpText, screenTitle } from '../core/wizard/keymap.js';
import type { WizardState } from '../core/wizard/state.js';
import { Tone } from './theme.js';

export function Header(props: { state: WizardState }) {
  const { config, identity, screen } = props.state;
  const who = identity ? ` · ${identity}` : '';
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Box>
        <Text>
          <Tone tone="accent" bold>
            syncmatch
          </Tone>
          {` · ${config.environmentLabel}${who}`}
        </Text>
        {config.readOnly ? <Tone tone="warn">{'  [read-only: nothing is written]'}</Tone> : null}
      </Box>
      <Text bold>{screenTitle(screen.kind)}</Text>
    </Box>
  );
}

export function Footer(props: { state: WizardState }) {
  const keys = footerKeys(props.state);
  return (
    <Box marginTop={1}>
      <Text wrap="truncate-end">
        {keys.map(([k, does], i) => (
          <Text key={k}>
            {i > 0 ? '  ' : ''}
            <Tone tone="accent" bold>
              {k}
            </Tone>
            {` ${does}`}
          </Text>
        ))}
      </Text>
    </Box>
  );
}

export function HelpOverlay(props: { state: WizardState }) {
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>Help: {screenTitle(props.state.screen.kind)}</Text>
      {helpText(props.state).map((line, i) => (
        <Text key={i}>{line}</Text>
      ))}
    </Box>
  );
}

export function Frame(props: { state: WizardState; children: ReactNode }) {
  return (
    <Box flexDirection="column">
      <Header state={props.state} />
      {props.state.help ? <HelpOverlay state={props.state} /> : props.children}
      <Footer state={props.state} />
    </Box>
  );
}
