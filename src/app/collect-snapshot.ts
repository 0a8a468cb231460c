// Reading: AD first (one search for the identity, one for related objects), then the tenant for
// this user's values. Reports each checklist line as it completes (the wizard's live checklist).
import { expectedAnchor } from '../core/anchor.js';
import { UserFacingError } from '../core/errors.js';
import { migrationSubject, newerTwin } from '../core/forests.js';
import { parseIdentity } from '../core/identity-input.js';
import type { Snapshot, SyncSettings } from '../core/snapshot.js';
import type { OnPremDirectory, TenantReader } from '../ports.js';
import type { ReadProgress } from './services.js';
import { describeCloud } from './describe-reading.js';

export interface CollectDeps {
  directory: OnPremDirectory;
  tenant: TenantReader;
  sync: SyncSettings;
}

/** Reads everything one diagnosis needs. Throws UserFacingError (with what to check) on I/O failure. */
export async function collectSnapshot(
  deps: CollectDeps,
  identity: string,
  onProgress: (p: ReadProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<Snapshot> {
  const query = parseIdentity(identity);
  onProgress({
    step: 'adUser',
    status: 'running',
    detail: `Searching AD for ${query.kind} "${query.input}"`,
  });
  const found = await guarded('adUser', onProgress, () => deps.directory.findUser(query));
  signal?.throwIfAborted();
  // One person's accounts in two forests (issue 21): the one in the migration's target forest.
  const subject = migrationSubject(found, deps.sync);
  let matches = subject ? [subject] : found;
  if (matches.length !== 1) {
    onProgress({
      step: 'adUser',
      status: 'failed',
      detail: matches.length === 0 ? 'No AD user found' : `${matches.length} AD users match: ambiguous`,
    });
    return { identity, sync: deps.sync, onPrem: { matches, related: [] }, cloud: null };
  }
  let user = matches[0]!;
  // The identity named the old account of a user migrated to a newer forest: diagnose the new one
  // (the old one is found again among its related objects).
  const moved =
    (deps.sync.forests?.length ?? 0) > 1
      ? newerTwin(
          user,
          await guarded('adUser', onProgress, () => deps.directory.findRelated(user)),
          deps.sync,
        )
      : null;
  if (moved) {
    user = moved;
    matches = [moved];
  }
  onProgress({ step: 'adUser', status: 'done', detail: user.dn });
  const anchor = expectedAnchor(user, deps.sync.sourceAnchor);
  onProgress({
    step: 'anchor',
    status: anchor.value ? 'done' : 'failed',
    detail: anchor.value ? `${anchor.source} → ${anchor.value}` : `${anchor.source} is empty on this user`,
  });
  onProgress({
    step: 'onPremDuplicates',
    status: 'running',
    detail: 'Searching AD for other objects with these values',
  });
  onProgress({ step: 'cloudTarget', status: 'running', detail: 'Reading the tenant' });
  // AD duplicates and the tenant read are independent: run them together.
  const [related, cloud] = await Promise.all([
    guarded('onPremDuplicates', onProgress, () => deps.directory.findRelated(user)),
    guarded('cloudTarget', onProgress, () => deps.tenant.readFor(user, anchor.value)),
  ]);
  signal?.throwIfAborted();
  const others = related.filter((o) => o.objectGuid !== user.objectGuid);
  onProgress({
    step: 'onPremDuplicates',
    status: 'done',
    detail: others.length === 0 ? 'none' : `${others.length} other object(s) share a value`,
  });
  const snapshot: Snapshot = { identity, sync: deps.sync, onPrem: { matches, related: others }, cloud };
  for (const p of describeCloud(snapshot)) onProgress(p);
  return snapshot;
}

async function guarded<T>(
  step: ReadProgress['step'],
  onProgress: (p: ReadProgress) => void,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const detail = e instanceof UserFacingError ? `${e.message}${e.hint ? ` — ${e.hint}` : ''}` : String(e);
    onProgress({ step, status: 'failed', detail });
    throw e;
  }
}
