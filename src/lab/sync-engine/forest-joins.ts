// Several forests, one metaverse (issue 21). One Connect server syncing several forests joins
// their objects in one metaverse: with mS-DS-ConsistencyGuid as sourceAnchor, an object whose
// mS-DS-ConsistencyGuid (else objectGUID) equals the sourceAnchor of an existing metaverse object
// joins that object instead of projecting a new one, which is how a user moved to another forest
// keeps their cloud account:
// https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/plan-connect-design-concepts#using-ms-ds-consistencyguid-as-sourceanchor
// and, for how accounts of several forests contribute to one person,
// https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/concept-azure-ad-connect-sync-user-and-contacts
// The cloud user is kept while any joined object stays in scope. UNVERIFIED (the lab's model, not
// checked against a real server): while two objects are joined, attribute flow comes from the
// forest listed first (the older connector's precedence); when one leaves the scope in the same
// cycle as the other first joins, the join carries over instead of deleting the metaverse object.
// Two objects of ONE forest exporting one anchor stay an export error (hard-match.ts).
import { labForests, locateDn } from '../lab-forests.js';
import type { ScenarioAdObject, ScenarioCloudUser } from '../scenario-schema.js';
import { resolveSourceAnchor } from './anchor.js';
import type { SyncContext } from './context.js';
import { logLine } from './run-log.js';
import { isInScope, isSystemObject } from './scope.js';

function forestIndex(ctx: SyncContext, dn: string): number {
  const forests = labForests(ctx.state.ad);
  const at = locateDn(forests, dn);
  return at ? forests.findIndex((f) => f.name === at.forest) : -1;
}

function forestName(ctx: SyncContext, dn: string): string {
  return locateDn(labForests(ctx.state.ad), dn)?.forest ?? 'its forest';
}

function byGuid(ctx: SyncContext, guid: string): ScenarioAdObject | undefined {
  return ctx.state.ad.objects.find((o) => o.objectGUID.toLowerCase() === guid.toLowerCase());
}

function inScope(ctx: SyncContext, o: ScenarioAdObject): boolean {
  return isInScope(o.dn, ctx.state.sync.scope) && !isSystemObject(o);
}

/**
 * `obj` exports the anchor of `target`, already joined to `otherGuid`. In another forest, `obj`
 * joins the same metaverse object (true); in the same forest it does not (false: an export error).
 */
export function joinAcrossForests(
  ctx: SyncContext,
  obj: ScenarioAdObject,
  target: ScenarioCloudUser,
  anchor: string,
  otherGuid: string,
): boolean {
  const other = byGuid(ctx, otherGuid);
  if (!other || forestIndex(ctx, other.dn) === forestIndex(ctx, obj.dn)) return false;
  ctx.state.joins[obj.objectGUID] = target.id;
  logLine(
    ctx,
    obj.dn,
    'Joined',
    `Joined on sourceAnchor ${anchor} to the metaverse object of ${other.dn} (${forestName(ctx, other.dn)}), which is synchronized with ${target.userPrincipalName}: both accounts are one cloud user. While both are in scope, ${forestName(ctx, other.dn)} has attribute precedence.`,
    target.id,
  );
  return true;
}

/** Another in-scope object from a forest listed earlier is joined to `user`: its values flow, not obj's. */
export function precedingJoin(
  ctx: SyncContext,
  obj: ScenarioAdObject,
  user: ScenarioCloudUser,
  options: { quiet?: boolean } = {},
): boolean {
  const mine = forestIndex(ctx, obj.dn);
  const first = Object.entries(ctx.state.joins)
    .filter(([g, id]) => id === user.id && g.toLowerCase() !== obj.objectGUID.toLowerCase())
    .map(([g]) => byGuid(ctx, g))
    .find((o) => o !== undefined && inScope(ctx, o) && forestIndex(ctx, o.dn) < mine);
  if (!first) return false;
  if (!options.quiet) {
    logLine(
      ctx,
      obj.dn,
      'Unchanged',
      `Joined with ${first.dn} (${forestName(ctx, first.dn)}) to ${user.userPrincipalName}; ${forestName(ctx, first.dn)} has attribute precedence, so this account's values flow once that one leaves the scope.`,
      user.id,
    );
  }
  return true;
}

/**
 * A joined object left the scope (or AD): if another in-scope object is joined to the same cloud
 * user, or exports its immutableId from another forest, the metaverse object and the cloud user
 * stay, with that object (true). Otherwise the caller soft-deletes the user (false).
 */
export function handOver(ctx: SyncContext, dn: string, why: string, user: ScenarioCloudUser): boolean {
  const { state } = ctx;
  const departedForest = forestIndex(ctx, dn);
  const joined = Object.entries(state.joins)
    .filter(([, id]) => id === user.id)
    .map(([g]) => byGuid(ctx, g))
    .find((o) => o !== undefined && inScope(ctx, o));
  const exporter =
    joined ??
    state.ad.objects.find(
      (o) =>
        o.objectClass === 'user' &&
        state.joins[o.objectGUID] === undefined &&
        inScope(ctx, o) &&
        forestIndex(ctx, o.dn) !== departedForest &&
        user.onPremisesImmutableId !== null &&
        (() => {
          const a = resolveSourceAnchor(o, state.sync.sourceAnchor, { writeBack: false });
          return a.ok && a.anchor === user.onPremisesImmutableId;
        })(),
    );
  if (!exporter) return false;
  state.joins[exporter.objectGUID] = user.id;
  logLine(
    ctx,
    dn,
    'Joined',
    `The AD object ${why}, but ${exporter.dn} (${forestName(ctx, exporter.dn)}) exports the same sourceAnchor ${user.onPremisesImmutableId}: the metaverse object and cloud user ${user.userPrincipalName} (${user.id}) stay, now synchronized from it.`,
    user.id,
  );
  return true;
}
