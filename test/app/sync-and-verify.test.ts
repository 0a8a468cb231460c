// The wait/verify loop against the lab: a sync that lands late, one that never lands, and a
// server that is busy first.
import { afterEach, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/app/collect-snapshot.js';
import { syncAndVerify } from '../../src/app/sync-and-verify.js';
import { systemClock } from '../../src/adapters/system-clock.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import { diagnose } from '../../src/core/diagnose.js';
import type { SyncProgress } from '../../src/app/services.js';
import type { LabSyncOptions } from '../../src/lab/lab-sync-trigger.js';

let env: LabEnvironment | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function prepared(sync: LabSyncOptions) {
  // ready-for-soft-match needs no write: the sync alone matches it.
  env = await openLabEnvironment('ready-for-soft-match', {}, sync);
  const e = env;
  const read = () =>
    collectSnapshot({ directory: e.directory, tenant: e.tenant, sync: e.sync }, 'jdoe').then(diagnose);
  return { env: e, read, before: await read() };
}

describe('sync and verify', () => {
  it('waits for a sync that lands after a delay, then says matched', async () => {
    const { env, read, before } = await prepared({ landAfterMs: 300 });
    const phases: SyncProgress['phase'][] = [];
    const verdict = await syncAndVerify(
      {
        trigger: env.trigger,
        tenant: env.tenant,
        rediagnose: read,
        clock: systemClock,
        timeoutMs: 10_000,
        pollMs: 50,
      },
      before,
      (p) => phases.push(p.phase),
    );
    expect(verdict.verdict).toBe('matched');
    expect(verdict.after?.target?.onPremisesSyncEnabled).toBe(true);
    // The cycle runs for 300 ms: the server is asked until it says it ended, then the cloud is read.
    expect(phases.filter((p) => p === 'cycle').length).toBeGreaterThan(1);
    expect(phases.indexOf('waiting')).toBeGreaterThan(phases.lastIndexOf('cycle'));
    expect(verdict.syncReport.join('\n')).toMatch(/SoftMatch/);
    expect(verdict.syncReport).toContain('Connect server: the cycle ended; 6 runs: 6 success.');
  });

  it('gives up on a sync that never lands with a timeout verdict that says what to do', async () => {
    const { env, read, before } = await prepared({ neverLands: true });
    const verdict = await syncAndVerify(
      {
        trigger: env.trigger,
        tenant: env.tenant,
        rediagnose: read,
        clock: systemClock,
        timeoutMs: 400,
        pollMs: 50,
      },
      before,
    );
    expect(verdict.verdict).toBe('timeout');
    expect(verdict.detail).toMatch(/No match after \d+ s/);
    expect(verdict.detail).toContain('syncmatch sync --wait jdoe');
  });

  it('waits while the sync server is busy, then starts the cycle', async () => {
    const { env, read, before } = await prepared({});
    env.state.busyCalls = 2;
    const busy: string[] = [];
    const verdict = await syncAndVerify(
      {
        trigger: env.trigger,
        tenant: env.tenant,
        rediagnose: read,
        clock: systemClock,
        timeoutMs: 5_000,
        busyRetryMs: 10,
        pollMs: 10,
      },
      before,
      (p) => p.phase === 'busy' && busy.push(p.detail),
    );
    expect(busy).toHaveLength(2);
    expect(verdict.verdict).toBe('matched');
  });

  it('reports a server that stays busy past the deadline as a failed sync', async () => {
    const { env, read, before } = await prepared({});
    env.state.busyCalls = 1000;
    const verdict = await syncAndVerify(
      {
        trigger: env.trigger,
        tenant: env.tenant,
        rediagnose: read,
        clock: systemClock,
        busyDeadlineMs: 100,
        busyRetryMs: 20,
      },
      before,
    );
    expect(verdict.verdict).toBe('sync-failed');
    expect(verdict.detail).toMatch(/still busy/);
  });

  it('says what the sync reported when it refused the match (no waiting for the timeout)', async () => {
    env = await openLabEnvironment('stale-immutable-id', {});
    const e = env;
    const read = () =>
      collectSnapshot({ directory: e.directory, tenant: e.tenant, sync: e.sync }, 'jdoe').then(diagnose);
    const verdict = await syncAndVerify(
      {
        trigger: e.trigger,
        tenant: e.tenant,
        rediagnose: read,
        clock: systemClock,
        timeoutMs: 60_000,
        pollMs: 10,
      },
      await read(),
    );
    expect(verdict.verdict).toBe('not-yet');
    expect(verdict.detail).toMatch(/the sync reported InvalidSoftMatch/);
    expect(verdict.syncReport[0]).toBe('Start-ADSyncSyncCycle: Result Success');
  });

  it('stops waiting when cancelled (Ctrl-C)', async () => {
    const { env, read, before } = await prepared({ neverLands: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(
      syncAndVerify(
        {
          trigger: env.trigger,
          tenant: env.tenant,
          rediagnose: read,
          clock: systemClock,
          timeoutMs: 60_000,
          pollMs: 20,
        },
        before,
        () => {},
        controller.signal,
      ),
    ).rejects.toThrow(/abort/i);
  });
});
