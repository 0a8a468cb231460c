// The whole directory's match forecast (issue 9): index everything once, then run the one-user
// diagnosis — the same diagnose(), the same rules — on a snapshot cut from the indexes for each
// in-scope AD user, and predict the next sync from its findings. Pure: the reads happen before.
import { placeFields } from '../ad-place.js';
import { expectedAnchor } from '../anchor.js';
import { diagnose } from '../diagnose.js';
import type { Diagnosis } from '../diagnosis-types.js';
import { parseScope } from '../dn.js';
import { inScope } from '../rules/ad-scope.js';
import type { CloudView, OnPremObject, Snapshot, SyncSettings } from '../snapshot.js';
import { indexDirectory, relatedTo, type DirectoryIndex } from './directory-index.js';
import { connectSkips, forecastOutcome } from './forecast.js';
import { summarize } from './summary.js';
import { cloudViewFor, indexTenant, type TenantIndex } from './tenant-index.js';
import type { CloudOnlyUser, ScanResult, UserForecast } from './types.js';

export interface ScanInput {
  /** Every user, group and contact read from the directory (the whole domain: duplicates hide anywhere). */
  objects: readonly OnPremObject[];
  /** The whole tenant. */
  tenant: CloudView;
  sync: SyncSettings;
  /** OU DNs whose users are forecast; empty = the sync scope (or the whole domain when that is empty too). */
  scope: readonly string[];
}

export interface Scanner {
  /** The users to forecast, in directory order (system objects left out). */
  readonly users: readonly OnPremObject[];
  /** In-scope users Entra Connect never exports (krbtgt, critical system objects, its own accounts). */
  readonly systemObjects: number;
  /** The snapshot the one-user read would have produced, and its diagnosis. */
  diagnoseUser(user: OnPremObject): { snapshot: Snapshot; diagnosis: Diagnosis };
  forecastUser(user: OnPremObject): UserForecast;
  /** Cloud-only users, duplicates and counts, once every user is forecast. */
  finish(forecasts: readonly UserForecast[]): ScanResult;
}

export function createScanner(input: ScanInput): Scanner {
  const directory: DirectoryIndex = indexDirectory(input.objects, input.sync.sourceAnchor);
  const tenant: TenantIndex = indexTenant(input.tenant);
  // Parsed once: every user's DN is checked against it.
  const scope = parseScope(input.scope.length > 0 ? input.scope : input.sync.scope);
  const inScan = input.objects.filter((o) => o.objectClass === 'user' && inScope(o.dn, scope));
  const users = inScan.filter((o) => !connectSkips(o));
  // Each user's anchor once: the view needs it, and so does the cloud-only pass.
  const anchors = new Map<OnPremObject, string | null>();
  const anchorOf = (o: OnPremObject) => {
    let a = anchors.get(o);
    if (a === undefined) {
      a = expectedAnchor(o, input.sync.sourceAnchor).value;
      anchors.set(o, a);
    }
    return a;
  };

  function diagnoseUser(user: OnPremObject) {
    const anchor = anchorOf(user);
    const snapshot: Snapshot = {
      identity: user.dn,
      sync: input.sync,
      onPrem: { matches: [user], related: relatedTo(directory, user) },
      cloud: cloudViewFor(tenant, user, anchor),
    };
    return { snapshot, diagnosis: diagnose(snapshot) };
  }

  function forecastUser(user: OnPremObject): UserForecast {
    const { snapshot, diagnosis: d } = diagnoseUser(user);
    const t = d.target;
    return {
      dn: user.dn,
      objectGuid: user.objectGuid,
      sAMAccountName: user.sAMAccountName,
      userPrincipalName: user.userPrincipalName,
      displayName: user.displayName,
      ...placeFields(user),
      expectedImmutableId: d.expectedImmutableId,
      anchorSource: d.anchorSource,
      target: t ? { id: t.id, userPrincipalName: t.userPrincipalName, management: t.management } : null,
      findings: d.findings.map((f) => ({ code: f.code, severity: f.severity })),
      forecast: forecastOutcome(d, snapshot),
    };
  }

  function finish(forecasts: readonly UserForecast[]): ScanResult {
    const cloudOnly = unclaimed(input, forecasts, anchorOf);
    const duplicates = forecasts.filter((u) => u.forecast.outcome === 'duplicate').map((u) => u.dn);
    return {
      users: [...forecasts],
      cloudOnly,
      duplicates,
      summary: summarize(forecasts, {
        adUsers: input.objects.filter((o) => o.objectClass === 'user').length,
        systemObjects: inScan.length - users.length,
        cloudUsers: input.tenant.users.length,
        cloudOnly: cloudOnly.length,
      }),
      ...(input.tenant.skipped?.length ? { skipped: input.tenant.skipped } : {}),
    };
  }

  return { users, systemObjects: inScan.length - users.length, diagnoseUser, forecastUser, finish };
}

/** Every user at once (tests, small directories); the app layer goes in chunks to show progress. */
export function runScan(input: ScanInput): ScanResult {
  const scanner = createScanner(input);
  return scanner.finish(scanner.users.map((u) => scanner.forecastUser(u)));
}

/** Active cloud users no scanned AD user lands on or is diagnosed against, and what becomes of them. */
function unclaimed(
  input: ScanInput,
  forecasts: readonly UserForecast[],
  anchorOf: (o: OnPremObject) => string | null,
): CloudOnlyUser[] {
  const claimed = new Set<string>();
  for (const u of forecasts) {
    // A user the sync will not touch claims nothing: its synced cloud user is soft-deleted.
    if (u.forecast.outcome === 'not-synced') continue;
    if (u.forecast.cloudUserId) claimed.add(u.forecast.cloudUserId);
    if (u.target) claimed.add(u.target.id);
  }
  // Anchors of every AD user read: a synced cloud user carrying one belongs to that object.
  const owners = new Map<string, OnPremObject>();
  for (const o of input.objects) {
    if (o.objectClass !== 'user') continue;
    const a = anchorOf(o);
    if (a && !owners.has(a)) owners.set(a, o);
  }
  const out: CloudOnlyUser[] = [];
  for (const c of input.tenant.users) {
    if (claimed.has(c.id)) continue;
    const synced = c.onPremisesSyncEnabled === true;
    const owner = c.onPremisesImmutableId ? owners.get(c.onPremisesImmutableId) : undefined;
    // Its AD user is synchronised but outside this scan's scope: not this scan's to judge.
    if (owner && inScope(owner.dn, input.sync.scope) && !connectSkips(owner)) continue;
    const fate: CloudOnlyUser['fate'] = !synced
      ? 'stays-cloud-only'
      : owner
        ? 'soft-deleted'
        : 'orphaned-synced';
    out.push({
      id: c.id,
      userPrincipalName: c.userPrincipalName,
      displayName: c.displayName,
      management: synced ? 'synced' : 'cloud-managed',
      roles: input.tenant.roles[c.id] ?? [],
      fate,
    });
  }
  return out;
}
