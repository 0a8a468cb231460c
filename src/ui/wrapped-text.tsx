// A paragraph wrapped by the app (src/ui/wrap.ts): one Ink line per wrapped line, each cut with
// `truncate-end` only as a last guard, so the terminal never re-wraps it.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { wrapText, wrapWithin } from './wrap.js';

export function WrappedText(props: {
  text: string;
  width: number;
  /** Lines at most; the last says how many more were left out. */
  maxLines?: number;
  /** Wraps each line in a style (a Tone), given the line. */
  render?: (line: string, index: number) => ReactNode;
}) {
  const lines =
    props.maxLines !== undefined
      ? wrapWithin(props.text, props.width, props.maxLines)
      : wrapText(props.text, props.width);
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {props.render ? props.render(line, i) : line || ' '}
        </Text>
      ))}
    </Box>
  );
}
