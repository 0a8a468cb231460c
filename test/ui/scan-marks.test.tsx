// Marking users on the scan screen through keys (ink-testing-library): m marks a whole class on
// the summary, Ctrl+X marks one user in the list (shown with ◆), b hands the marked users'
// objectGUIDs to the command for a batch fix.
import { render } from 'ink-testing-library';
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runScan } from '../../src/core/scan/scanner.js';
import type { ScanResult } from '../../src/core/scan/types.js';
import { LabDirectoryBulkReader, LabTenantBulkReader } from '../../src/lab/bulk-readers.js';
import { generateScenario } from '../../src/lab/generator/generate.js';
import { createLabState } from '../../src/lab/lab-state.js';
import { ScanApp, type ScanChoice } from '../../src/ui/scan/scan-app.js';
import { ColorContext } from '../../src/ui/theme.js';

let result: ScanResult;
beforeAll(async () => {
  const state = createLabState(generateScenario({ users: 150, seed: 'marks' }));
  const [objects, tenant] = await Promise.all([
    new LabDirectoryBulkReader(state).readAll(),
    new LabTenantBulkReader(state).readAll(),
  ]);
  result = runScan({ objects, tenant, sync: state.sync, scope: [] });
});

let unmount: (() => void) | null = null;
afterEach(async () => act(async () => unmount?.()));

async function mount() {
  let choice: ScanChoice | null = null;
  let r: ReturnType<typeof render> | undefined;
  await act(async () => {
    r = render(
      <ColorContext.Provider value={false}>
        <ScanApp
          environmentLabel="lab"
          scopeLabel="all"
          run={() => new Promise<ScanResult>(() => {})}
          previous={result}
          onDone={(c) => (choice = c)}
          onError={() => {}}
        />
      </ColorContext.Provider>,
    );
  });
  const rendered = r!;
  unmount = () => rendered.unmount();
  return {
    frame: () => rendered.lastFrame() ?? '',
    press: async (...chunks: string[]) => {
      for (const c of chunks) await act(async () => void rendered.stdin.write(c));
    },
    choice: () => choice,
  };
}

describe('marking on the scan screen', () => {
  it('marks the class under the cursor with m and starts the batch with b', async () => {
    const h = await mount();
    await h.press('m');
    const first = result.users.filter((u) => u.forecast.outcome === result.users[0]!.forecast.outcome);
    expect(h.frame()).toMatch(/b fix the \d+ marked in a batch/);
    await h.press('b');
    const c = h.choice() as Extract<ScanChoice, { kind: 'batch' }>;
    expect(c.kind).toBe('batch');
    expect(c.guids.length).toBeGreaterThan(0);
    expect(first.length).toBeGreaterThan(0);
    expect(new Set(c.guids).size).toBe(c.guids.length);
  });

  it('marks one user in the list with Ctrl+X, shows it, and b on the summary hands over that user', async () => {
    const h = await mount();
    await h.press('/', '\u0018');
    expect(h.frame()).toContain('◆');
    expect(h.frame()).toContain('1 marked');
    await h.press('\u001B', 'b');
    const c = h.choice() as Extract<ScanChoice, { kind: 'batch' }>;
    expect(c).toEqual({ kind: 'batch', guids: [result.users[0]!.objectGuid] });
  });
});
