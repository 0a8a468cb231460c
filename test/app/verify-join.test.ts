// VERIFY_MATCH checks the join (issue 13, point 2), through the real adapters against the lab: the
// anchor-collision scenario with its guard bypassed (the anchor stamped as the old plan did) ends
// with John's cloud account joined to Pradeep, which must be "joined the wrong object", exit 1.
import { describe, expect, it } from 'vitest';
import { checkJoin } from '../../src/app/verify-join.js';
import { batchBasis } from '../../src/core/batch/batch-basis.js';
import type { PlanStep } from '../../src/core/plan-types.js';
import { initialWizardState } from '../../src/core/wizard/init.js';
import { exitCodeFor } from '../../src/core/wizard/walk.js';
import { labServices, labTestFile } from '../lab/lab-test-file.js';

const labFile = labTestFile('syncmatch-verify-');

async function lab(name: string) {
  const env = await labFile.open(name, {});
  return { env, services: labServices(env) };
}

describe('VERIFY_MATCH checks the join', () => {
  it('says "joined the wrong object" with both ids when another AD object took the target', async () => {
    const { env, services } = await lab('anchor-collision');
    const d = await services.diagnose('jdoe', () => {});
    const t = d.target!;
    // What the plan did before AD_DUPLICATE_ANCHOR existed: stamp the (shared) anchor on John.
    const stamp: PlanStep = {
      action: 'SET_IMMUTABLE_ID',
      description: 'Set the immutableId (hard match)',
      because: ['STALE_IMMUTABLE_ID'],
      reversible: true,
      writes: true,
      objectId: t.id,
      objectUpn: t.userPrincipalName,
      precondition: {
        kind: 'user',
        objectId: t.id,
        expect: { onPremisesImmutableId: t.onPremisesImmutableId },
        description: 'unchanged',
      },
      change: {
        property: 'onPremisesImmutableId',
        before: t.onPremisesImmutableId,
        after: d.expectedImmutableId,
      },
    };
    expect((await services.applyStep(stamp, d)).status).toBe('done');
    const verdict = await services.syncAndVerify(d, () => {});
    // The lab did hand John's account to Pradeep …
    const john = env.state.tenant.users.find((u) => u.id === t.id)!;
    expect(john.userPrincipalName).toBe('pradeep.gupta@contoso.com');
    // … and the verdict says so instead of "matched".
    expect(verdict.verdict).toBe('wrong-object');
    expect(verdict.detail).toContain('joined the wrong object');
    expect(verdict.detail).toContain(t.id);
    expect(verdict.detail).toContain('pradeep.gupta@contoso.com');
    expect(verdict.detail).toMatch(
      /userPrincipalName is pradeep\.gupta@contoso\.com, but the sync was forecast to write john\.doe@contoso\.com/,
    );
    // The re-diagnosis alone would have called it matched: that was the bug.
    expect(verdict.after!.findings.map((f) => f.code)).toContain('ALREADY_MATCHED');
    // A batch keeps only the basis of the diagnosis (batch-basis.ts): the same verdict from it.
    const fromBasis = checkJoin(batchBasis(d), verdict.after!, verdict.syncReport);
    expect(fromBasis).toEqual(checkJoin(d, verdict.after!, verdict.syncReport));
    expect(fromBasis?.verdict).toBe('wrong-object');
    const state = {
      ...initialWizardState({ environmentLabel: 'lab', readOnly: false, journalPath: 'j' }),
      verdict,
    };
    expect(exitCodeFor(state)).toBe(1);
  });

  it('passes a planned join whose values are the forecast ones (stale-immutable-id)', async () => {
    const { services } = await lab('stale-immutable-id');
    const d = await services.diagnose('jdoe', () => {});
    for (const step of d.plan.filter((s) => s.writes))
      expect((await services.applyStep(step, d)).status).toBe('done');
    const verdict = await services.syncAndVerify(d, () => {});
    expect(verdict.verdict).toBe('matched');
  });

  it('names a different object id as the wrong join', async () => {
    const { services } = await lab('healthy');
    const d = await services.diagnose('jdoe', () => {});
    const other = { ...d.target!, id: '00000000-0000-0000-0000-000000000001' };
    const verdict = checkJoin(d, { ...d, target: other }, []);
    expect(verdict?.verdict).toBe('wrong-object');
    expect(verdict?.detail).toContain(`not the planned ${d.target!.id}`);
    expect(checkJoin(d, d, [])).toBeNull();
  });

  it('names a different immutableId as the wrong join', async () => {
    const { services } = await lab('healthy');
    const d = await services.diagnose('jdoe', () => {});
    const other = { ...d.target!, onPremisesImmutableId: 'AAAAAAAAAAAAAAAAAAAAAA==' };
    expect(checkJoin(d, { ...d, target: other }, [])?.detail).toContain("not this user's anchor");
  });
});
