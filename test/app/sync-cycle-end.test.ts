// The sync step after Success: the Graph baseline taken after our Success, the server asked when the
// cycle ended, its runs in the report, and the Invoke-Command table read by its Result column.
import { describe, expect, it } from 'vitest';
import {
  SCHEDULER_PROBE_SCRIPT,
  SYNC_SCRIPT,
  cycleStatusScript,
  encodePowerShell,
  invokeCommandScript,
} from '../../src/adapters/remoting/powershell-script.js';
import type { SyncProgress } from '../../src/app/services.js';
import { syncAndVerify } from '../../src/app/sync-and-verify.js';
import type { Diagnosis } from '../../src/core/diagnosis-types.js';
import type { CloudUser } from '../../src/core/snapshot.js';
import type { SyncRunSummary } from '../../src/core/sync-server.js';
import type { Clock, SyncCycleStatus, SyncRunResult, SyncTrigger, TenantReader } from '../../src/ports.js';

const T0 = '2026-12-03T09:00:00Z';
const T1 = '2026-12-03T10:00:00Z';

function world(options: {
  output?: string;
  statuses?: SyncCycleStatus[];
  lastSyncAtSuccess?: string;
  statusError?: Error;
}) {
  let now = 0;
  const clock: Clock = { now: () => new Date(now), sleep: async (ms) => void (now += ms) };
  const statuses = [...(options.statuses ?? [])];
  const trigger: SyncTrigger = {
    name: 'fake',
    startDeltaSync: async (): Promise<SyncRunResult> => ({
      result: 'Success',
      output: options.output ?? 'Result\n------\nSuccess',
      runsAfter: '42',
    }),
    ...(options.statuses
      ? {
          cycleStatus: async () => {
            if (options.statusError) throw options.statusError;
            return statuses.shift() ?? { inProgress: true, runs: [] };
          },
        }
      : {}),
  };
  // A cycle that was already running moved onPremisesLastSyncDateTime just before our Success.
  const user = {
    id: 'u1',
    userPrincipalName: 'jdoe@contoso.com',
    onPremisesSyncEnabled: null,
    onPremisesImmutableId: null,
    onPremisesLastSyncDateTime: options.lastSyncAtSuccess ?? T0,
    onPremisesProvisioningErrors: [],
  } as unknown as CloudUser;
  const tenant = { getUser: async () => user } as unknown as TenantReader;
  const before = {
    identity: 'jdoe',
    onPrem: null,
    expectedImmutableId: 'qve6k1vVU0KDlKV3EsPkZg==',
    target: { ...user, onPremisesLastSyncDateTime: T0 },
    findings: [{ code: 'STALE_IMMUTABLE_ID', severity: 'error', message: 'still stale' }],
  } as unknown as Diagnosis;
  const progress: SyncProgress[] = [];
  const run = () =>
    syncAndVerify(
      { trigger, tenant, clock, rediagnose: async () => before, timeoutMs: 60_000, pollMs: 10_000 },
      before,
      (p) => progress.push(p),
    );
  return { run, progress };
}

const runs = (exportResult: string): SyncRunSummary[] => [
  {
    connector: 'corp.contoso.com',
    runProfile: 'Delta Synchronization',
    result: 'success',
    startDate: null,
    endDate: null,
  },
  {
    connector: 'contoso.onmicrosoft.com - AAD',
    runProfile: 'Export',
    result: exportResult,
    startDate: null,
    endDate: null,
  },
];

