// A select that does not lose keys. The cursor lives in a reducer (core/wizard/select.ts) and every
// key of a chunk is dispatched on its own (use-keys.ts), so "Down Down Enter" or "jj⏎" arriving in
// one read moves twice and then chooses: ink-select-input was measured dropping the second key.
import { Box, Text } from 'ink';
import { useEffect, useReducer } from 'react';
import { initialSelect, selectReducer } from '../core/wizard/select.js';
import { MARK, Tone } from './theme.js';
import { useKeys } from './use-keys.js';
import { useTerminalSize } from './terminal-size.js';
import { wrapHanging } from './wrap.js';

export interface SelectItem {
  label: string;
}

/**
 * The list as shown: a pointer and (in colour) a highlight on the current item. A label wider than
 * the room wraps at words under itself (never cut: a menu item is a promise of what Enter does).
 */
export function SelectView(props: { items: readonly SelectItem[]; cursor: number; width?: number }) {
  const { columns } = useTerminalSize();
  const width = props.width ?? columns;
  return (
    <Box flexDirection="column">
      {props.items.map((item, i) => {
        const here = i === props.cursor;
        return (
          <Box key={`${i}-${item.label}`} flexDirection="column">
            {wrapHanging('  ', item.label, width).map(([, line], j) => (
              <Text key={j} wrap="truncate-end">
                {j === 0 && here ? `${MARK.pointer} ` : '  '}
                {here ? (
                  <Tone tone="accent" bold>
                    {line}
                  </Tone>
                ) : (
                  line
                )}
              </Text>
            ))}
          </Box>
        );
      })}
    </Box>
  );
}

/** A standalone select with its own state: calls onSubmit once, or onCancel on Escape/q. */
export function Select<T extends SelectItem>(props: {
  items: readonly T[];
  onSubmit: (item: T, index: number) => void;
  onCancel?: () => void;
}) {
  const [state, dispatch] = useReducer(selectReducer, initialSelect());
  const { items, onSubmit, onCancel } = props;
  useKeys((key) => dispatch({ key, count: items.length }));
  useEffect(() => {
    const item = state.chosen === null ? undefined : items[state.chosen];
    if (item && state.chosen !== null) onSubmit(item, state.chosen);
  }, [state.chosen, items, onSubmit]);
  useEffect(() => {
    if (state.cancelled) onCancel?.();
  }, [state.cancelled, onCancel]);
  return <SelectView items={items} cursor={state.cursor} />;
}
