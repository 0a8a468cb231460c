// Who a batch may write, from the wizard's own plans of the shipped scenarios.
import { afterAll, describe, expect, it } from 'vitest';
import { classifyPlan, groupByActions, sharedObjects } from '../../../src/core/batch/classify.js';
import type { Diagnosis } from '../../../src/core/diagnosis-types.js';
import { createWizardServices } from '../../../src/app/wizard-services.js';
import { openLabEnvironment, type LabEnvironment } from '../../../src/commands/lab-environment.js';

const envs: LabEnvironment[] = [];
afterAll(() => Promise.all(envs.map((e) => e.close())));

async function diagnosis(scenario: string): Promise<Diagnosis> {
  const env = await openLabEnvironment(scenario, {});
  envs.push(env);
  const services = createWizardServices({
    ...env,
    clock: { now: () => new Date(), sleep: async () => {} },
    operator: 't',
  });
  return services.diagnose(env.suggestedIdentity!, () => {});
}

describe('classifyPlan', () => {
  it('writes a stale immutableId, leaves a MANUAL plan out with its step, and needs --allow-purge for a purge', async () => {
    expect(classifyPlan(await diagnosis('stale-immutable-id'), { allowPurge: false })).toMatchObject({
      status: 'to-write',
      actions: ['SET_IMMUTABLE_ID'],
    });
    const admin = classifyPlan(await diagnosis('admin-role'), { allowPurge: true });
    expect(admin.status).toBe('excluded');
    expect(admin.reason).toMatch(/manual step: Remove the directory roles/);
    const bin = await diagnosis('recycle-bin-leftover');
    const withoutPurge = classifyPlan(bin, { allowPurge: false });
    expect(withoutPurge.status).toBe('excluded');
    expect(withoutPurge.reason).toMatch(/--allow-purge/);
    expect(classifyPlan(bin, { allowPurge: true }).actions).toContain('PURGE_DELETED_USER');
    expect(classifyPlan(await diagnosis('healthy'), { allowPurge: false }).status).toBe('already-matched');
    expect(classifyPlan(await diagnosis('ready-for-soft-match'), { allowPurge: false }).status).toBe(
      'sync-only',
    );
  });

  it('leaves out an error the plan does not cure', async () => {
    const d = await diagnosis('stale-immutable-id');
    const odd: Diagnosis = {
      ...d,
      findings: [
        ...d.findings,
        { code: 'UPN_SUFFIX_UNVERIFIED', severity: 'error', message: 'Bad suffix. More.', evidence: {} },
      ],
    };
    expect(classifyPlan(odd, { allowPurge: false })).toMatchObject({
      status: 'excluded',
      reason: 'UPN_SUFFIX_UNVERIFIED: Bad suffix.',
    });
  });
});

describe('sharedObjects and groupByActions', () => {
  it('leaves out both users whose writes change the same cloud object, and groups the rest', () => {
    const users = [
      { status: 'to-write' as const, objects: ['c1'], label: 'a', actions: ['SET_IMMUTABLE_ID' as const] },
      { status: 'to-write' as const, objects: ['c1'], label: 'b', actions: ['SET_IMMUTABLE_ID' as const] },
      { status: 'to-write' as const, objects: ['c2'], label: 'c', actions: ['SET_IMMUTABLE_ID' as const] },
    ];
    const shared = sharedObjects(users);
    expect([...shared.keys()].sort()).toEqual([0, 1]);
    expect(shared.get(0)).toMatch(/c1.*b/);
    expect(groupByActions(users)).toEqual([
      { actions: 'SET_IMMUTABLE_ID', count: 3, examples: ['a', 'b', 'c'] },
    ]);
  });
});