describe('the sync step after Success', () => {
  it('takes the Graph baseline after Success: an earlier cycle that moved the sync time is not our sync', async () => {
    const w = world({ lastSyncAtSuccess: T1 });
    const verdict = await w.run();
    // With the baseline from before the fix (T0), the moved time would have ended the wait at once.
    expect(verdict.verdict).toBe('timeout');
    expect(w.progress.filter((p) => p.phase === 'waiting').length).toBeGreaterThan(1);
  });

  it('waits for the server to say the cycle ended (visible progress), then reads the cloud', async () => {
    const w = world({
      statuses: [
        { inProgress: true, runs: [] },
        { inProgress: true, runs: [] },
        { inProgress: false, runs: runs('success') },
      ],
    });
    const verdict = await w.run();
    expect(w.progress.map((p) => p.phase).slice(0, 4)).toEqual(['triggering', 'cycle', 'cycle', 'waiting']);
    expect(w.progress[1]?.detail).toBe(
      'The sync cycle is still running on the Connect server (asked 1 time).',
    );
    expect(verdict.syncReport).toContain('Connect server: the cycle ended; 2 runs: 2 success.');
    expect(verdict.detail).toMatch(/though the sync cycle ended on the Connect server without errors/);
  });

  it("names the server's export errors when the user does not match", async () => {
    const w = world({ statuses: [{ inProgress: false, runs: runs('completed-export-errors') }] });
    const verdict = await w.run();
    expect(verdict.syncReport).toEqual([
      'Start-ADSyncSyncCycle: Result Success',
      'Connect server: the cycle ended; 2 runs: 1 success, 1 completed-export-errors.',
      'Export (contoso.onmicrosoft.com - AAD): completed-export-errors',
    ]);
    expect(verdict.detail).toContain(
      'the server reported Export on contoso.onmicrosoft.com - AAD: completed-export-errors',
    );
  });

  it('a cycle still running when the wait ends: a timeout that says so, the cloud not judged', async () => {
    const w = world({ statuses: [] });
    const verdict = await w.run();
    expect(verdict.verdict).toBe('timeout');
    expect(verdict.detail).toMatch(/^The sync cycle was still running on the Connect server after 60 s/);
    expect(w.progress.some((p) => p.phase === 'waiting')).toBe(false);
  });

  it('a failed question about the end (the connection dropped) is noted; the cloud is still watched', async () => {
    const w = world({
      statuses: [],
      statusError: new Error('The ssh server at sync01:22 is unreachable (ECONNRESET).'),
    });
    const verdict = await w.run();
    expect(verdict.verdict).toBe('timeout');
    expect(verdict.syncReport).toContain(
      'Could not ask the Connect server whether the cycle ended (The ssh server at sync01:22 is unreachable (ECONNRESET).); watching Entra ID instead.',
    );
    expect(verdict.detail).toMatch(/The sync may still be exporting/);
    expect(w.progress.filter((p) => p.phase === 'waiting').length).toBeGreaterThan(1);
  });

  it('reads Result as the last of the columns Invoke-Command adds (WinRM)', async () => {
    const output = [
      'PSComputerName RunspaceId                           Result',
      '-------------- ----------                           ------',
      'sync01         4f1f7a3e-6f05-4a52-9b2c-0c1d2e3f4a5b Success',
    ].join('\n');
    const verdict = await world({ output }).run();
    expect(verdict.syncReport[0]).toBe('Start-ADSyncSyncCycle: Result Success');
  });
});

describe('the remote scripts', () => {
  it("fit cmd.exe's 8191-character command line (Windows OpenSSH's default shell)", () => {
    for (const script of [
      SYNC_SCRIPT,
      cycleStatusScript('9'.repeat(19)),
      SCHEDULER_PROBE_SCRIPT,
      invokeCommandScript('a'.repeat(63), { useSsl: true }),
    ]) {
      expect(
        `powershell -NoProfile -NonInteractive -EncodedCommand ${encodePowerShell(script)}`.length,
      ).toBeLessThan(8191);
    }
  });

  it('put only digits into the status script', () => {
    expect(cycleStatusScript('1; Remove-Item C:\\')).toContain('$_.StartDate.Ticks -gt 0 }');
    expect(cycleStatusScript('638999000000000000')).toContain('-gt 638999000000000000 }');
  });
});
