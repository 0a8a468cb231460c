// Around every screen: a header (where, who, which stage), the footer with the keys, and the `?`
// help overlay in place of the screen.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { footerKeys, helpText, screenTitle } from '../core/wizard/keymap.js';
import type { WizardState } from '../core/wizard/state.js';
import { SizeFloor } from './floor.js';
import { KeyLegend } from './key-legend.js';
import { ScreenLayout } from './layout.js';
import { useTerminalRows } from './terminal-size.js';
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
  return (
    <Box marginTop={1}>
      <KeyLegend keys={footerKeys(props.state)} />
    </Box>
  );
}

export function HelpOverlay(props: { state: WizardState }) {
  return (
    <ScreenLayout>
      <Box flexDirection="column" borderStyle="round" paddingX={1}>
        <Text bold>Help: {screenTitle(props.state.screen.kind)}</Text>
        {helpText(props.state).map((line, i) => (
          <Text key={i}>{line}</Text>
        ))}
      </Box>
    </ScreenLayout>
  );
}

export function Frame(props: { state: WizardState; children: ReactNode }) {
  // One line short of the terminal: a frame as tall as the terminal makes Ink clear the screen on
  // every update. The body shrinks (clips) so the header and the keys always stay visible.
  const rows = useTerminalRows();
  return (
    <SizeFloor>
      <Box flexDirection="column" height={Math.max(rows - 1, 12)}>
        <Box flexShrink={0}>
          <Header state={props.state} />
        </Box>
        <Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
          {props.state.help ? <HelpOverlay state={props.state} /> : props.children}
        </Box>
        <Box flexShrink={0}>
          <Footer state={props.state} />
        </Box>
      </Box>
    </SizeFloor>
  );
}
