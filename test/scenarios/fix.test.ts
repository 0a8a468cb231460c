// `fix --yes` on every shipped scenario: the ones this tool can fix end matched with a clean
// "after" and no second cloud user; the others stop at their MANUAL step with nothing written.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFix } from '../../src/app/fix-flow.js';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import type { Clock } from '../../src/ports.js';

const FIXABLE = [
  'stale-immutable-id',
  'recycle-bin-leftover',
  'federated-domain',
  'ready-for-soft-match',
  'healthy',
  'migrated-consistency-guid',
  'small-business-p1',
];
const NOT_FROM_HERE = [
  'admin-role',
  'admin-role-through-group',
  'duplicate-synced-user',
  'proxy-conflict-with-group',
  'on-prem-duplicates',
  'anchor-collision',
  'non-routable-upn',
  'upn-rename',
];

const instant: Clock = { now: () => new Date(), sleep: async () => {} };
let dir: string;
const envs: LabEnvironment[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncmatch-fix-'));
});
afterAll(async () => {
  await Promise.all(envs.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function fix(name: string, allowPurge = true) {
  process.env.SYNCMATCH_LAB_JOURNAL = join(dir, `${name}.jsonl`);
  const env = await openLabEnvironment(name, {});
  envs.push(env);
  const usersBefore = env.state.tenant.users.length;
  const services = createWizardServices({ ...env, clock: instant, operator: 'test', undoCommand: null });
  const report = await runFix(services, env.suggestedIdentity!, new AbortController().signal, undefined, {
    allowPurge,
  });
  return { env, report, usersBefore };
}

const writes = (env: LabEnvironment) =>
  env.simulator.log.entries.filter(
    (e) => e.method !== 'GET' && e.url !== '/$batch' && !e.url.startsWith('/$batch'),
  );

describe('fix --yes', () => {
  it.each(FIXABLE)('%s ends matched, with a clean after and no second cloud user', async (name) => {
    const { env, report, usersBefore } = await fix(name);
    expect(report.matched).toBe(true);
    expect(report.exitCode).toBe(0);
    const final = report.after ?? report.before!;
    expect(final.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const anchor = final.expectedImmutableId;
    expect(env.state.tenant.users.filter((u) => u.onPremisesImmutableId === anchor)).toHaveLength(1);
    expect(env.state.tenant.users.length).toBe(usersBefore);
    expect(report.applied.every((a) => a.status === 'done')).toBe(true);
    // Issue 13: the forecast held, and the person's sign-in name and display name are what the
    // plan said they would be (unchanged, as no plan may rename a user through the sync).
    const before = report.before!;
    if (before.target && report.after) {
      expect(report.forecastHeld).toBe(true);
      const now = env.state.tenant.users.find((u) => u.id === before.target!.id)!;
      expect(now.userPrincipalName.toLowerCase()).toBe(before.target.userPrincipalName.toLowerCase());
      const named = before.forecast?.changes.some((c) => c.property === 'displayName');
      if (!named) expect(now.displayName).toBe(before.target.displayName);
    }
    expect(report.stoppedBecause).toBeNull();
  });

  it.each(NOT_FROM_HERE)('%s stops at the MANUAL step with nothing written', async (name) => {
    const { env, report } = await fix(name);
    expect(report.matched).toBe(false);
    expect(report.exitCode).toBe(3);
    expect(report.applied).toEqual([expect.objectContaining({ action: 'MANUAL', status: 'skipped' })]);
    expect(report.stoppedBecause).toMatch(/^MANUAL: A person must do this first: /);
    expect(report.forecastHeld).toBeNull();
    expect(report.after).toBeNull();
    expect(writes(env)).toEqual([]);
    expect(env.state.syncRuns).toBe(0);
  });

  it('stops at a failed write and writes nothing after it (exit 1)', async () => {
    process.env.SYNCMATCH_LAB_JOURNAL = join(dir, 'fail.jsonl');
    const env = await openLabEnvironment('recycle-bin-leftover', {});
    envs.push(env);
    env.simulator.faults.failNextWrite();
    const services = createWizardServices({ ...env, clock: instant, operator: 'test', undoCommand: null });
    const report = await runFix(services, 'jdoe', new AbortController().signal, undefined, {
      allowPurge: true,
    });
    expect(report.exitCode).toBe(1);
    expect(report.applied.map((a) => `${a.action}:${a.status}`)).toEqual(['PURGE_DELETED_USER:failed']);
    expect(writes(env)).toHaveLength(1);
    expect(env.state.syncRuns).toBe(0);
  });

  it('never purges with --yes alone: stops before writing and says --allow-purge is needed', async () => {
    const { env, report } = await fix('recycle-bin-leftover', false);
    expect(report.applied).toEqual([
      expect.objectContaining({ action: 'PURGE_DELETED_USER', status: 'skipped' }),
    ]);
    expect(report.stoppedBecause).toContain('--allow-purge');
    expect(report.exitCode).toBe(3);
    expect(writes(env)).toEqual([]);
    expect(env.state.tenant.deletedUsers.length).toBeGreaterThan(0);
  });

  it('reports AD_USER_NOT_FOUND with exit 3 and writes nothing', async () => {
    process.env.SYNCMATCH_LAB_JOURNAL = join(dir, 'nf.jsonl');
    const env = await openLabEnvironment('stale-immutable-id', {});
    envs.push(env);
    const services = createWizardServices({ ...env, clock: instant, operator: 'test', undoCommand: null });
    const report = await runFix(services, 'nobody', new AbortController().signal);
    expect(report.exitCode).toBe(3);
    expect(report.before?.findings.map((f) => f.code)).toEqual(['AD_USER_NOT_FOUND']);
    expect(writes(env)).toEqual([]);
  });
});
