// A labelled line whose value wraps under itself, not under the label.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

export function Field(props: { label: string; children: ReactNode; width?: number }) {
  return (
    <Box>
      <Box width={props.width ?? 9} flexShrink={0}>
        <Text>{props.label}</Text>
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        {typeof props.children === 'string' ? <Text>{props.children}</Text> : props.children}
      </Box>
    </Box>
  );
}

/** Lines with a hanging indent: "  1. text" wraps under the text, not under the number. */
export function Hanging(props: {
  lines: readonly string[];
  marker?: (i: number) => string;
  indent?: number;
}) {
  const marker = props.marker ?? ((i: number) => `${i + 1}.`);
  const indent = props.indent ?? 5;
  return (
    <Box flexDirection="column">
      {props.lines.map((line, i) => (
        <Box key={i}>
          <Box width={indent} flexShrink={0}>
            <Text>{`  ${marker(i)}`}</Text>
          </Box>
          <Box flexGrow={1} flexShrink={1}>
            <Text>{line}</Text>
          </Box>
        </Box>
      ))}
    </Box>
  );
}
