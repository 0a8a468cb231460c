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
