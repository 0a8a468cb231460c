// A screen's information that does not fit is never cut silently: a mark says how many lines hide.
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { ScreenLayout } from '../../src/ui/layout.js';

const lines = (n: number) => Array.from({ length: n }, (_, i) => <Text key={i}>{`line ${i + 1}`}</Text>);

describe('ScreenLayout', () => {
  it('marks the lines it clips, and shows no mark when everything fits', async () => {
    let r: ReturnType<typeof render> | undefined;
    await act(async () => {
      r = render(
        <Box height={8} flexDirection="column">
          <ScreenLayout actions={<Text>the choice</Text>}>{lines(12)}</ScreenLayout>
        </Box>,
      );
    });
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
    const frame = r!.lastFrame() ?? '';
    expect(frame).toMatch(/↓ \d+ more lines/);
    expect(frame).toContain('the choice');
    const shown = frame.split('\n').filter((l) => l.startsWith('line ')).length;
    expect(frame).toContain(`↓ ${12 - shown} more lines`);
    r!.unmount();

    let fits: ReturnType<typeof render> | undefined;
    await act(async () => {
      fits = render(
        <Box height={8} flexDirection="column">
          <ScreenLayout actions={<Text>the choice</Text>}>{lines(3)}</ScreenLayout>
        </Box>,
      );
    });
    expect(fits!.lastFrame()).not.toContain('more line');
    fits!.unmount();
  });
});
