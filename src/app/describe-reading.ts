// The checklist lines about the tenant, derived from the snapshot once it is read.
import { buildContext, isSynced } from '../core/rules/context.js';
import type { Snapshot } from '../core/snapshot.js';
import type { ReadProgress } from './services.js';

export function describeCloud(snapshot: Snapshot): ReadProgress[] {
  const user = snapshot.onPrem.matches[0];
  const cloud = snapshot.cloud;
  if (!user || !cloud) return [];
  const ctx = buildContext(snapshot, user);
  const t = ctx.target;
  const out: ReadProgress[] = [];
  out.push({
    step: 'cloudTarget',
    status: 'done',
    detail: t
      ? `${t.userPrincipalName} (${isSynced(t) ? 'synced' : 'cloud-managed'}); immutableId ${t.onPremisesImmutableId ?? '(none)'} vs expected ${ctx.anchor.value}${t.onPremisesImmutableId === ctx.anchor.value ? ' ✓' : ' ✗'}`
      : 'no cloud user found: a sync would create one',
  });
  const skip = new Set([t?.id]);
  const dupes =
    cloud.users.filter((u) => !skip.has(u.id)).length + cloud.groups.length + cloud.contacts.length;
  out.push({
    step: 'cloudDuplicates',
    status: 'done',
    detail: dupes === 0 ? 'none' : `${dupes} other cloud object(s) share a value`,
  });
  out.push({
    step: 'recycleBin',
    status: 'done',
    detail:
      cloud.deletedUsers.length === 0
        ? 'nothing relevant'
        : `${cloud.deletedUsers.length} deleted user(s) share a value or the anchor`,
  });
  const f = cloud.features;
  out.push({
    step: 'tenantSwitches',
    status: f ? 'done' : 'skipped',
    detail: f
      ? `soft match ${f.blockSoftMatchEnabled ? 'BLOCKED' : 'allowed'}${f.softMatchOnUpnEnabled ? ' (UPN and SMTP)' : ' (SMTP only)'}, hard-match takeover ${f.blockCloudObjectTakeoverThroughHardMatchEnabled ? 'BLOCKED' : 'allowed'}`
      : 'could not be read (needs OnPremDirectorySynchronization.Read.All, delegated)',
  });
  return out;
}
