// What a batch keeps of each planned user's diagnosis until its writes are made and the user is
// verified. The full diagnosis (findings with their evidence, every plan step with its PowerShell,
// the forecast's explanations) is ~14 KB a user in memory; 10 000 of them held for the whole run
// made the batch's peak memory (issue 18). The batch needs only the plan's writes (the stale-plan
// guard, the journal) and what VERIFY_MATCH compares after the sync (the planned target, the
// anchor, the forecast): that is kept, the rest is left to the collector.
import type { Diagnosis, VerifyBasis } from '../diagnosis-types.js';
import type { PlanStep } from '../plan-types.js';

/** A batch user's writes (without the screens' PowerShell and manual texts) and its verify basis. */
export interface BatchBasis extends VerifyBasis {
  writes: PlanStep[];
}

export function batchBasis(d: Diagnosis): BatchBasis {
  return {
    identity: d.identity,
    onPrem: d.onPrem ? { dn: d.onPrem.dn } : null,
    expectedImmutableId: d.expectedImmutableId,
    target: d.target
      ? {
          id: d.target.id,
          userPrincipalName: d.target.userPrincipalName,
          onPremisesProvisioningErrors: d.target.onPremisesProvisioningErrors,
        }
      : null,
    ...(d.forecast !== undefined ? { forecast: d.forecast && { writes: d.forecast.writes } } : {}),
    writes: d.plan
      .filter((s) => s.writes)
      .map(({ powershell: _powershell, manual: _manual, ...step }) => step),
  };
}
