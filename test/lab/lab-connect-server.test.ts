// The lab's Connect server states (scenario `sync.server`): each answered like a real server, through
// the same sync-and-verify step a fix runs.
import { afterEach, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/app/collect-snapshot.js';
import type { SyncProgress } from '../../src/app/services.js';
import { syncAndVerify } from '../../src/app/sync-and-verify.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import { diagnose } from '../../src/core/diagnose.js';
import type { Clock } from '../../src/ports.js';
import { loadScenario } from '../../src/lab/scenario-loader.js';
import { scenarioSchema } from '../../src/lab/scenario-schema.js';

let env: LabEnvironment | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** Virtual time: waits cost nothing. */
function fakeClock(): Clock {
  let now = 0;
  return { now: () => new Date(now), sleep: async (ms) => void (now += ms) };
}

async function labWith(server: Record<string, unknown>) {
  const base = await loadScenario('ready-for-soft-match');
  const scenario = scenarioSchema.parse({ ...base, sync: { ...base.sync, server } });
  env = await openLabEnvironment(scenario, {});
  const e = env;
  const read = () =>
    collectSnapshot({ directory: e.directory, tenant: e.tenant, sync: e.sync }, 'jdoe').then(diagnose);
  const progress: SyncProgress[] = [];
  const run = async () =>
    syncAndVerify(
      { trigger: e.trigger, tenant: e.tenant, rediagnose: read, clock: fakeClock(), busyRetryMs: 10_000 },
      await read(),
      (p) => progress.push(p),
    );
  return { env: e, run, progress };
}

describe("the lab's Connect server (scenario sync.server)", () => {
  it('staging mode: a sentence naming the cause and what to do; no cycle runs', async () => {
    const lab = await labWith({ stagingMode: true });
    await expect(lab.run()).rejects.toMatchObject({
      code: 'SYNC_STAGING_MODE',
      message: expect.stringMatching(/staging mode: it imports and synchronizes but never exports/),
      hint: expect.stringMatching(/active Entra Connect server/),
    });
    expect(lab.env.state.syncRuns).toBe(0);
    expect(lab.progress.map((p) => p.phase)).toEqual(['triggering']);
  });

  it('a suspended scheduler: a sentence naming the wizard or the upgrade; no cycle runs', async () => {
    const lab = await labWith({ schedulerSuspended: true });
    await expect(lab.run()).rejects.toMatchObject({
      code: 'SYNC_SCHEDULER_SUSPENDED',
      hint: expect.stringMatching(/Close the Microsoft Entra Connect wizard/),
    });
    expect(lab.env.state.syncRuns).toBe(0);
  });

  it('a disabled scheduler is reported and the manual cycle still runs', async () => {
    const lab = await labWith({ syncCycleEnabled: false });
    const verdict = await lab.run();
    expect(verdict.verdict).toBe('matched');
    expect(verdict.syncReport.join('\n')).toMatch(
      /scheduler is disabled .*this manual cycle was still started/,
    );
    expect(lab.env.state.syncRuns).toBe(1);
  });

  it.each([
    ['aad-busy', /AAD is busy/],
    ['already-running', /Sync is already running\. Cannot start a new run till this one completes\./],
  ])('busy (%s) twice: waited out, then the cycle runs', async (text, said) => {
    const lab = await labWith({ busy: { text, times: 2 } });
    const trigger = lab.env.trigger;
    await expect(trigger.startDeltaSync()).resolves.toMatchObject({
      result: 'Busy',
      output: expect.stringMatching(said),
    });
    const verdict = await lab.run();
    expect(lab.progress.filter((p) => p.phase === 'busy')).toHaveLength(1);
    expect(verdict.verdict).toBe('matched');
  });

  it('no ADSyncOperators membership: the COM 80070005 sentence and the group to join', async () => {
    const lab = await labWith({ operatorAccess: false });
    await expect(lab.run()).rejects.toMatchObject({
      code: 'SYNC_PERMISSION_DENIED',
      message: expect.stringMatching(/COM error 80070005.*not a member of ADSyncOperators or ADSyncAdmins/),
      hint: expect.stringMatching(/Add the account to the ADSyncOperators/),
    });
    expect(lab.env.state.syncRuns).toBe(0);
  });

  it('export errors: the next run reports them as what the sync reported; the run after is clean', async () => {
    const lab = await labWith({
      exportErrors: [
        'AttributeValueMustBeUnique: proxyAddresses SMTP:x@contoso.com is used by another object.',
      ],
    });
    const first = await lab.run();
    expect(first.syncReport).toEqual(
      expect.arrayContaining([
        'Connect server: the cycle ended; 6 runs: 5 success, 1 completed-export-errors.',
        'Export (contoso.onmicrosoft.com - AAD): completed-export-errors',
        '  AttributeValueMustBeUnique: proxyAddresses SMTP:x@contoso.com is used by another object.',
      ]),
    );
    const second = await lab.run();
    expect(second.syncReport).toContain('Connect server: the cycle ended; 6 runs: 6 success.');
  });

  it('the scenario schema takes the fields additively and refuses an unknown busy text', () => {
    const ok = scenarioSchema.shape.sync.parse({ server: { busy: { times: 3 } } });
    expect(ok.server).toEqual({
      stagingMode: false,
      schedulerSuspended: false,
      syncCycleEnabled: true,
      busy: { text: 'aad-busy', times: 3 },
      operatorAccess: true,
      exportErrors: [],
    });
    expect(scenarioSchema.shape.sync.parse({}).server).toBeUndefined();
    expect(() => scenarioSchema.shape.sync.parse({ server: { busy: { text: 'nope', times: 1 } } })).toThrow();
    expect(() => scenarioSchema.shape.sync.parse({ server: { staging: true } })).toThrow(/staging/);
  });
});
