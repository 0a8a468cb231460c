// VERIFY_MATCH checks the join, not just a value (issue 13, point 2): after the sync the matched
// cloud user must be the planned target (same object id), carry this AD user's anchor, and show the
// values the forecast said the sync would write. Anything else is "joined the wrong object".
import type { Diagnosis, VerifyBasis } from '../core/diagnosis-types.js';
import { forecastMisses, type ForecastProperty } from '../core/sync-forecast.js';
import type { SyncVerdict } from './services.js';

/** Properties a sync error may legitimately leave unwritten (duplicate attribute resiliency). */
const QUARANTINE_PROPERTY: Partial<Record<string, ForecastProperty>> = {
  UserPrincipalName: 'userPrincipalName',
  ProxyAddress: 'proxyAddresses',
};

function show(v: string | string[] | null): string {
  return v === null ? '(empty)' : Array.isArray(v) ? v.join(', ') : v;
}

/**
 * null when the join is the planned one; otherwise the "wrong object" verdict. `after` must already
 * say ALREADY_MATCHED.
 */
export function checkJoin(before: VerifyBasis, after: Diagnosis, syncReport: string[]): SyncVerdict | null {
  const planned = before.target;
  const got = after.target;
  const problems: string[] = [];
  if (!got) problems.push('no cloud user is matched');
  else {
    if (planned && got.id !== planned.id) {
      problems.push(
        `the matched cloud user is ${got.id} (${got.userPrincipalName}), not the planned ${planned.id}`,
      );
    }
    if (got.onPremisesImmutableId !== before.expectedImmutableId) {
      problems.push(
        `it carries the immutableId ${got.onPremisesImmutableId ?? '(none)'}, not this user's anchor ${before.expectedImmutableId}`,
      );
    }
    if (before.forecast) {
      const quarantined = new Set(
        got.onPremisesProvisioningErrors
          .map((e) => QUARANTINE_PROPERTY[e.propertyCausingError])
          .filter((p): p is ForecastProperty => p !== undefined),
      );
      for (const miss of forecastMisses(before.forecast, got)) {
        if (quarantined.has(miss.property)) continue;
        problems.push(
          `its ${miss.property} is ${show(miss.actual)}, but the sync was forecast to write ${show(miss.expected)}`,
        );
      }
    }
  }
  if (problems.length === 0) return null;
  const ids = `planned cloud user ${planned ? `${planned.id} (${planned.userPrincipalName})` : '(a new one)'}, matched cloud user ${got ? `${got.id} (${got.userPrincipalName})` : '(none)'}`;
  return {
    verdict: 'wrong-object',
    detail:
      `The sync joined the wrong object: ${problems.join('; ')}. ${ids}. Do not hand this account over: ` +
      'diagnose both AD objects and the cloud user, and look at the sync server for which AD object it joined.',
    syncReport,
    after,
  };
}
