// Dispatches one request (top-level or from inside a $batch) to its route. Routes are synchronous
// and read the shared LabState at the moment they run.
import { graphErrors } from './errors.js';
import type { SimContext, SimRequest, SimResponse } from './http-types.js';
import { deletedItemsRoute } from './routes/deleted-items.js';
import {
  contactsRoute,
  domainsRoute,
  groupsRoute,
  onPremisesSynchronizationRoute,
} from './routes/directory.js';
import { roleRoute } from './routes/roles.js';
import { usersRoute } from './routes/users.js';

/** Splits a decoded path into segments: `/users/a%2Fb` was decoded per segment by the caller. */
export function route(req: SimRequest, ctx: SimContext): SimResponse {
  const segments = req.path.split('/').filter((s) => s !== '');
  const [root, second] = segments;
  let res: SimResponse | null = null;
  switch (root) {
    case 'users':
      res = usersRoute(req, ctx, segments);
      break;
    case 'groups':
      res = groupsRoute(req, ctx, segments);
      break;
    case 'contacts':
      res = contactsRoute(req, ctx, segments);
      break;
    case 'domains':
      res = domainsRoute(req, ctx, segments);
      break;
    case 'roleManagement':
      res = roleRoute(req, ctx, segments);
      break;
    case 'directory':
      if (second === 'deletedItems') res = deletedItemsRoute(req, ctx, segments);
      else if (second === 'onPremisesSynchronization')
        res = onPremisesSynchronizationRoute(req, ctx, segments);
      break;
    default:
      throw graphErrors.badRequest(`Resource not found for the segment '${root ?? ''}'.`);
  }
  if (res === null) {
    // A known resource with an unknown sub-path or a method it does not take.
    if (segments.length > 0 && ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'].includes(req.method)) {
      throw graphErrors.badRequest(
        `No route for ${req.method} /${segments.join('/')} (the lab simulates the parts of Graph syncmatch uses).`,
      );
    }
    throw graphErrors.methodNotAllowed();
  }
  return res;
}

/** Splits `/users/x?$filter=…` (as sent, percent-encoded) into a decoded path and query. */
export function parseTarget(pathAndQuery: string): { path: string; query: URLSearchParams } | null {
  const q = pathAndQuery.indexOf('?');
  const rawPath = q === -1 ? pathAndQuery : pathAndQuery.slice(0, q);
  const rawQuery = q === -1 ? '' : pathAndQuery.slice(q + 1);
  if (/^[a-z]+:\/\//i.test(rawPath)) return null;
  try {
    const path =
      '/' +
      rawPath
        .split('/')
        .filter((s) => s !== '')
        .map((s) => decodeURIComponent(s))
        .join('/');
    return { path, query: new URLSearchParams(rawQuery) };
  } catch {
    return null;
  }
}
