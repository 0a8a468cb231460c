// The marks of a region that scrolls with PgUp/PgDn (a screen's information, the findings box):
// how many lines are above and below, and the key that brings them.
import { Tone } from './theme.js';

const lines = (n: number) => `line${n === 1 ? '' : 's'}`;

export function AboveMark(props: { count: number }) {
  return props.count > 0 ? <Tone tone="muted">{`↑ ${props.count} above (PgUp)`}</Tone> : null;
}

/** `stuck`: nothing of the region shows, so PgDn cannot help (only a taller window). */
export function BelowMark(props: { count: number; stuck?: boolean }) {
  const how = props.stuck ? 'a taller window shows them' : 'PgDn';
  return props.count > 0 ? (
    <Tone tone="muted">{`↓ ${props.count} more ${lines(props.count)} (${how})`}</Tone>
  ) : null;
}
