// A screen's body: information that may be clipped on a small terminal, and actions (choices, the
// typed confirmation) that never are. Put what matters most first in the information part.
//
// Ink's boxes and texts shrink by default; a shrunk text still draws all its lines and overwrites
// its neighbours. So the information sits in a box that keeps its natural height (flexShrink 0),
// inside a box that shrinks and clips.
import { Box } from 'ink';
import type { ReactNode } from 'react';

export function ScreenLayout(props: { children: ReactNode; actions?: ReactNode }) {
  return (
    <Box flexDirection="column" flexGrow={1} flexShrink={1}>
      <Box flexDirection="column" flexShrink={1} overflow="hidden">
        <Box flexDirection="column" flexShrink={0}>
          {props.children}
        </Box>
      </Box>
      {props.actions ? (
        <Box flexDirection="column" flexShrink={0} marginTop={1}>
          {props.actions}
        </Box>
      ) : null}
    </Box>
  );
}
