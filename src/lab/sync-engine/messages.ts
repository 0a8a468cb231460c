// What the sync reports, worded as Entra Connect words it (docs/matching-facts.md §2.3, §F3) where a
// public source quotes the text; lab wording elsewhere, marked so.

/** One value Entra ID says is already taken: `UserPrincipalName x` or `ProxyAddresses SMTP:x`. */
export interface ConflictingValue {
  property: 'UserPrincipalName' | 'ProxyAddresses';
  value: string;
}

/** The AttributeValueMustBeUnique / InvalidSoftMatch detail text (docs/matching-facts.md §F3, event 6941). */
export function duplicateValuesText(values: readonly ConflictingValue[]): string {
  const list = values.map((v) => `${v.property} ${v.value};`).join('');
  return (
    'Unable to update this object because the following attributes associated with this object have ' +
    `values that may already be associated with another object in your local directory services: [${list}]. ` +
    'Correct or remove the duplicate values in your local directory.'
  );
}

/** InvalidHardMatch with blockCloudObjectTakeoverThroughHardMatchEnabled (docs/matching-facts.md §2.3). */
export const INVALID_HARD_MATCH_TEXT =
  'Another cloud created object with the same source anchor already exists in Microsoft Entra ID.';

/** The July 2026 hardening notice (docs/matching-facts.md §2.6). Exact wording beyond this phrase UNVERIFIED. */
export const HARDENING_TEXT = 'Hard match operation blocked due to security hardening.';

/** Connect Health files these as "Existing Admin Role Conflict" (docs/matching-facts.md §2.4); detail is lab wording. */
export function adminRoleSoftMatchText(upn: string, roles: readonly string[]): string {
  return (
    `Existing Admin Role Conflict: the cloud user ${upn} holds the directory role ${roles.join(', ')}, so it ` +
    'is never soft-matched. The incoming object was created as a separate, quarantined object. Fix: remove ' +
    'the role assignment (active and eligible), permanently delete the quarantined object, then sync again.'
  );
}

export function adminRoleHardMatchText(upn: string, roles: readonly string[]): string {
  // UNVERIFIED: which roles count (one Microsoft page: any Entra role from June 1 2026; a later one:
  // privileged roles, eligible assignments included, from July 1 2026). The lab blocks any role.
  return (
    `Existing Admin Role Conflict: ${HARDENING_TEXT} The cloud user ${upn} holds the directory role ` +
    `${roles.join(', ')}. Remove the role assignment (active and eligible) and sync again.`
  );
}

/** The engine's own wording for a soft match refused because the tenant blocks it. */
export function softMatchBlockedText(values: readonly ConflictingValue[]): string {
  // UNVERIFIED: Microsoft says objects that would soft-match report InvalidSoftMatch while
  // BlockSoftMatch is on; the exact detail text is not published.
  return `${duplicateValuesText(values)} Soft match is blocked for this tenant (blockSoftMatchEnabled).`;
}
