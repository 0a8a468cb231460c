// Issue 19: writes Graph refuses with 403 on a partly-consented tenant, through `fix --yes` on the
// lab: the step fails naming the missing permission, nothing after it is written, and purging a
// recycle-bin user who held a privileged role explains Directory.AccessAsUser.All.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_PERMISSIONS } from '../../src/adapters/auth/permissions.js';
import { runFix } from '../../src/app/fix-flow.js';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import type { Scenario } from '../../src/lab/scenario-schema.js';
import { loadScenario } from '../../src/lab/scenario-loader.js';
import type { Clock } from '../../src/ports.js';

const ALL = GRAPH_PERMISSIONS.map((p) => p.permission);
const instant: Clock = { now: () => new Date(), sleep: async () => {} };
let dir: string;
const envs: LabEnvironment[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncmatch-refused-'));
});
afterAll(async () => {
  await Promise.all(envs.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function fix(name: string, change: (s: Scenario) => void) {
  process.env.SYNCMATCH_LAB_JOURNAL = join(dir, `${name}-${envs.length}.jsonl`);
  const scenario = await loadScenario(name);
  change(scenario);
  const env = await openLabEnvironment(scenario, {});
  envs.push(env);
  const services = createWizardServices({ ...env, clock: instant, operator: 'test', undoCommand: null });
  const report = await runFix(services, env.suggestedIdentity!, new AbortController().signal, undefined, {
    allowPurge: true,
  });
  return { env, report };
}

describe('fix --yes on a partly-consented tenant', () => {
  it('stops at the first write refused for want of User.ReadWrite.All, and names it', async () => {
    const { env, report } = await fix('stale-immutable-id', (s) => {
      s.tenant.grantedPermissions = ALL.filter((p) => p !== 'User.ReadWrite.All');
    });
    expect(report.exitCode).toBe(1);
    const failed = report.applied.find((a) => a.status === 'failed')!;
    expect(failed.action).toBe('SET_IMMUTABLE_ID');
    expect(failed.detail).toContain('User.ReadWrite.All');
    expect(report.applied.at(-1)).toBe(failed);
    expect(env.state.syncRuns).toBe(0);
  });

  it('explains Directory.AccessAsUser.All when the recycle-bin user held a privileged role', async () => {
    const { env, report } = await fix('recycle-bin-leftover', (s) => {
      for (const d of s.tenant.deletedUsers) d.directoryRoles = ['Global Administrator'];
    });
    const failed = report.applied.find((a) => a.status === 'failed')!;
    expect(failed.action).toBe('PURGE_DELETED_USER');
    expect(failed.detail).toContain('User.DeleteRestore.All');
    expect(failed.detail).toContain('Directory.AccessAsUser.All');
    expect(env.state.tenant.deletedUsers.length).toBeGreaterThan(0);
  });

  it('purges the privileged user when the app was given Directory.AccessAsUser.All', async () => {
    const { report } = await fix('recycle-bin-leftover', (s) => {
      for (const d of s.tenant.deletedUsers) d.directoryRoles = ['Global Administrator'];
      s.tenant.grantedPermissions = [...ALL, 'Directory.AccessAsUser.All'];
    });
    expect(report.matched).toBe(true);
  });
});
