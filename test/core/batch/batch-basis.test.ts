// What a batch keeps of each user's diagnosis (issue 18, memory): the plan's writes as the planner
// made them, minus the screens' texts, and what VERIFY_MATCH compares; nothing else.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWizardServices } from '../../../src/app/wizard-services.js';
import { openLabEnvironment, type LabEnvironment } from '../../../src/commands/lab-environment.js';
import { batchBasis } from '../../../src/core/batch/batch-basis.js';

const envs: LabEnvironment[] = [];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncmatch-basis-'));
  process.env.SYNCMATCH_LAB_JOURNAL = join(dir, 'lab.jsonl');
});
afterAll(async () => {
  await Promise.all(envs.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function diagnosis(scenario: string) {
  const env = await openLabEnvironment(scenario, {});
  envs.push(env);
  const services = createWizardServices({
    ...env,
    clock: { now: () => new Date(), sleep: async () => {} },
    operator: 'test',
    undoCommand: null,
  });
  return services.diagnose('jdoe', () => {});
}

describe('batchBasis', () => {
  it('keeps the write steps in plan order, without their PowerShell or manual texts', async () => {
    const d = await diagnosis('recycle-bin-leftover');
    const writes = d.plan.filter((s) => s.writes);
    expect(writes.length).toBeGreaterThan(1);
    expect(writes.some((s) => s.powershell)).toBe(true);
    const basis = batchBasis(d);
    expect(basis.writes.map((s) => s.action)).toEqual(writes.map((s) => s.action));
    for (const [i, step] of basis.writes.entries()) {
      const { powershell: _p, manual: _m, ...planned } = writes[i]!;
      expect(step).toEqual(planned);
      expect(step).not.toHaveProperty('powershell');
    }
  });

  it('keeps what verification compares and drops findings, evidence and the rest', async () => {
    const d = await diagnosis('stale-immutable-id');
    const basis = batchBasis(d);
    expect(basis).toMatchObject({
      identity: d.identity,
      onPrem: { dn: d.onPrem!.dn },
      expectedImmutableId: d.expectedImmutableId,
      target: {
        id: d.target!.id,
        userPrincipalName: d.target!.userPrincipalName,
        onPremisesProvisioningErrors: d.target!.onPremisesProvisioningErrors,
      },
      forecast: { writes: d.forecast!.writes },
    });
    expect(Object.keys(basis).sort()).toEqual(
      ['expectedImmutableId', 'forecast', 'identity', 'onPrem', 'target', 'writes'].sort(),
    );
    expect(JSON.stringify(basis).length).toBeLessThan(JSON.stringify(d).length / 2);
  });
});
