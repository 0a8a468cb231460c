// The lab's scenario picker (`syncmatch lab`, and `npm start` before anything is configured): each
// scenario with its description; Enter opens the wizard on it, Escape or q leaves, Ctrl-C cancels
// (exit 130) as everywhere. It holds at any size from the floor up: the title and keys stay, the
// list scrolls around the cursor with "more" marks, the description wraps at words.
import { Box, render, Text } from 'ink';
import { useEffect, useReducer } from 'react';
import { initialSelect, selectReducer } from '../core/wizard/select.js';
import { SizeFloor } from './floor.js';
import { KeyLegend } from './key-legend.js';
import { scrollWindow } from './scroll.js';
import { SelectView } from './select.js';
import { useTerminalSize } from './terminal-size.js';
import { useKeys } from './use-keys.js';
import { ColorContext, Tone } from './theme.js';
import { WrappedText } from './wrapped-text.js';
import { wrapText } from './wrap.js';

export interface PickerScenario {
  name: string;
  description: string;
}

export type PickerResult = { name: string } | 'quit' | 'cancelled';

const TITLE = 'syncmatch lab — choose a scenario to practise on';

interface PickerState {
  select: ReturnType<typeof initialSelect>;
  cancelled: boolean;
}

export function Picker(props: {
  scenarios: readonly PickerScenario[];
  note?: string;
  onDone: (r: PickerResult) => void;
}) {
  const { scenarios, onDone } = props;
  const [state, dispatch] = useReducer(
    (s: PickerState, key: Parameters<typeof selectReducer>[1]['key']): PickerState =>
      key.kind === 'ctrlC'
        ? { ...s, cancelled: true }
        : { ...s, select: selectReducer(s.select, { key, count: scenarios.length }) },
    { select: initialSelect(), cancelled: false },
  );
  useKeys(dispatch);
  useEffect(() => {
    if (state.cancelled) onDone('cancelled');
    else if (state.select.chosen !== null) onDone({ name: scenarios[state.select.chosen]!.name });
    else if (state.select.cancelled) onDone('quit');
  }, [state, scenarios, onDone]);
  const { columns, rows } = useTerminalSize();
  const width = columns - 2;
  const cursor = state.select.cursor;
  const current = scenarios[cursor];
  // Title (1), note (≤ 2), margins (3), keys (1), the line left free (1); the description gets up
  // to a third of the rest, the list the remainder.
  const free = rows - 1 - wrapText(TITLE, width).length - (props.note ? 2 : 0) - 3 - 1;
  const descriptionLines = Math.max(Math.min(Math.floor(free / 3), 6), 2);
  const listRows = Math.max(free - descriptionLines, 3);
  const view = scrollWindow(scenarios.length, cursor, listRows);
  const items = scenarios.slice(view.start, view.end).map((s) => ({ label: s.name }));
  return (
    <SizeFloor>
      <Box flexDirection="column" paddingX={1} height={rows - 1}>
        <WrappedText text={TITLE} width={width} render={(line) => <Text bold>{line}</Text>} />
        {props.note ? <WrappedText text={props.note} width={width} maxLines={2} /> : null}
        <Box marginTop={1} flexDirection="column" height={listRows} flexShrink={0}>
          {view.above > 0 ? <Tone tone="muted">{`  ↑ ${view.above} more`}</Tone> : null}
          <SelectView items={items} cursor={cursor - view.start} width={width} />
          {view.below > 0 ? <Tone tone="muted">{`  ↓ ${view.below} more`}</Tone> : null}
        </Box>
        <Box marginTop={1} flexDirection="column" height={descriptionLines} flexShrink={0}>
          {current ? (
            <WrappedText
              text={current.description}
              width={width}
              maxLines={descriptionLines}
              render={(line) => <Tone tone="muted">{line}</Tone>}
            />
          ) : null}
        </Box>
        <Box marginTop={1}>
          <KeyLegend
            width={width}
            keys={[
              ['↑↓/jk', 'move'],
              ['Enter', 'open'],
              ['Esc/q', 'quit'],
              ['Ctrl-C', 'cancel'],
            ]}
          />
        </Box>
      </Box>
    </SizeFloor>
  );
}

/** Shows the picker; resolves with the chosen scenario, 'quit' (Escape, q) or 'cancelled' (Ctrl-C). */
export async function pickScenario(
  scenarios: readonly PickerScenario[],
  options: { color: boolean; note?: string },
): Promise<PickerResult> {
  let settle: (v: PickerResult) => void = () => {};
  const chosen = new Promise<PickerResult>((resolve) => (settle = resolve));
  const onSigint = () => settle('cancelled');
  process.on('SIGINT', onSigint);
  const instance = render(
    <ColorContext.Provider value={options.color}>
      <Picker scenarios={scenarios} note={options.note} onDone={(v) => settle(v)} />
    </ColorContext.Provider>,
    { exitOnCtrlC: false },
  );
  try {
    return await chosen;
  } finally {
    process.off('SIGINT', onSigint);
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
  }
}
