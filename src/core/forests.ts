// One person, two forests (issue 21): during a migration between forests the old account and the
// migrated one are both in AD, often both synced by one Entra Connect server. These helpers tell
// such a pair apart from a plain duplicate and decide which account a diagnosis is about: the one
// in the migration's target forest (SyncSettings.forests lists forests oldest first; the last is
// the target).
import { addressKey } from './proxy-addresses.js';
import type { OnPremObject, SyncSettings } from './snapshot.js';

export type TwinLink = 'mail' | 'userPrincipalName' | 'consistencyGuid';

const same = (a: string | null, b: string | null) =>
  a !== null && b !== null && addressKey(a) === addressKey(b);
const sameGuid = (a: string | null, b: string | null) =>
  a !== null && b !== null && a.toLowerCase() === b.toLowerCase();

/**
 * Why `a` and `b` look like one person's accounts in two forests (empty: they do not): two users
 * in different forests with the same mail or UPN, or one's mS-DS-ConsistencyGuid equal to the
 * other's objectGUID (a migration tool copied the anchor).
 */
export function twinLinks(a: OnPremObject, b: OnPremObject): TwinLink[] {
  if (a.objectClass !== 'user' || b.objectClass !== 'user') return [];
  if (!a.forest || !b.forest || a.forest.toLowerCase() === b.forest.toLowerCase()) return [];
  const out: TwinLink[] = [];
  if (same(a.mail, b.mail)) out.push('mail');
  if (same(a.userPrincipalName, b.userPrincipalName)) out.push('userPrincipalName');
  if (sameGuid(a.consistencyGuid, b.objectGuid) || sameGuid(b.consistencyGuid, a.objectGuid)) {
    out.push('consistencyGuid');
  }
  return out;
}

/** A forest's place in the migration: higher is newer; the target forest is the highest. */
export function forestRank(sync: SyncSettings, forest: string | undefined): number {
  if (!forest) return -1;
  return (sync.forests ?? []).findIndex((f) => f.toLowerCase() === forest.toLowerCase());
}

/** Which of the two is the newer account (in the later forest); null when the order is unknown. */
export function newerOf(sync: SyncSettings, a: OnPremObject, b: OnPremObject): OnPremObject | null {
  const ra = forestRank(sync, a.forest);
  const rb = forestRank(sync, b.forest);
  if (ra === rb) return null;
  return ra > rb ? a : b;
}

/**
 * The identity matched one user in each of several forests and they are one person's accounts:
 * the diagnosis is about the one in the newest forest (the migration's target). null when the
 * matches are anything else (then they stay ambiguous).
 */
export function migrationSubject(matches: readonly OnPremObject[], sync: SyncSettings): OnPremObject | null {
  if (matches.length < 2) return null;
  const forests = new Set(matches.map((m) => m.forest?.toLowerCase()));
  if (forests.size !== matches.length || forests.has(undefined)) return null;
  const ranked = [...matches].sort((x, y) => forestRank(sync, y.forest) - forestRank(sync, x.forest));
  const newest = ranked[0]!;
  if (
    forestRank(sync, newest.forest) < 0 ||
    forestRank(sync, newest.forest) === forestRank(sync, ranked[1]!.forest)
  )
    return null;
  return ranked.slice(1).every((m) => twinLinks(newest, m).length > 0) ? newest : null;
}

/** The user's account in a newer forest, when the related search found one (the diagnosis moves there). */
export function newerTwin(
  user: OnPremObject,
  related: readonly OnPremObject[],
  sync: SyncSettings,
): OnPremObject | null {
  const twins = related.filter((o) => twinLinks(user, o).length > 0 && newerOf(sync, user, o) === o);
  return twins.length === 1 ? twins[0]! : null;
}
