// Leaving mid-procedure (issue 13, point 4): a `fix --yes` run whose writes landed but whose sync or
// verification then fails undoes those writes through the journal (undoOf), or says exactly why it
// cannot, in `rollback` and the exit code. Through the real adapters: Graph client → HTTPS simulator,
// the lab's Connect server states (scenario `sync.server`) and sync engine, the JSONL lab journal.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFix } from '../../src/app/fix-flow.js';
import type { WizardServices } from '../../src/app/services.js';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import type { LabSyncOptions } from '../../src/lab/lab-sync-trigger.js';
import { loadScenario } from '../../src/lab/scenario-loader.js';
import type { ScenarioConnectServer } from '../../src/lab/scenario-schema.js';
import type { Clock } from '../../src/ports.js';

/** A clock whose sleeps pass at once but count, so waits with a deadline end. */
function steppingClock(): Clock {
  let t = Date.parse('2026-01-01T00:00:00Z');
  return { now: () => new Date(t), sleep: async (ms) => void (t += ms) };
}

let dir: string;
const envs: LabEnvironment[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncmatch-sync-rollback-'));
});
afterAll(async () => {
  await Promise.all(envs.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function lab(name: string, server: Partial<ScenarioConnectServer> | null, sync: LabSyncOptions = {}) {
  const journal = join(dir, `${name}-${envs.length}.jsonl`);
  process.env.SYNCMATCH_LAB_JOURNAL = journal;
  const scenario = await loadScenario(name);
  if (server) {
    scenario.sync.server = {
      stagingMode: false,
      schedulerSuspended: false,
      syncCycleEnabled: true,
      operatorAccess: true,
      exportErrors: [],
      ...server,
    };
  }
  const env = await openLabEnvironment(scenario, {}, sync);
  envs.push(env);
  const services = createWizardServices({
    ...env,
    clock: steppingClock(),
    operator: 'test',
    undoCommand: null,
    syncTimeoutMs: 60_000,
    pollMs: 5_000,
    busyRetryMs: 10_000,
  });
  const id = env.state.tenant.users.find((u) => u.displayName === 'John Doe')!.id;
  const john = () => env.state.tenant.users.find((u) => u.id === id)!;
  return { env, services, journal, john };
}

function undoLines(journal: string): string[] {
  return readFileSync(journal, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { phase: string; step: string; undoOf?: string; result?: string })
    .filter((l) => l.undoOf)
    .map((l) => `${l.phase}:${l.step}:${l.result ?? ''}`);
}

const steps = (r: Awaited<ReturnType<typeof runFix>>) => r.applied.map((a) => `${a.action}:${a.status}`);

describe('fix --yes undoes its writes when the sync or the verification fails', () => {
  it('the Connect server is in staging mode: the hard-match write is undone, exit 1', async () => {
    const { services, journal, john } = await lab('stale-immutable-id', { stagingMode: true });
    const stale = john().onPremisesImmutableId;
    const report = await runFix(services, 'jdoe', new AbortController().signal);
    expect(steps(report)).toEqual([
      'SET_IMMUTABLE_ID:done',
      'TRIGGER_DELTA_SYNC:failed',
      'SET_IMMUTABLE_ID:done', // the undo: back to the stale value
    ]);
    expect(report.applied[1]!.detail).toMatch(/staging mode/);
    expect(report.rollback).toEqual([
      expect.objectContaining({
        action: 'SET_IMMUTABLE_ID',
        undone: true,
        undoJournalId: expect.any(String),
      }),
    ]);
    expect(report.rollback[0]!.detail).toMatch(/^Undone because the sync could not run/);
    expect(john().onPremisesImmutableId).toBe(stale);
    expect(undoLines(journal)).toEqual(['intent:SET_IMMUTABLE_ID:', 'result:SET_IMMUTABLE_ID:done']);
    // The ticket lists the undo as a write of this run, with its own journal entry.
    expect(report.ticket.writes.map((w) => w.journalId)).toEqual([
      expect.any(String),
      report.rollback[0]!.undoJournalId,
    ]);
    expect(report.exitCode).toBe(1);
  });

  it('the server stays busy until the wait ends: both writes of the federated plan are undone, newest first', async () => {
    const { services, journal, john, env } = await lab('federated-domain', {
      busy: { text: 'already-running', times: 1000 },
    });
    const report = await runFix(services, 'jdoe', new AbortController().signal);
    expect(steps(report)).toEqual([
      'MOVE_UPN_TO_INITIAL_DOMAIN:done',
      'SET_IMMUTABLE_ID:done',
      'TRIGGER_DELTA_SYNC:failed',
      'VERIFY_MATCH:failed',
      'SET_IMMUTABLE_ID:done',
      'MOVE_UPN_TO_INITIAL_DOMAIN:done',
    ]);
    expect(report.applied[2]!.detail).toMatch(/still busy after 60 s/);
    expect(report.rollback.map((r) => `${r.action}:${r.undone}`)).toEqual([
      'SET_IMMUTABLE_ID:true',
      'MOVE_UPN_TO_INITIAL_DOMAIN:true',
    ]);
    expect(john().userPrincipalName).toBe('john.doe@contoso.com');
    expect(undoLines(journal)).toEqual([
      'intent:SET_IMMUTABLE_ID:',
      'result:SET_IMMUTABLE_ID:done',
      'intent:MOVE_UPN_TO_INITIAL_DOMAIN:',
      'result:MOVE_UPN_TO_INITIAL_DOMAIN:done',
    ]);
    expect(env.state.syncRuns).toBe(0);
    expect(report.exitCode).toBe(1);
  });

  it('the cycle ends but the match never shows (VERIFY_MATCH fails): the write is undone, exit 3', async () => {
    const { services, john } = await lab('stale-immutable-id', null, { neverLands: true });
    const stale = john().onPremisesImmutableId;
    const report = await runFix(services, 'jdoe', new AbortController().signal);
    expect(steps(report)).toEqual([
      'SET_IMMUTABLE_ID:done',
      'TRIGGER_DELTA_SYNC:done',
      'VERIFY_MATCH:failed',
      'SET_IMMUTABLE_ID:done',
    ]);
    expect(report.rollback[0]).toMatchObject({ undone: true });
    expect(report.rollback[0]!.detail).toMatch(/^Undone because the match was not verified/);
    expect(john().onPremisesImmutableId).toBe(stale);
    expect(report.matched).toBe(false);
    expect(report.exitCode).toBe(3);
  });

  it('the sync joined but not as forecast: Graph refuses the undo of a synced user, and the run says so, exit 1', async () => {
    const { services: base, env, john } = await lab('stale-immutable-id', null);
    // Someone renames the AD user between the write and the sync: the join lands, not as forecast.
    const services: WizardServices = {
      ...base,
      applyStep: async (step, d, signal) => {
        const outcome = await base.applyStep(step, d, signal);
        const ad = env.state.ad.objects.find((o) => o.attributes.sAMAccountName === 'jdoe')!;
        ad.attributes.displayName = 'Johnny Doe (renamed)';
        return outcome;
      },
    };
    const report = await runFix(services, 'jdoe', new AbortController().signal);
    expect(steps(report)).toEqual([
      'SET_IMMUTABLE_ID:done',
      'TRIGGER_DELTA_SYNC:done',
      'VERIFY_MATCH:failed',
      'SET_IMMUTABLE_ID:failed',
    ]);
    expect(report.forecastHeld).toBe(false);
    expect(report.rollback).toEqual([expect.objectContaining({ action: 'SET_IMMUTABLE_ID', undone: false })]);
    expect(report.rollback[0]!.detail).toMatch(
      /Could not undo SET_IMMUTABLE_ID .* after the sync joined the wrong object: the sync already joined \S+ to an on-premises object \(onPremisesSyncEnabled is true\), so Graph refuses edits/,
    );
    expect(john().onPremisesSyncEnabled).toBe(true);
    expect(report.exitCode).toBe(1);
  });

  it('a run whose sync fails before anything was written has nothing to undo', async () => {
    const { services } = await lab('ready-for-soft-match', { stagingMode: true });
    const report = await runFix(services, 'jdoe', new AbortController().signal);
    expect(steps(report)).toEqual(['TRIGGER_DELTA_SYNC:failed']);
    expect(report.rollback).toEqual([]);
  });
});

describe('fix --yes keeps its writes when undoing would race a running cycle', () => {
  it('the cycle is still running when the wait ends: nothing is undone, and the run says why, exit 1', async () => {
    const { services, john, journal } = await lab('stale-immutable-id', null, { landAfterMs: 3_600_000 });
    const report = await runFix(services, 'jdoe', new AbortController().signal);
    expect(steps(report)).toEqual([
      'SET_IMMUTABLE_ID:done',
      'TRIGGER_DELTA_SYNC:done',
      'VERIFY_MATCH:failed',
      'SET_IMMUTABLE_ID:failed',
    ]);
    expect(report.rollback).toEqual([expect.objectContaining({ undone: false })]);
    expect(report.rollback[0]!.detail).toMatch(
      /still running on the Connect server, and undoing now would race/,
    );
    expect(john().onPremisesImmutableId).toBe(report.before!.expectedImmutableId);
    expect(() => undoLines(journal)).not.toThrow();
    expect(undoLines(journal)).toEqual([]);
    expect(report.exitCode).toBe(1);
  });
});
