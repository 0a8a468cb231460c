// Renders the wizard with ink-testing-library: every render, key and unmount inside act().
import { render } from 'ink-testing-library';
import { act } from 'react';
import { expect } from 'vitest';
import type { WizardServices } from '../../src/app/services.js';
import { ColorContext } from '../../src/ui/theme.js';
import { WizardApp } from '../../src/ui/wizard-app.js';

export const KEY = {
  down: '\u001B[B',
  up: '\u001B[A',
  enter: '\r',
  escape: '\u001B',
  ctrlC: '\u0003',
} as const;

const mounted: Array<{ unmount: () => void }> = [];

export async function unmountAll(): Promise<void> {
  await act(async () => {
    for (const m of mounted.splice(0)) m.unmount();
  });
}

/** The smallest terminal the wizard must work in. */
export const COLUMNS = 80;

// ink-testing-library's stdout is 100 columns wide from its first frame; a resize after render()
// races with the first answers under load. Make every fake stdout 80 columns from the start.
{
  const probe = render(<></>);
  Object.defineProperty(Object.getPrototypeOf(probe.stdout), 'columns', {
    get: () => COLUMNS,
    configurable: true,
  });
  probe.unmount();
}
export const ROWS = 24;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;]*m/g;

/** Every frame must fit an 80×24 terminal: no line wider, no more lines. */
export function expectFits(
  frame: string,
  size: { rows: number; columns: number } = { rows: ROWS, columns: COLUMNS },
): void {
  const lines = frame.replace(ANSI, '').split('\n');
  expect(lines.length, frame).toBeLessThanOrEqual(size.rows);
  // Combining marks (the NFD form of "ë") take no column of their own.
  for (const line of lines)
    expect([...line.replace(/\p{M}/gu, '')].length, line).toBeLessThanOrEqual(size.columns);
}

export async function renderWizardApp(
  services: WizardServices,
  options: { identity?: string; color?: boolean; size?: { columns: number; rows: number } } = {},
) {
  const size = options.size ?? { columns: COLUMNS, rows: ROWS };
  let exitCode: number | null = null;
  let r: ReturnType<typeof render> | undefined;
  await act(async () => {
    r = render(
      <ColorContext.Provider value={options.color ?? false}>
        <WizardApp services={services} identity={options.identity} onExit={(code) => (exitCode = code)} />
      </ColorContext.Provider>,
    );
  });
  const rendered = r!;
  mounted.push(rendered);
  // ink-testing-library's stdout is 100 columns wide; narrow it the way a terminal resize would.
  Object.defineProperty(rendered.stdout, 'columns', { value: size.columns, configurable: true });
  if (options.size) Object.defineProperty(rendered.stdout, 'rows', { value: size.rows, configurable: true });
  await act(async () => void rendered.stdout.emit('resize'));
  return {
    frame: () => rendered.lastFrame() ?? '',
    /** The frame with runs of white space (line wraps included) collapsed, to match sentences. */
    text: () => (rendered.lastFrame() ?? '').replace(/\s+/g, ' '),
    frames: rendered.frames,
    stdout: rendered.stdout,
    exitCode: () => exitCode,
    /** Writes one chunk, as a terminal read would deliver it. */
    press: async (...chunks: string[]) => {
      for (const chunk of chunks) await act(async () => void rendered.stdin.write(chunk));
      expectFits(rendered.lastFrame() ?? '', size);
    },
    /** Types text one key per chunk. */
    type: async (text: string) => {
      for (const c of text) await act(async () => void rendered.stdin.write(c));
    },
    settle: async () => act(async () => {}),
  };
}
