// Shared set-up for the apply-step and undo tests: a journal in a temp folder, an in-memory tenant
// with one cloud-managed user and one recycle-bin user, and plan steps as the planner writes them.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJsonlJournal } from '../../src/adapters/journal/jsonl-journal.js';
import type { PlanStep } from '../../src/core/plan-types.js';
import type { Clock, Journal, JournalEntry } from '../../src/ports.js';
import { cloudUser, memoryTenant } from '../helpers/memory-tenant.js';
import type { MemoryTenant } from '../helpers/memory-tenant.js';

export const USER_ID = '11111111-1111-1111-1111-111111111111';
export const DELETED_ID = '22222222-2222-2222-2222-222222222222';
export const OLD = 'b2xkLW9sZC1vbGQ=';
export const NEW = 'EjRWeJASNFZ4kBI0VniQEg==';

export interface World {
  tenant: MemoryTenant;
  journal: Journal;
  path: string;
  clock: Clock & { sleeps: number[] };
  lines(): JournalEntry[];
}

export function world(): World {
  const dir = mkdtempSync(join(tmpdir(), 'sm-apply-'));
  const path = join(dir, 'journal.jsonl');
  const tenant = memoryTenant({
    users: [
      cloudUser({ id: USER_ID, userPrincipalName: 'jdoe@contoso.com', onPremisesImmutableId: OLD }),
      cloudUser({ id: '33333333-3333-3333-3333-333333333333', userPrincipalName: 'taken@contoso.com' }),
    ],
    deletedUsers: [
      cloudUser({
        id: DELETED_ID,
        userPrincipalName: `${DELETED_ID.replaceAll('-', '')}jdoe.old@contoso.com`,
        displayName: 'John Doe (old)',
        proxyAddresses: ['SMTP:jdoe.old@contoso.com'],
        onPremisesImmutableId: NEW,
        deletedDateTime: '2026-01-10T08:00:00Z',
      }),
    ],
  });
  let t = Date.parse('2026-01-14T09:30:00Z');
  const sleeps: number[] = [];
  const clock = {
    sleeps,
    now: () => new Date((t += 1000)),
    sleep: async (ms: number) => void sleeps.push(ms),
  };
  const lines = () =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as JournalEntry);
  return { tenant, journal: openJsonlJournal(path), path, clock, lines };
}

export function deps(w: World) {
  return { tenant: w.tenant, journal: w.journal, operator: 'ann', clock: w.clock };
}

export function setStep(
  expect: Record<string, string | boolean | null> = { onPremisesImmutableId: OLD },
): PlanStep {
  return {
    action: 'SET_IMMUTABLE_ID',
    description: `Set the immutableId of jdoe@contoso.com to ${NEW} (hard match).`,
    because: ['STALE_IMMUTABLE_ID'],
    reversible: true,
    writes: true,
    precondition: { kind: 'user', objectId: USER_ID, expect, description: 'immutableId still the old one' },
    objectId: USER_ID,
    objectUpn: 'jdoe@contoso.com',
    change: { property: 'onPremisesImmutableId', before: OLD, after: NEW },
  };
}

export function clearStep(): PlanStep {
  return {
    ...setStep(),
    action: 'CLEAR_IMMUTABLE_ID',
    description: 'Clear the immutableId of jdoe@contoso.com (soft match).',
    change: { property: 'onPremisesImmutableId', before: OLD, after: null },
  };
}

export function moveUpnStep(): PlanStep {
  return {
    action: 'MOVE_UPN_TO_INITIAL_DOMAIN',
    description: 'Move jdoe@contoso.com to jdoe@contoso.onmicrosoft.com.',
    because: ['FEDERATED_UPN_DOMAIN'],
    reversible: true,
    writes: true,
    precondition: {
      kind: 'user',
      objectId: USER_ID,
      expect: { userPrincipalName: 'jdoe@contoso.com' },
      description: 'UPN unchanged',
    },
    objectId: USER_ID,
    objectUpn: 'jdoe@contoso.com',
    change: {
      property: 'userPrincipalName',
      before: 'jdoe@contoso.com',
      after: 'jdoe@contoso.onmicrosoft.com',
    },
  };
}

export function deletedStep(action: 'PURGE_DELETED_USER' | 'RESTORE_DELETED_USER'): PlanStep {
  return {
    action,
    description: `${action === 'PURGE_DELETED_USER' ? 'Permanently delete' : 'Restore'} jdoe.old@contoso.com.`,
    because: ['DELETED_USER_CONFLICT'],
    reversible: false,
    writes: true,
    precondition: {
      kind: 'deletedUser',
      objectId: DELETED_ID,
      expect: { onPremisesImmutableId: NEW },
      description: 'still in the recycle bin with the anchor',
    },
    objectId: DELETED_ID,
    objectUpn: 'jdoe.old@contoso.com',
  };
}
