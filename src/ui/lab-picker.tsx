// The lab's scenario picker (`syncmatch lab`, and `npm start` before anything is configured): each
// scenario with its description; Enter opens the wizard on it, Escape or q leaves.
import { Box, render, Text } from 'ink';
import { useEffect, useReducer } from 'react';
import { initialSelect, selectReducer } from '../core/wizard/select.js';
import { SelectView } from './select.js';
import { useKeys } from './use-keys.js';
import { ColorContext, Tone } from './theme.js';

export interface PickerScenario {
  name: string;
  description: string;
}

function Picker(props: {
  scenarios: readonly PickerScenario[];
  note?: string;
  onDone: (name: string | null | typeof INTERRUPTED) => void;
}) {
  const [state, dispatch] = useReducer(selectReducer, initialSelect());
  const { scenarios, onDone } = props;
  // Ctrl-C is an interruption (exit 130), not a choice to leave (q/Esc, exit 0).
  useKeys((key) => (key.kind === 'ctrlC' ? onDone(INTERRUPTED) : dispatch({ key, count: scenarios.length })));
  useEffect(() => {
    if (state.chosen !== null) onDone(scenarios[state.chosen]!.name);
    else if (state.cancelled) onDone(null);
  }, [state.chosen, state.cancelled, scenarios, onDone]);
  const items = scenarios.map((s) => ({ label: s.name }));
  const current = scenarios[state.cursor];
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>syncmatch lab — choose a scenario to practise on</Text>
      {props.note ? <Text>{props.note}</Text> : null}
      <Box marginTop={1}>
        <SelectView items={items} cursor={state.cursor} />
      </Box>
      {current ? (
        <Box marginTop={1} width={78}>
          <Text wrap="wrap">
            <Tone tone="muted">{current.description}</Tone>
          </Text>
        </Box>
      ) : null}
      <Box marginTop={1}>
        <Text>↑/↓ or j/k move · Enter open · q/Esc quit</Text>
      </Box>
    </Box>
  );
}

const INTERRUPTED = Symbol('interrupted');

/**
 * Shows the picker; resolves with the chosen scenario's name, or null when the user left (q/Esc).
 * Ctrl-C rejects with an AbortError, which the command line reports as cancelled (exit 130).
 */
export async function pickScenario(
  scenarios: readonly PickerScenario[],
  options: { color: boolean; note?: string },
): Promise<string | null> {
  let settle: (v: string | null | typeof INTERRUPTED) => void = () => {};
  const chosen = new Promise<string | null | typeof INTERRUPTED>((resolve) => (settle = resolve));
  const instance = render(
    <ColorContext.Provider value={options.color}>
      <Picker scenarios={scenarios} note={options.note} onDone={(v) => settle(v)} />
    </ColorContext.Provider>,
    { exitOnCtrlC: false },
  );
  try {
    const v = await chosen;
    if (v === INTERRUPTED) throw Object.assign(new Error('Cancelled (Ctrl-C).'), { name: 'AbortError' });
    return v;
  } finally {
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
  }
}
