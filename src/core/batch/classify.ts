// Which users a batch fix may write, decided from each user's own diagnosis (the wizard's planner):
// a plan with a MANUAL step, or an error its writes do not cure, is left out with the reason; a
// purge needs --allow-purge; two users whose plans change the same cloud object are both left out
// (one of them would write over the other's work: fix those one at a time in the wizard).
import type { Diagnosis } from '../diagnosis-types.js';
import type { ActionKind } from '../plan-types.js';

export type BatchPlanStatus = 'to-write' | 'sync-only' | 'already-matched' | 'excluded';

export interface Classified {
  status: BatchPlanStatus;
  reason?: string;
  actions: ActionKind[];
  /** Cloud objects its writes change. */
  objects: string[];
}

const firstSentence = (text: string) => {
  const i = text.indexOf('. ');
  return i === -1 ? text : text.slice(0, i + 1);
};

export function classifyPlan(d: Diagnosis, options: { allowPurge: boolean }): Classified {
  const none = { actions: [] as ActionKind[], objects: [] as string[] };
  if (d.findings.some((f) => f.code === 'ALREADY_MATCHED')) return { status: 'already-matched', ...none };
  const manual = d.plan.find((s) => s.action === 'MANUAL');
  if (manual) return { status: 'excluded', reason: `needs a manual step: ${manual.description}.`, ...none };
  const writes = d.plan.filter((s) => s.writes);
  const cured = new Set(writes.flatMap((s) => s.because));
  const uncured = d.findings.find((f) => f.severity === 'error' && !cured.has(f.code));
  if (uncured)
    return { status: 'excluded', reason: `${uncured.code}: ${firstSentence(uncured.message)}`, ...none };
  if (!d.plan.some((s) => s.action === 'VERIFY_MATCH')) {
    return { status: 'excluded', reason: 'the diagnosis could not make a plan for this user.', ...none };
  }
  const actions = writes.map((s) => s.action);
  const objects = writes.map((s) => s.precondition.objectId ?? s.objectId ?? '').filter((id) => id !== '');
  const purge = writes.find((s) => s.action === 'PURGE_DELETED_USER');
  if (purge && !options.allowPurge) {
    return {
      status: 'excluded',
      reason: `its plan permanently deletes ${purge.objectUpn ?? purge.objectId} from the recycle bin: add --allow-purge to include it.`,
      actions,
      objects,
    };
  }
  return { status: writes.length > 0 ? 'to-write' : 'sync-only', actions, objects };
}

/**
 * Leaves out every user whose writes touch a cloud object another user of the batch also writes.
 * Returns the indexes to leave out, each with the reason.
 */
export function sharedObjects(
  users: readonly { status: BatchPlanStatus; objects: readonly string[]; label: string }[],
): Map<number, string> {
  const owners = new Map<string, number[]>();
  users.forEach((u, i) => {
    if (u.status !== 'to-write') return;
    for (const id of new Set(u.objects)) owners.set(id, [...(owners.get(id) ?? []), i]);
  });
  const out = new Map<number, string>();
  for (const [id, who] of owners) {
    if (who.length < 2) continue;
    for (const i of who) {
      const others = who.filter((j) => j !== i).map((j) => users[j]!.label);
      out.set(
        i,
        `its plan changes cloud object ${id}, which the plan of ${others.join(', ')} changes too: fix them one at a time.`,
      );
    }
  }
  return out;
}

/** Users to write, grouped by the actions of their plan (biggest group first), three examples each. */
export function groupByActions(
  users: readonly { status: BatchPlanStatus; actions: readonly ActionKind[]; label: string }[],
): { actions: string; count: number; examples: string[] }[] {
  const groups = new Map<string, { actions: string; count: number; examples: string[] }>();
  for (const u of users) {
    if (u.status !== 'to-write') continue;
    const key = u.actions.join(' + ');
    const g = groups.get(key) ?? { actions: key, count: 0, examples: [] };
    g.count++;
    if (g.examples.length < 3) g.examples.push(u.label);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.actions.localeCompare(b.actions));
}
