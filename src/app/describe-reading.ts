// The checklist lines about the tenant, derived from the snapshot once it is read.
import { buildContext, isSynced } from '../core/rules/context.js';
import type { CloudCheck, SkippedCheck, Snapshot } from '../core/snapshot.js';
import type { ReadProgress } from './services.js';

export function describeCloud(snapshot: Snapshot): ReadProgress[] {
  const user = snapshot.onPrem.matches[0];
  const cloud = snapshot.cloud;
  if (!user || !cloud) return [];
  const ctx = buildContext(snapshot, user);
  const t = ctx.target;
  const out: ReadProgress[] = [];
  // What a refused read (a permission, a licence) did not let the tenant read (issue 19).
  const notRead = (...checks: CloudCheck[]) => (cloud.skipped ?? []).filter((x) => checks.includes(x.check));
  const why = (list: SkippedCheck[]) =>
    [...new Set(list.map((x) => x.permission ?? x.licence ?? x.graphCode ?? 'refused'))].join(', ');
  const unreadUsers = notRead('users');
  out.push(
    unreadUsers.length > 0
      ? { step: 'cloudTarget', status: 'skipped', detail: `not read (${why(unreadUsers)})` }
      : {
          step: 'cloudTarget',
          status: 'done',
          detail: t
            ? `${t.userPrincipalName} (${isSynced(t) ? 'synced' : 'cloud-managed'}); immutableId ${t.onPremisesImmutableId ?? '(none)'} vs expected ${ctx.anchor.value}${t.onPremisesImmutableId === ctx.anchor.value ? ' ✓' : ' ✗'}`
            : 'no cloud user found: a sync would create one',
        },
  );
  const skip = new Set([t?.id]);
  const dupes =
    cloud.users.filter((u) => !skip.has(u.id)).length + cloud.groups.length + cloud.contacts.length;
  const unreadHolders = notRead('users', 'groups', 'contacts');
  out.push({
    step: 'cloudDuplicates',
    status: unreadHolders.length === 3 ? 'skipped' : 'done',
    detail:
      (dupes === 0 ? 'none' : `${dupes} other cloud object(s) share a value`) +
      (unreadHolders.length > 0
        ? ` (${unreadHolders.map((x) => x.check).join(', ')} not read: ${why(unreadHolders)})`
        : ''),
  });
  const unreadBin = notRead('deletedUsers');
  out.push({
    step: 'recycleBin',
    status: unreadBin.length > 0 ? 'skipped' : 'done',
    detail:
      unreadBin.length > 0
        ? `not read (${why(unreadBin)})`
        : cloud.deletedUsers.length === 0
          ? 'nothing relevant'
          : `${cloud.deletedUsers.length} deleted user(s) share a value or the anchor`,
  });
  const f = cloud.features;
  out.push({
    step: 'tenantSwitches',
    status: f ? 'done' : 'skipped',
    detail: f
      ? (cloud.syncConfigured === false ? 'never configured (defaults): ' : '') +
        `soft match ${f.blockSoftMatchEnabled ? 'BLOCKED' : 'allowed'}${f.softMatchOnUpnEnabled ? ' (UPN and SMTP)' : ' (SMTP only)'}, hard-match takeover ${f.blockCloudObjectTakeoverThroughHardMatchEnabled ? 'BLOCKED' : 'allowed'}`
      : 'could not be read (needs OnPremDirectorySynchronization.Read.All, delegated)',
  });
  return out;
}
