// A small in-memory Tenant that answers like Graph does for the writes a plan makes (docs/matching-facts.md §3):
// synced users refuse edits, immutableId and UPN are unique, purge and restore act on the recycle
// bin. Tests hook into it to fail a write, look at the disk mid-write, or make reads lag.
import { UserFacingError } from '../../src/core/errors.js';
import type { CloudUser, CloudView } from '../../src/core/snapshot.js';
import type { Tenant } from '../../src/ports.js';

export type WriteCall =
  | { method: 'setImmutableId'; id: string; value: string | null }
  | { method: 'setUserPrincipalName'; id: string; value: string }
  | { method: 'purgeDeletedUser'; id: string }
  | { method: 'restoreDeletedUser'; id: string };

export interface MemoryTenant extends Tenant {
  users: CloudUser[];
  deletedUsers: CloudUser[];
  /** Every write that reached the tenant (whether it succeeded or not). */
  writes: WriteCall[];
  /** Runs inside each write, before it takes effect; throw to make the write fail. */
  beforeWrite?: (call: WriteCall) => void | Promise<void>;
  /** Runs after each write took effect; throw to simulate a reply lost on the way back. */
  afterWrite?: (call: WriteCall) => void | Promise<void>;
  /** Makes every read throw (an outage). */
  readFailure?: Error;
  /** How many reads after a write still return the old state (eventual consistency). */
  readLag: number;
}

export function cloudUser(fields: Partial<CloudUser> & { id: string; userPrincipalName: string }): CloudUser {
  return {
    displayName: null,
    mail: null,
    mailNickname: null,
    proxyAddresses: [],
    onPremisesImmutableId: null,
    onPremisesSyncEnabled: null,
    onPremisesLastSyncDateTime: null,
    onPremisesProvisioningErrors: [],
    ...fields,
  };
}

function graphError(message: string, code: string): UserFacingError {
  return new UserFacingError(message, code, 'Check the user in the Entra admin center.');
}

export function memoryTenant(
  init: { users?: CloudUser[]; deletedUsers?: CloudUser[]; label?: string } = {},
): MemoryTenant {
  let stale: { users: CloudUser[]; deletedUsers: CloudUser[] } | null = null;
  let lagLeft = 0;

  const view = () => {
    if (t.readFailure) throw t.readFailure;
    if (stale && lagLeft > 0) {
      lagLeft -= 1;
      return stale;
    }
    return t;
  };
  const activeUser = (id: string): CloudUser => {
    const user = t.users.find((u) => u.id === id);
    if (!user)
      throw graphError(
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
        'Request_ResourceNotFound',
      );
    if (user.onPremisesSyncEnabled === true) {
      throw graphError(
        'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.',
        'Request_BadRequest',
      );
    }
    return user;
  };
  const deletedUser = (id: string): CloudUser => {
    const user = t.deletedUsers.find((u) => u.id === id);
    if (!user)
      throw graphError(
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
        'Request_ResourceNotFound',
      );
    return user;
  };
  const write = async (call: WriteCall, apply: () => void) => {
    t.writes.push(call);
    await t.beforeWrite?.(call);
    const snapshot = structuredClone({ users: t.users, deletedUsers: t.deletedUsers });
    apply();
    if (t.readLag > 0) {
      stale = snapshot;
      lagLeft = t.readLag;
    }
    await t.afterWrite?.(call);
  };

  const t: MemoryTenant = {
    tenantLabel: init.label ?? 'contoso.onmicrosoft.com',
    users: structuredClone(init.users ?? []),
    deletedUsers: structuredClone(init.deletedUsers ?? []),
    writes: [],
    readLag: 0,
    async readFor(): Promise<CloudView> {
      throw new Error('memoryTenant.readFor is not used by these tests');
    },
    async getUser(id) {
      const found = view().users.find((u) => u.id === id);
      return found ? structuredClone(found) : null;
    },
    async getDeletedUser(id) {
      const found = view().deletedUsers.find((u) => u.id === id);
      return found ? structuredClone(found) : null;
    },
    async setImmutableId(id, value) {
      await write({ method: 'setImmutableId', id, value }, () => {
        const user = activeUser(id);
        if (value !== null && t.users.some((u) => u.id !== id && u.onPremisesImmutableId === value)) {
          throw graphError(
            'Another object with the same value for property onPremisesImmutableId already exists.',
            'Request_BadRequest',
          );
        }
        user.onPremisesImmutableId = value;
      });
    },
    async setUserPrincipalName(id, value) {
      await write({ method: 'setUserPrincipalName', id, value }, () => {
        const user = activeUser(id);
        if (t.users.some((u) => u.id !== id && u.userPrincipalName.toLowerCase() === value.toLowerCase())) {
          throw graphError(
            'Another object with the same value for property userPrincipalName already exists.',
            'Request_BadRequest',
          );
        }
        user.userPrincipalName = value;
      });
    },
    async purgeDeletedUser(id) {
      await write({ method: 'purgeDeletedUser', id }, () => {
        deletedUser(id);
        t.deletedUsers = t.deletedUsers.filter((u) => u.id !== id);
      });
    },
    async restoreDeletedUser(id) {
      await write({ method: 'restoreDeletedUser', id }, () => {
        const user = deletedUser(id);
        // Graph rewrites a deleted user's UPN as <id without hyphens><UPN>; restore undoes it.
        const prefix = id.replaceAll('-', '');
        const upn = user.userPrincipalName.startsWith(prefix)
          ? user.userPrincipalName.slice(prefix.length)
          : user.userPrincipalName;
        if (t.users.some((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase())) {
          throw graphError(
            'Another object with the same value for property userPrincipalName already exists.',
            'Request_BadRequest',
          );
        }
        t.deletedUsers = t.deletedUsers.filter((u) => u.id !== id);
        t.users.push({
          ...user,
          userPrincipalName: upn,
          deletedDateTime: null,
          onPremisesSyncEnabled: false,
        });
      });
    },
  };
  return t;
}
