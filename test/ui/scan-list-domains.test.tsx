// The scan list over two forests (issue 21): both forests of forest-migration hold a "jdoe", so
// each row names its user as sAMAccountName@domain; a one-domain list keeps the bare names.
import { render } from 'ink-testing-library';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/core/scan/scanner.js';
import type { ScanResult } from '../../src/core/scan/types.js';
import { LabDirectoryBulkReader, LabTenantBulkReader } from '../../src/lab/bulk-readers.js';
import { createLabState } from '../../src/lab/lab-state.js';
import { loadScenario } from '../../src/lab/scenario-loader.js';
import { ListView } from '../../src/ui/scan/list-view.js';
import { expectFits } from './harness.js';

async function scanOf(name: string): Promise<ScanResult> {
  const state = createLabState(await loadScenario(name));
  const [objects, tenant] = await Promise.all([
    new LabDirectoryBulkReader(state).readAll(),
    new LabTenantBulkReader(state).readAll(),
  ]);
  return runScan({ objects, tenant, sync: state.sync, scope: [] });
}

async function listFrame(result: ScanResult, columns: number): Promise<string> {
  let view!: ReturnType<typeof render>;
  await act(async () => {
    view = render(
      <ListView
        users={result.users}
        matches={result.users.map((_, i) => i)}
        scope={null}
        filter=""
        cursor={0}
        rows={12}
        columns={columns}
        detailLines={3}
      />,
    );
  });
  const frame = view.lastFrame() ?? '';
  await act(async () => view.unmount());
  return frame;
}

describe('the scan list names each user with its domain when there are several', () => {
  it('shows jdoe@lab.example and jdoe@new.example in a two-forest scan', async () => {
    const result = await scanOf('forest-migration');
    const frame = await listFrame(result, 100);
    expect(frame).toContain('jdoe@lab.example');
    expect(frame).toContain('jdoe@new.example');
    expectFits(frame, { rows: 30, columns: 100 });
  });

  it('keeps bare names when every user is in one domain', async () => {
    const result = await scanOf('stale-immutable-id');
    const frame = await listFrame(result, 100);
    expect(frame).toMatch(/ jdoe /);
    expect(frame).not.toContain('jdoe@');
  });
});
