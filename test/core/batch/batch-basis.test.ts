// What a batch keeps of each user's diagnosis (issue 18, memory): the plan's writes as the planner
// made them, minus the screens' texts, and what VERIFY_MATCH compares; nothing else.
import { describe, expect, it } from 'vitest';
import { batchBasis } from '../../../src/core/batch/batch-basis.js';
import { labServices, labTestFile } from '../../lab/lab-test-file.js';

const lab = labTestFile('syncmatch-basis-');
const diagnosis = async (scenario: string) =>
  labServices(await lab.open(scenario, {})).diagnose('jdoe', () => {});

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
