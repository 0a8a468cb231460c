import { act } from 'react';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { Select } from '../../src/ui/select.js';

const items = [{ label: 'First' }, { label: 'Second' }, { label: 'Third' }, { label: 'Fourth' }];

type Rendered = ReturnType<typeof render>;
let current: Rendered | undefined;

afterEach(async () => {
  await act(async () => current?.unmount());
  current = undefined;
});

async function mount() {
  const chosen: string[] = [];
  let cancelled = 0;
  await act(async () => {
    current = render(
      <Select items={items} onSubmit={(item) => chosen.push(item.label)} onCancel={() => (cancelled += 1)} />,
    );
  });
  const r = current!;
  const write = async (data: string) => act(async () => void r.stdin.write(data));
  return { r, chosen, write, cancelled: () => cancelled };
}

describe('Select', () => {
  it('shows a pointer on the first item', async () => {
    const { r } = await mount();
    expect(r.lastFrame()).toContain('› First');
    expect(r.lastFrame()).not.toContain('› Second');
  });

  it('chooses the third item from Down Down Enter written in one chunk', async () => {
    const { chosen, write } = await mount();
    await write('\u001B[B\u001B[B\r');
    expect(chosen).toEqual(['Third']);
  });

  it('chooses the third item from j j Enter written in one chunk (read as one input by Ink)', async () => {
    const { chosen, write } = await mount();
    await write('jj\r');
    expect(chosen).toEqual(['Third']);
  });

  it('moves back up with k and the Up arrow, and clamps at both ends', async () => {
    const { r, chosen, write } = await mount();
    await write('\u001B[A');
    expect(r.lastFrame()).toContain('› First');
    await write('jjjjjj');
    expect(r.lastFrame()).toContain('› Fourth');
    await write('k\u001B[A\r');
    expect(chosen).toEqual(['Second']);
  });

  it('chooses once: further Enter keys are ignored', async () => {
    const { chosen, write } = await mount();
    await write('\r\r');
    await write('\r');
    expect(chosen).toEqual(['First']);
  });

  it('cancels on q and on Escape', async () => {
    const { chosen, write, cancelled } = await mount();
    await write('q');
    expect(cancelled()).toBe(1);
    expect(chosen).toEqual([]);
    const other = await mount();
    await other.write('\u001B');
    expect(other.cancelled()).toBe(1);
  });
});
