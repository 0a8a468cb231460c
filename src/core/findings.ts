// Finding codes and their shape (issue 4). Each finding explains itself to a technician.

export type Severity = 'error' | 'warning' | 'info';

export const FINDING_CODES = [
  'AD_USER_NOT_FOUND',
  'AD_IDENTITY_AMBIGUOUS',
  'AD_ATTRIBUTE_INVALID',
  'AD_DUPLICATE_VALUE',
  'AD_DUPLICATE_ANCHOR',
  'AD_OUT_OF_SYNC_SCOPE',
  'CONSISTENCY_GUID_DIFFERS',
  'UPN_SUFFIX_UNVERIFIED',
  'CLOUD_USER_NOT_FOUND',
  'CLOUD_CANDIDATES_DIFFER',
  'ALREADY_MATCHED',
  'READY_FOR_SOFT_MATCH',
  'READY_FOR_HARD_MATCH',
  'STALE_IMMUTABLE_ID',
  'LINKED_TO_OTHER_ANCHOR',
  'CLOUD_DUPLICATE_ANCHOR',
  'CLOUD_DUPLICATE_PROXY_ADDRESS',
  'CLOUD_DUPLICATE_ALIAS',
  'DELETED_USER_CONFLICT',
  'QUARANTINED_ATTRIBUTE',
  'UPN_PLACEHOLDER',
  'SOFT_MATCH_BLOCKED',
  'HARD_MATCH_TAKEOVER_BLOCKED',
  'ADMIN_ROLE_BLOCKS_MATCH',
  'FEDERATED_UPN_DOMAIN',
  'TENANT_FEATURES_UNREADABLE',
  // Issue 19: what a partly-consented or lower-licensed tenant did not let the read check.
  'CHECK_SKIPPED',
  'CHECK_NOT_APPLICABLE',
  'TENANT_SYNC_NOT_CONFIGURED',
  'SIGN_IN_NAME_WOULD_CHANGE',
  // Issue 21: one person's accounts in two forests (a migration between forests).
  'USER_IN_TWO_FORESTS',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

/** One thing the diagnosis found, with the values that prove it. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** What, why it matters, which values. */
  message: string;
  evidence: Record<string, unknown>;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Most serious first; stable within a severity. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
