// What a scan produces: for every in-scope AD user the findings of the one-user diagnosis and the
// predicted outcome of the next sync, plus the cloud users nobody will claim (issue 9).
import type { Severity, FindingCode } from '../findings.js';
import type { SkippedCheck } from '../snapshot.js';

/** What the next delta sync is expected to do with one AD user. */
export const OUTCOMES = [
  'already-matched',
  'hard-match',
  'soft-match',
  'restore',
  'new-user',
  'new-user-quarantined',
  'duplicate',
  'export-error',
  'not-synced',
  /** The cloud users could not be read (a permission is missing): nothing can be forecast (issue 19). */
  'unknown',
] as const;

export type Outcome = (typeof OUTCOMES)[number];

/** What Entra Connect reports when it refuses an object (docs/matching-facts.md §2.3–§2.4, §F4). */
export type SyncError =
  | 'InvalidSoftMatch'
  | 'InvalidHardMatch'
  | 'ExistingAdminRoleConflict'
  | 'AttributeValueMustBeUnique'
  /** A value the cloud refuses (AD_ATTRIBUTE_INVALID with outcome `blocked`). */
  | 'DataValidationFailed';

/** How a second cloud account for the same person comes about. */
export type DuplicateVia = 'create' | 'restore' | 'join';

export interface Forecast {
  outcome: Outcome;
  /** The existing cloud user (active or deleted) the AD user lands on; null when one is created or nothing happens. */
  cloudUserId: string | null;
  /** For 'export-error': the error the sync reports (also set for a duplicate made beside an admin). */
  error: SyncError | null;
  /** For 'duplicate': created beside, restored beside, or joined to another cloud user than the person's own. */
  duplicateVia: DuplicateVia | null;
  /** Some values (UPN or proxy addresses) are expected to be quarantined (duplicate attribute resiliency). */
  quarantined: boolean;
  /** One sentence for the technician. */
  reason: string;
}

/** One in-scope AD user's line in the scan: compact (a scan holds tens of thousands of these). */
export interface UserForecast {
  dn: string;
  objectGuid: string;
  sAMAccountName: string | null;
  userPrincipalName: string | null;
  displayName: string | null;
  /** The AD user's forest and domain (issue 21), when the reader set them. */
  forest?: string;
  domain?: string;
  expectedImmutableId: string | null;
  anchorSource: string | null;
  /** The cloud user the diagnosis says this AD user should become. */
  target: { id: string; userPrincipalName: string; management: 'synced' | 'cloud-managed' } | null;
  findings: { code: FindingCode; severity: Severity }[];
  forecast: Forecast;
}

/** What becomes of an active cloud user that no in-scope AD user lands on. */
export type CloudOnlyFate =
  /** Cloud-managed and unclaimed: stays a cloud-only account. */
  | 'stays-cloud-only'
  /** Synced, and its AD object is outside the sync scope: the next sync soft-deletes it. */
  | 'soft-deleted'
  /** Synced, but no AD object read carries its anchor (another forest, or a deleted object). */
  | 'orphaned-synced';

export interface CloudOnlyUser {
  id: string;
  userPrincipalName: string;
  displayName: string | null;
  management: 'synced' | 'cloud-managed';
  roles: string[];
  fate: CloudOnlyFate;
}

export interface ScanSummary {
  adUsers: number;
  /** Users under the scan scope that were forecast (system objects are counted apart). */
  forecast: number;
  systemObjects: number;
  byOutcome: Record<Outcome, number>;
  /** Users with each finding code (a user counts once per code). */
  byFinding: Partial<Record<FindingCode, number>>;
  cloudUsers: number;
  cloudOnly: number;
  /** Users forecast to fail, to make a duplicate, or to be created with quarantined values. */
  problems: number;
}

export interface ScanResult {
  users: UserForecast[];
  cloudOnly: CloudOnlyUser[];
  /** DNs of the AD users whose sync makes or keeps a second cloud account for someone. */
  duplicates: string[];
  summary: ScanSummary;
  /** What the tenant read could not check, for every user (a permission, a licence; issue 19). */
  skipped?: SkippedCheck[];
}
