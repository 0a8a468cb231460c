// Leaving mid-procedure (issue 13, point 4): a `fix --yes` run whose write fails after an earlier
// write landed undoes that write (journalled), so the user is not left signing in on the initial
// domain. Through the real adapters: Graph client → HTTPS simulator, JSONL journal.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFix } from '../../src/app/fix-flow.js';
import type { WizardServices } from '../../src/app/services.js';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import type { Clock } from '../../src/ports.js';

const instant: Clock = { now: () => new Date(), sleep: async () => {} };
let dir: string;
const envs: LabEnvironment[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncmatch-rollback-'));
});
afterAll(async () => {
  await Promise.all(envs.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('fix --yes rolls back a half-done plan', () => {
  it('federated-domain: the immutableId write fails after the UPN move, and the move is undone', async () => {
    const journal = join(dir, 'federated.jsonl');
    process.env.SYNCMATCH_LAB_JOURNAL = journal;
    const env = await openLabEnvironment('federated-domain', {});
    envs.push(env);
    const base = createWizardServices({ ...env, clock: instant, operator: 'test', undoCommand: null });
    const services: WizardServices = {
      ...base,
      applyStep: async (step, d, signal) => {
        if (step.action === 'SET_IMMUTABLE_ID') env.simulator.faults.failNextWrite();
        return base.applyStep(step, d, signal);
      },
    };
    const report = await runFix(services, 'jdoe', new AbortController().signal);
    expect(report.applied.map((a) => `${a.action}:${a.status}`)).toEqual([
      'MOVE_UPN_TO_INITIAL_DOMAIN:done',
      'SET_IMMUTABLE_ID:failed',
      'MOVE_UPN_TO_INITIAL_DOMAIN:done',
    ]);
    expect(report.applied[2]!.detail).toMatch(/^Undone because a later step failed/);
    expect(report.exitCode).toBe(1);
    const john = env.state.tenant.users.find((u) => u.id === report.before!.target!.id)!;
    expect(john.userPrincipalName).toBe('john.doe@contoso.com');
    const lines = readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { phase: string; step: string; undoOf?: string; result?: string });
    expect(lines.filter((l) => l.undoOf).map((l) => `${l.phase}:${l.step}:${l.result ?? ''}`)).toEqual([
      'intent:MOVE_UPN_TO_INITIAL_DOMAIN:',
      'result:MOVE_UPN_TO_INITIAL_DOMAIN:done',
    ]);
    expect(env.state.syncRuns).toBe(0);
  });
});
