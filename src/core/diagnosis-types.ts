// The result of one diagnosis: what `diagnose --json` prints and what the wizard renders.
import type { Finding } from './findings.js';
import type { PlanStep } from './plan-types.js';
import type { CloudUser, OnPremObject } from './snapshot.js';
import type { SyncForecast } from './sync-forecast.js';

/** The cloud user this AD user should become, with what the wizard shows side by side. */
export interface DiagnosisTarget extends CloudUser {
  /** 'synced' when onPremisesSyncEnabled is true, else 'cloud-managed'. */
  management: 'synced' | 'cloud-managed';
  roles: string[];
}

export interface Diagnosis {
  identity: string;
  /** The AD user (null when not found or ambiguous). */
  onPrem: OnPremObject | null;
  /** base64 (or the custom anchor's text) the next sync will use as sourceAnchor. */
  expectedImmutableId: string | null;
  /** Which attribute that came from (mS-DS-ConsistencyGuid, objectGUID, or the custom one). */
  anchorSource: string | null;
  target: DiagnosisTarget | null;
  /** The active cloud user whose immutableId equals the expected anchor, when there is one. */
  anchorHolder: CloudUser | null;
  /** Most serious first. */
  findings: Finding[];
  plan: PlanStep[];
  /** What the next sync will write on the target (or a new user), before any write; null when
   *  the tenant was not read. Optional: absent where a diagnosis predates the forecast. */
  forecast?: SyncForecast | null;
  /** The configured forests, oldest first (issue 21); present only when there are several. */
  forests?: string[];
  /** Other plans the technician may choose instead (issue 13, point 5: restore a recycle-bin user
   *  that is this AD user's own account); absent when there is none. */
  alternatives?: PlanAlternative[];
}

/** Another plan the technician may choose instead of the one shown (the plan screen offers it). */
export interface PlanAlternative {
  kind: 'restore';
  /** The choice's label on the plan screen. */
  label: string;
  /** Why it may be the better cure, in one sentence. */
  reason: string;
  /** The diagnosis to walk instead: the restored user as the target, its plan and forecast. */
  target: DiagnosisTarget;
  plan: PlanStep[];
  forecast: SyncForecast | null;
}

/** What VERIFY_MATCH reads of the diagnosis made before the writes: a whole Diagnosis is one; a
 *  batch keeps only this much of each user (core/batch/batch-basis.ts). */
export interface VerifyBasis {
  identity: string;
  /** The AD user's DN (the Connect server's run report is asked for it). */
  onPrem: { dn: string } | null;
  expectedImmutableId: string | null;
  /** The planned target: the join must land on it, and new quarantines are counted against it. */
  target: Pick<DiagnosisTarget, 'id' | 'userPrincipalName' | 'onPremisesProvisioningErrors'> | null;
  /** What the sync was forecast to write (its `writes`: the join is checked against them). */
  forecast?: Pick<SyncForecast, 'writes'> | null;
}
