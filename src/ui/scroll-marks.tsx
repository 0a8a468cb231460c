// The marks of a region that scrolls with PgUp/PgDn (a screen's information, the findings box):
// how many lines are above and below, and the key that brings them.
import { Tone } from './theme.js';

const lines = (n: number) => `line${n === 1 ? '' : 's'}`;

export function AboveMark(props: { count: number }) {
  return props.count > 0 ? <Tone tone="muted">{`↑ ${props.count} above (PgUp)`}</Tone> : null;
}

export function BelowMark(props: { count: number }) {
  return props.count > 0 ? (
    <Tone tone="muted">{`↓ ${props.count} more ${lines(props.count)} (PgDn)`}</Tone>
  ) : null;
}
