// Around every screen: a header (where, who, which stage), the footer with the keys, and the `?`
// help overlay in place of the screen.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { footerKeys, helpText, screenTitle } from '../core/wizard/keymap.js';
import type { WizardState } from '../core/wizard/state.js';
import { SizeFloor } from './floor.js';
import { KeyLegend } from './key-legend.js';
import { ScreenLayout } from './layout.js';
import { Lines } from './field.js';
import { useTerminalRows, useTerminalSize } from './terminal-size.js';
import { Tone } from './theme.js';
import { wrapHanging, wrapText } from './wrap.js';

export function Header(props: { state: WizardState }) {
  const { config, identity, screen } = props.state;
  const { columns } = useTerminalSize();
  const who = identity ? ` · ${identity}` : '';
  const readOnly = config.readOnly ? '  [read-only: nothing is written]' : '';
  // Wrapped by the app: "syncmatch" first, the read-only mark where it starts.
  const lines = wrapText(`syncmatch · ${config.environmentLabel}${who}${readOnly}`, columns);
  const at = readOnly ? lines.findIndex((l) => l.includes('[read-only')) : -1;
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Lines
        lines={lines.map((line, i) => {
          const head = i === 0 && line.startsWith('syncmatch') ? line.slice(0, 9) : '';
          const rest = line.slice(head.length);
          const ro = i === at ? rest.indexOf('[read-only') : -1;
          return (
            <>
              {head ? (
                <Tone tone="accent" bold>
                  {head}
                </Tone>
              ) : null}
              {ro >= 0 ? (
                <>
                  {rest.slice(0, ro)}
                  <Tone tone="warn">{rest.slice(ro)}</Tone>
                </>
              ) : (
                rest
              )}
            </>
          );
        })}
      />
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
  const { columns } = useTerminalSize();
  // Inside the box's border and padding (4 columns); a key's description wraps under itself.
  const width = columns - 4;
  return (
    <ScreenLayout>
      <Box flexDirection="column" borderStyle="round" paddingX={1}>
        <Text bold>Help: {screenTitle(props.state.screen.kind)}</Text>
        <Lines
          lines={helpText(props.state).flatMap((line) => {
            const key = /^( {2}\S+ +)\S/.exec(line);
            return key
              ? wrapHanging(key[1]!, line.slice(key[1]!.length), width).map(([h, t]) => `${h}${t}`)
              : wrapText(line, width);
          })}
        />
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
