// Which Microsoft Graph permission each feature needs, shown before the first sign-in and compared
// with what a token actually carries. Read-only runs never ask for a write permission.

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

export interface GraphPermission {
  permission: string;
  /** What it is used for, as a technician reads it. */
  feature: string;
  /** Needed only to apply fixes. */
  write: boolean;
  /** Only a delegated sign-in (a person) can use it: Graph offers no application permission. */
  delegatedOnly?: boolean;
}

/** Least-privileged permissions, in the order they are shown. */
export const GRAPH_PERMISSIONS: readonly GraphPermission[] = [
  {
    permission: 'User.Read.All',
    feature: 'read the cloud user, users holding the same values, the recycle bin',
    write: false,
  },
  { permission: 'Group.Read.All', feature: 'find groups holding the same proxy address', write: false },
  {
    permission: 'OrgContact.Read.All',
    feature: 'find contacts holding the same proxy address',
    write: false,
  },
  {
    permission: 'Domain.Read.All',
    feature: 'verified and federated domains (the UPN suffix checks)',
    write: false,
  },
  {
    permission: 'OnPremDirectorySynchronization.Read.All',
    feature: "the tenant's soft-match and hard-match switches",
    write: false,
    delegatedOnly: true,
  },
  // Not in the original list, but docs/matching-facts.md §2.4 needs role assignments and eligibility to tell
  // whether an admin role blocks the match; without it that one check is skipped.
  {
    permission: 'RoleManagement.Read.Directory',
    feature: 'admin roles that block matching (active, eligible, through role-assignable groups)',
    write: false,
  },
  {
    permission: 'User.ReadWrite.All',
    feature: 'set or clear onPremisesImmutableId, change a UPN (fixes)',
    write: true,
  },
  {
    permission: 'User.DeleteRestore.All',
    feature: 'restore or permanently delete a user in the recycle bin (fixes)',
    write: true,
  },
];

/** The permissions a run needs: reads always, writes unless read-only. */
export function neededPermissions(options: { readOnly: boolean }): GraphPermission[] {
  return GRAPH_PERMISSIONS.filter((p) => !p.write || !options.readOnly);
}

/**
 * The scopes to request. A person (delegated) asks for exactly the permissions the run needs, so
 * --read-only never asks for a write scope. An app (client secret or certificate) and the Azure CLI
 * can only ask for `.default`: the token then carries what an administrator granted.
 */
export function scopesFor(options: { readOnly: boolean; delegated: boolean }): string[] {
  if (!options.delegated) return [`${GRAPH_RESOURCE}/.default`];
  return neededPermissions(options).map((p) => `${GRAPH_RESOURCE}/${p.permission}`);
}

/**
 * Broader permissions that include a narrower one, from the "higher privileged permissions" column
 * of the Graph reference pages for the calls made. An include that is not listed here shows as
 * missing: the report then errs towards asking for the narrow permission.
 */
const INCLUDED_BY: Record<string, readonly string[]> = {
  'User.Read.All': [
    'User.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'Directory.AccessAsUser.All',
  ],
  'Group.Read.All': [
    'Group.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'Directory.AccessAsUser.All',
  ],
  'OrgContact.Read.All': ['Directory.Read.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All'],
  'Domain.Read.All': [
    'Domain.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'Directory.AccessAsUser.All',
  ],
  'OnPremDirectorySynchronization.Read.All': ['OnPremDirectorySynchronization.ReadWrite.All'],
  'RoleManagement.Read.Directory': [
    'RoleManagement.Read.All',
    'RoleManagement.ReadWrite.Directory',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'Directory.AccessAsUser.All',
  ],
  'User.ReadWrite.All': ['Directory.ReadWrite.All', 'Directory.AccessAsUser.All'],
  'User.DeleteRestore.All': ['Directory.AccessAsUser.All'],
};

export interface PermissionStatus extends GraphPermission {
  granted: boolean;
  /** The granted permission that covers it (itself or a broader one). */
  via: string | null;
  /** Not usable by this kind of sign-in, whatever is granted. */
  unavailable: boolean;
}

/** Compares what a token carries with what the run needs. */
export function permissionStatus(
  granted: readonly string[],
  options: { readOnly: boolean; delegated: boolean },
): PermissionStatus[] {
  const have = new Set(granted.map((g) => g.toLowerCase()));
  return neededPermissions(options).map((p) => {
    const candidates = [p.permission, ...(INCLUDED_BY[p.permission] ?? [])];
    const via = candidates.find((c) => have.has(c.toLowerCase())) ?? null;
    const unavailable = Boolean(p.delegatedOnly && !options.delegated);
    return { ...p, granted: via !== null && !unavailable, via, unavailable };
  });
}

/** The table shown before the first call: permission, what for. */
export function describePermissions(options: { readOnly: boolean; delegated: boolean }): string[] {
  return neededPermissions(options).map((p) => {
    const note =
      p.delegatedOnly && !options.delegated
        ? ' (a person must sign in for this one; skipped for an app)'
        : '';
    return `${p.permission.padEnd(40)} ${p.feature}${note}`;
  });
}
