// A recycle-bin user's UPN as Graph shows it (shared by the representations and the tenant index).

/**
 * A deleted user's UPN as Graph shows it: `<objectId without hyphens><original UPN>` (docs/matching-facts.md §3;
 * several independent sources, no official page). Scenario files and the lab state keep the
 * original UPN (what the sync engine and a restore need); the simulator rewrites it on the way out.
 * A scenario that already gives the rewritten form is left as it is.
 */
export function deletedUpn(user: { id: string; userPrincipalName: string }): string {
  const prefix = user.id.replace(/-/g, '').toLowerCase();
  return user.userPrincipalName.toLowerCase().startsWith(prefix)
    ? user.userPrincipalName
    : `${prefix}${user.userPrincipalName}`;
}
