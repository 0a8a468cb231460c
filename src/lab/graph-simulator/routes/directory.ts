// /groups, /contacts, /domains and /directory/onPremisesSynchronization: the read-only parts of the
// tenant a diagnosis needs besides users.
import type { LabState } from '../../lab-state.js';
import { graphErrors } from '../errors.js';
import type { SimContext, SimRequest, SimResponse } from '../http-types.js';
import { listResponse, singleResponse, type QueryShape, type Resource } from '../query-options.js';
import { filterCandidates } from '../indexed-lists.js';
import type { FilterNode } from '../odata-filter.js';
import { domains } from '../representations.js';
import { contactSchema, domainSchema, groupSchema } from '../schemas.js';
import { groupTransitiveMembers } from './memberships.js';

function collection(
  req: SimRequest,
  ctx: SimContext,
  key: string | undefined,
  items: (tree: FilterNode | null) => Resource[],
  shape: QueryShape,
): SimResponse | null {
  if (req.method !== 'GET') return null;
  if (key === undefined) return listResponse(req, ctx, items, shape);
  const item = items(null).find((i) => String(i['id']).toLowerCase() === key.toLowerCase());
  if (!item) throw graphErrors.notFound(key);
  return singleResponse(req, ctx, item, shape);
}

export function groupsRoute(req: SimRequest, ctx: SimContext, segments: string[]): SimResponse | null {
  if (segments[2] === 'transitiveMembers' && segments.length <= 4 && req.method === 'GET') {
    return groupTransitiveMembers(req, ctx, segments[1]!, segments[3]);
  }
  if (segments.length > 2) return null;
  return collection(req, ctx, segments[1], (tree) => filterCandidates(ctx.state, 'groups', tree), {
    schema: groupSchema,
    contextPath: 'groups',
  });
}

export function contactsRoute(req: SimRequest, ctx: SimContext, segments: string[]): SimResponse | null {
  if (segments.length > 2) return null;
  return collection(req, ctx, segments[1], (tree) => filterCandidates(ctx.state, 'contacts', tree), {
    schema: contactSchema,
    contextPath: 'contacts',
  });
}

export function domainsRoute(req: SimRequest, ctx: SimContext, segments: string[]): SimResponse | null {
  if (segments.length > 2) return null;
  if (segments[1] === undefined && req.query.has('$filter')) {
    // /domains does not support $filter in Graph.
    throw graphErrors.unsupportedQuery('The $filter query option is not supported on domains.');
  }
  return collection(req, ctx, segments[1], () => domains(ctx.state), {
    schema: domainSchema,
    contextPath: 'domains',
  });
}

/** The features object Graph returns; the scenario's switches over Graph's defaults. */
function features(state: LabState): Resource | null {
  const f = state.tenant.features;
  if (f === 'forbidden') return null;
  return {
    blockCloudObjectTakeoverThroughHardMatchEnabled: f.blockCloudObjectTakeoverThroughHardMatchEnabled,
    blockSoftMatchEnabled: f.blockSoftMatchEnabled,
    bypassDirSyncOverridesEnabled: false,
    cloudPasswordPolicyForPasswordSyncedUsersEnabled: false,
    concurrentCredentialUpdateEnabled: false,
    concurrentOrgIdProvisioningEnabled: true,
    deviceWritebackEnabled: false,
    directoryExtensionsEnabled: false,
    fopeConflictResolutionEnabled: false,
    groupWriteBackEnabled: false,
    passwordSyncEnabled: true,
    passwordWritebackEnabled: false,
    quarantineUponProxyAddressesConflictEnabled: f.quarantineUponProxyAddressesConflictEnabled,
    quarantineUponUpnConflictEnabled: f.quarantineUponUpnConflictEnabled,
    softMatchOnUpnEnabled: f.softMatchOnUpnEnabled,
    synchronizeUpnForManagedUsersEnabled: true,
    unifiedGroupWritebackEnabled: false,
    userForcePasswordChangeOnLogonEnabled: false,
    userWritebackEnabled: false,
  };
}

/** Segments: ['directory', 'onPremisesSynchronization', id?]. */
export function onPremisesSynchronizationRoute(
  req: SimRequest,
  ctx: SimContext,
  segments: string[],
): SimResponse | null {
  if (req.method !== 'GET' || segments.length > 3) return null;
  const f = features(ctx.state);
  // The scenario's "forbidden" plays a sign-in without OnPremDirectorySynchronization.Read.All
  // (app-only tokens cannot have it, docs/matching-facts.md §2.5).
  if (f === null) throw graphErrors.forbidden();
  // The tenant id is not in a scenario; a stable id per initial domain stands in for it.
  const tenantId = stableTenantId(ctx.state.tenant.initialDomain);
  if (ctx.state.tenant.directorySyncConfigured === false) {
    // A tenant that never ran directory sync: UNVERIFIED what Graph answers; the lab answers an
    // empty collection (and 404 for the single object), the two answers the tool accepts.
    if (segments[2] !== undefined) throw graphErrors.notFound(segments[2]);
    return {
      status: 200,
      body: {
        '@odata.context': `${ctx.baseUrl}v1.0/$metadata#directory/onPremisesSynchronization`,
        value: [],
      },
    };
  }
  const item: Resource = {
    id: tenantId,
    configuration: {
      accidentalDeletionPrevention: { synchronizationPreventionType: 'enabledForCount', alertThreshold: 500 },
      synchronizationInterval: 'PT30M',
      customerRequestedSynchronizationInterval: null,
    },
    features: f,
  };
  const base = `${ctx.baseUrl}v1.0/$metadata#directory/onPremisesSynchronization`;
  if (segments[2] === undefined) return { status: 200, body: { '@odata.context': base, value: [item] } };
  if (segments[2].toLowerCase() !== tenantId) throw graphErrors.notFound(segments[2]);
  return { status: 200, body: { '@odata.context': `${base}/$entity`, ...item } };
}

function stableTenantId(domain: string): string {
  let h = 0x811c9dc5;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const ch of `${round}:${domain.toLowerCase()}`)
      h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(h.toString(16).padStart(8, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-8${s.slice(17, 20)}-${s.slice(20, 32)}`;
}
