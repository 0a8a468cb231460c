// A footer line of keys and what they do ("Enter confirm  Esc back"), cut at the terminal's edge.
import { Text } from 'ink';
import { Tone } from './theme.js';

export function KeyLegend(props: { keys: ReadonlyArray<readonly [key: string, does: string]> }) {
  return (
    <Text wrap="truncate-end">
      {props.keys.map(([k, does], i) => (
        <Text key={k}>
          {i > 0 ? '  ' : ''}
          <Tone tone="accent" bold>
            {k}
          </Tone>
          {` ${does}`}
        </Text>
      ))}
    </Text>
  );
}
