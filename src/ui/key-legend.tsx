// A footer line of keys and what they do ("Enter confirm  Esc back"). When the line is wider than
// the terminal it shortens: first each description to its first word, then the last keys give way
// (the help key `?` stays, it lists them all) with "…" where they were. Never cut mid-word.
import { Text } from 'ink';
import { useTerminalSize } from './terminal-size.js';
import { Tone } from './theme.js';
import { stringWidth } from './wrap.js';

type Hint = readonly [key: string, does: string];

const lineWidth = (keys: readonly Hint[], more: boolean) =>
  keys.reduce((w, [k, d], i) => w + (i > 0 ? 2 : 0) + stringWidth(k) + 1 + stringWidth(d), 0) +
  (more ? 3 : 0);

/** The hints that fit in `width` columns, shortened as described above; `more` when some gave way. */
export function fitKeys(keys: readonly Hint[], width: number): { keys: Hint[]; more: boolean } {
  if (lineWidth(keys, false) <= width) return { keys: [...keys], more: false };
  const short = keys.map(([k, d]) => [k, d.split(' ')[0] ?? d] as const);
  if (lineWidth(short, false) <= width) return { keys: short, more: false };
  const help = short.find(([k]) => k === '?');
  const rest = short.filter((h) => h !== help);
  while (rest.length > 1 && lineWidth(help ? [...rest, help] : rest, true) > width) rest.pop();
  return { keys: help ? [...rest, help] : rest, more: true };
}

export function KeyLegend(props: { keys: readonly Hint[]; width?: number }) {
  const { columns } = useTerminalSize();
  const fitted = fitKeys(props.keys, props.width ?? columns - 1);
  const helpAt = fitted.keys.findIndex(([k]) => k === '?');
  return (
    <Text wrap="truncate-end">
      {fitted.keys.map(([k, does], i) => (
        <Text key={k}>
          {i > 0 ? (fitted.more && i === helpAt ? ' …  ' : '  ') : ''}
          <Tone tone="accent" bold>
            {k}
          </Tone>
          {` ${does}`}
        </Text>
      ))}
      {fitted.more && helpAt < 0 ? ' …' : ''}
    </Text>
  );
}
