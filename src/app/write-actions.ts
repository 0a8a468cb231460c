// What each write action reads, sends and checks. One table, so the guard, the journal and the
// confirmation read all agree on which property a step changes.
import type { ActionKind, PlanStep } from '../core/plan-types.js';
import type { CloudUser } from '../core/snapshot.js';
import type { Tenant } from '../ports.js';

export type Value = string | boolean | null;

export interface WriteSpec {
  /** The property the journal records before → after ('state' for purge and restore). */
  property: string;
  /** Whether `syncmatch journal undo` can revert it through Graph. */
  undoable: boolean;
  /** The value the step sets, or a sentence saying why the step is incomplete (a plan bug). */
  plannedAfter(step: PlanStep): { value: Value } | { problem: string };
  /** Re-reads the object the step acts on, where it is before the write. */
  read(tenant: Tenant, id: string): Promise<CloudUser | null>;
  valueOf(object: CloudUser): Value;
  send(tenant: Tenant, id: string, after: Value): Promise<void>;
  /** Reads the object after the write: its state and the property's value now. */
  readBack(tenant: Tenant, id: string): Promise<{ state: CloudUser | null; now: Value }>;
  same(a: Value, b: Value): boolean;
  /** One sentence for a write that landed. */
  doneSentence(who: string, before: Value, after: Value): string;
  /** The start of a sentence for a write that failed ("Could not …"). */
  failedPrefix(who: string): string;
}

const IN_BIN = 'in the recycle bin';
const PURGED = 'permanently deleted';
const ACTIVE = 'active';
const GONE = 'not found';

export function show(value: Value | undefined): string {
  if (value === null || value === undefined || value === '') return 'empty';
  return typeof value === 'string' ? `"${value}"` : String(value);
}

const exact = (a: Value, b: Value): boolean => (a ?? null) === (b ?? null);
const caseless = (a: Value, b: Value): boolean =>
  typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : exact(a, b);

function changeAfter(step: PlanStep, what: string): { value: Value } | { problem: string } {
  const after = step.change?.after;
  if (typeof after !== 'string' || after.trim() === '') {
    return { problem: `The plan step has no new ${what} to set (this is a bug in the plan).` };
  }
  return { value: after };
}

const immutableIdRead = {
  property: 'onPremisesImmutableId',
  undoable: true,
  read: (tenant: Tenant, id: string) => tenant.getUser(id),
  valueOf: (u: CloudUser): Value => u.onPremisesImmutableId ?? null,
  send: (tenant: Tenant, id: string, after: Value) =>
    tenant.setImmutableId(id, typeof after === 'string' ? after : null),
  async readBack(tenant: Tenant, id: string) {
    const state = await tenant.getUser(id);
    return { state, now: state ? (state.onPremisesImmutableId ?? null) : GONE };
  },
  same: exact,
  failedPrefix: (who: string) => `Could not change the immutableId of ${who}`,
};

export const WRITE_SPECS: Partial<Record<ActionKind, WriteSpec>> = {
  SET_IMMUTABLE_ID: {
    ...immutableIdRead,
    plannedAfter: (step) => changeAfter(step, 'immutableId'),
    doneSentence: (who, before, after) =>
      `The immutableId of ${who} is now ${show(after)} (was ${show(before)}); read back to confirm.`,
  },
  CLEAR_IMMUTABLE_ID: {
    ...immutableIdRead,
    plannedAfter: () => ({ value: null }),
    doneSentence: (who, before) =>
      `The immutableId of ${who} is now empty (was ${show(before)}); read back to confirm.`,
  },
  MOVE_UPN_TO_INITIAL_DOMAIN: {
    property: 'userPrincipalName',
    undoable: true,
    plannedAfter: (step) => changeAfter(step, 'user principal name'),
    read: (tenant, id) => tenant.getUser(id),
    valueOf: (u) => u.userPrincipalName,
    send: (tenant, id, after) => tenant.setUserPrincipalName(id, String(after)),
    async readBack(tenant, id) {
      const state = await tenant.getUser(id);
      return { state, now: state ? state.userPrincipalName : GONE };
    },
    same: caseless,
    doneSentence: (_who, before, after) =>
      `The user principal name ${show(before)} is now ${show(after)}; read back to confirm.`,
    failedPrefix: (who) => `Could not change the user principal name of ${who}`,
  },
  PURGE_DELETED_USER: {
    property: 'state',
    undoable: false,
    plannedAfter: () => ({ value: PURGED }),
    read: (tenant, id) => tenant.getDeletedUser(id),
    valueOf: () => IN_BIN,
    send: (tenant, id) => tenant.purgeDeletedUser(id),
    async readBack(tenant, id) {
      const state = await tenant.getDeletedUser(id);
      return { state, now: state ? IN_BIN : PURGED };
    },
    same: exact,
    doneSentence: (who) =>
      `${who} was permanently deleted from the recycle bin; the whole object was exported into the journal first.`,
    failedPrefix: (who) => `Could not permanently delete ${who} from the recycle bin`,
  },
  RESTORE_DELETED_USER: {
    property: 'state',
    undoable: false,
    plannedAfter: () => ({ value: ACTIVE }),
    read: (tenant, id) => tenant.getDeletedUser(id),
    valueOf: () => IN_BIN,
    send: (tenant, id) => tenant.restoreDeletedUser(id),
    async readBack(tenant, id) {
      const active = await tenant.getUser(id);
      if (active) return { state: active, now: ACTIVE };
      const deleted = await tenant.getDeletedUser(id);
      return { state: deleted, now: deleted ? IN_BIN : GONE };
    },
    same: exact,
    doneSentence: (who) => `${who} was restored from the recycle bin and is an active user again.`,
    failedPrefix: (who) => `Could not restore ${who} from the recycle bin`,
  },
};
