// A screen's body: information that may be clipped on a small terminal, and actions (choices, the
// typed confirmation) that never are. Put what matters most first in the information part.
//
// Ink's boxes and texts shrink by default; a shrunk text still draws all its lines and overwrites
// its neighbours. So the information sits in a box that keeps its natural height (flexShrink 0),
// inside a box that shrinks and clips. When it clips, a "more" mark says so (never a silent cut).
import { Box, measureElement, type DOMElement } from 'ink';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Tone } from './theme.js';

export function ScreenLayout(props: { children: ReactNode; actions?: ReactNode }) {
  const outer = useRef<DOMElement>(null);
  const inner = useRef<DOMElement>(null);
  const [hidden, setHidden] = useState(0);
  // After each layout: how many lines of the information the clipping box hides.
  useEffect(() => {
    if (!outer.current || !inner.current) return;
    const innerHeight = measureElement(inner.current).height;
    const outerHeight = measureElement(outer.current).height;
    // A clipping box squeezed to no rows lays out no children, so the information measures 0 too:
    // keep the last count, or the mark (one row) and this measure would flip each other for ever
    // (found at 60×20 on the summary after an undo, when the actions take every row).
    if (outerHeight === 0 && innerHeight === 0) return;
    setHidden(Math.max(innerHeight - outerHeight, 0));
  });
  return (
    <Box flexDirection="column" flexGrow={1} flexShrink={1}>
      <Box ref={outer} flexDirection="column" flexShrink={1} overflow="hidden">
        <Box ref={inner} flexDirection="column" flexShrink={0}>
          {props.children}
        </Box>
      </Box>
      {hidden > 0 ? (
        <Box flexShrink={0}>
          <Tone tone="muted">{`↓ ${hidden} more line${hidden === 1 ? '' : 's'} (a taller window shows them)`}</Tone>
        </Box>
      ) : null}
      {props.actions ? (
        <Box flexDirection="column" flexShrink={0} marginTop={1}>
          {props.actions}
        </Box>
      ) : null}
    </Box>
  );
}
