// The collections a `$filter` is answered over, narrowed by the tenant index (tenant-index.ts) to
// the objects that can match; listResponse then evaluates the filter on these as it does on all.
// With SYNCMATCH_LAB_INDEX_CHECK=1 every narrowed answer is compared with the full scan's.
import type { LabState } from '../lab-state.js';
import { indexCheckEnabled } from '../lab-state-changes.js';
import { matchesFilter } from './filter-rules.js';
import type { FilterNode } from './odata-filter.js';
import type { Resource } from './query-options.js';
import {
  activeUsersOf,
  contactsOf,
  deletedUsersOf,
  groupsOf,
  scannedActiveUsers,
} from './representations.js';
import { contactSchema, deletedUserSchema, groupSchema, userSchema, type ResourceSchema } from './schemas.js';
import { candidates, checkAgainstScan, tenantIndex, type TenantCollection } from './tenant-index.js';

/** The representations a filter on this collection is evaluated over (all of them without a way in). */
export function filterCandidates(
  state: LabState,
  collection: TenantCollection,
  tree: FilterNode | null,
): Resource[] {
  const index = tenantIndex(state);
  const schema = SCHEMAS[collection];
  let out: Resource[];
  let narrowed = true;
  switch (collection) {
    case 'users': {
      const some = tree ? candidates(index.users, tree, schema) : null;
      narrowed = some !== null;
      out = activeUsersOf(state, some ?? state.tenant.users);
      break;
    }
    case 'deletedUsers': {
      const some = tree ? candidates(index.deletedUsers, tree, schema) : null;
      narrowed = some !== null;
      out = deletedUsersOf(state, some ?? state.tenant.deletedUsers);
      break;
    }
    case 'groups': {
      const some = tree ? candidates(index.groups, tree, schema) : null;
      narrowed = some !== null;
      out = groupsOf(some ?? state.tenant.groups);
      break;
    }
    case 'contacts': {
      const some = tree ? candidates(index.contacts, tree, schema) : null;
      narrowed = some !== null;
      out = contactsOf(some ?? state.tenant.contacts);
      break;
    }
  }
  if (tree && indexCheckEnabled()) {
    const full =
      collection === 'users' ? scannedActiveUsers(state) : filterCandidates(state, collection, null);
    const keep = (r: Resource) => matchesFilter(tree, r, schema);
    checkAgainstScan(`${collection}${narrowed ? '' : ' (unindexed)'}`, out.filter(keep), full.filter(keep));
  }
  return out;
}

const SCHEMAS: Record<TenantCollection, ResourceSchema> = {
  users: userSchema,
  deletedUsers: deletedUserSchema,
  groups: groupSchema,
  contacts: contactSchema,
};
