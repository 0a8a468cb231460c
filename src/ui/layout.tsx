// A screen's body: information that may be clipped on a small terminal, and actions (choices, the
// typed confirmation) that never are. Put what matters most first in the information part.
//
// Ink's boxes and texts shrink by default; a shrunk text still draws all its lines and overwrites
// its neighbours. So the information sits in a box that keeps its natural height (flexShrink 0),
// inside a box that shrinks and clips. When it clips, marks say how many lines are above and below
// (never a silent cut), and PgUp/PgDn scroll it: the wizard and setup provide InfoScrollContext (the
// offset lives in their state, moved by their reducers); this box reports how many lines it clips
// and how many fit.
import { Box, measureElement, type DOMElement } from 'ink';
import { useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { InfoScrollContext } from './info-scroll-context.js';
import { AboveMark, BelowMark } from './scroll-marks.js';

export function ScreenLayout(props: { children: ReactNode; actions?: ReactNode }) {
  const outer = useRef<DOMElement>(null);
  const inner = useRef<DOMElement>(null);
  const scrolling = useContext(InfoScrollContext);
  const [size, setSize] = useState({ content: 0, room: 0 });
  // After each layout: how tall the information is and how many of its lines the clipping box shows.
  useEffect(() => {
    if (!outer.current || !inner.current) return;
    const content = measureElement(inner.current).height;
    const room = measureElement(outer.current).height;
    // A clipping box squeezed to no rows lays out no children, so the information measures 0 too:
    // keep the last count, or the mark (one row) and this measure would flip each other for ever
    // (found at 60×20 on the summary after an undo, when the actions take every row).
    if (room === 0 && content === 0) return;
    if (content !== size.content || room !== size.room) setSize({ content, room });
  });
  const hidden = Math.max(size.content - size.room, 0);
  const page = Math.max(size.room - 1, 1);
  // When the actions take every row nothing of the information shows, so nothing can scroll (an
  // above mark would only push the actions down): it is marked below, and a taller window shows it.
  const max = size.room > 0 ? hidden : 0;
  // Tell the wizard what PgUp/PgDn can move (only when it changed: each report is a render).
  const known = scrolling?.scroll;
  useEffect(() => {
    if (!scrolling || !known) return;
    if (known.max !== max || (max > 0 && known.page !== page)) scrolling.measured(page, max);
  }, [scrolling, known, max, page]);
  const offset = Math.min(known?.offset ?? 0, max);
  const below = hidden - offset;
  return (
    <Box flexDirection="column" flexGrow={1} flexShrink={1}>
      {offset > 0 ? (
        <Box flexShrink={0}>
          <AboveMark count={offset} />
        </Box>
      ) : null}
      {/* Scrolled, it fills the room (a negative margin would shrink its natural height). */}
      <Box ref={outer} flexDirection="column" flexGrow={offset > 0 ? 1 : 0} flexShrink={1} overflow="hidden">
        <Box ref={inner} flexDirection="column" flexShrink={0} marginTop={-offset}>
          {props.children}
        </Box>
      </Box>
      {below > 0 ? (
        <Box flexShrink={0}>
          <BelowMark count={below} stuck={max === 0} />
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
