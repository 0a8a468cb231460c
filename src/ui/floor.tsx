// The smallest terminal the screens are laid out for. Below it a screen would only be cut, so it
// says so instead (and comes back by itself when the window grows: the state is kept above it).
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTerminalSize } from './terminal-size.js';
import { wrapText } from './wrap.js';

export const FLOOR = { columns: 50, rows: 15 } as const;

export function tooSmallText(columns: number, rows: number): string {
  return `This screen needs at least ${FLOOR.columns}×${FLOOR.rows} characters; the terminal is ${columns}×${rows}. Make the window larger (Ctrl-C quits).`;
}

export function SizeFloor(props: { children: ReactNode }) {
  const { columns, rows } = useTerminalSize();
  if (columns >= FLOOR.columns && rows >= FLOOR.rows) return <>{props.children}</>;
  return (
    <Box flexDirection="column">
      {wrapText(tooSmallText(columns, rows), Math.max(columns - 1, 10)).map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}
