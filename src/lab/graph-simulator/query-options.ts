// OData query options for collections and single resources: $select, $filter, $top, $count,
// $skiptoken paging with @odata.nextLink, and $expand where a route allows it.
import { graphErrors } from './errors.js';
import { checkFilter, matchesFilter } from './filter-rules.js';
import type { SimContext, SimRequest, SimResponse } from './http-types.js';
import { parseFilter } from './odata-filter.js';
import type { ResourceSchema } from './schemas.js';

export type Resource = Record<string, unknown>;

export interface QueryShape {
  schema: ResourceSchema;
  /** Navigation properties `$expand` may name, with how to fill each in. */
  expand?: Record<string, (item: Resource) => unknown>;
  /** For @odata.context, e.g. `users` or `directory/deletedItems/microsoft.graph.user`. */
  contextPath: string;
}

const LIST_OPTIONS = new Set(['$filter', '$select', '$top', '$count', '$skiptoken', '$expand', '$orderby']);
const SINGLE_OPTIONS = new Set(['$select', '$expand']);

/** True when the request may use advanced query capabilities (docs/matching-facts.md §3). */
export function isAdvancedQuery(req: SimRequest): boolean {
  return (
    (req.headers['consistencylevel'] ?? '').toLowerCase() === 'eventual' &&
    (req.query.get('$count') ?? '').toLowerCase() === 'true'
  );
}

function checkOptions(req: SimRequest, allowed: Set<string>): void {
  for (const name of req.query.keys()) {
    if (name.startsWith('$') && !allowed.has(name.toLowerCase())) {
      throw graphErrors.badRequest(`Query option '${name}' is not allowed on this resource.`);
    }
  }
}

/** The properties to return: `$select`'s list (validated), or the type's default set. */
export function selectedProperties(req: SimRequest, schema: ResourceSchema): readonly string[] {
  const raw = req.query.get('$select');
  if (raw === null || raw.trim() === '') return schema.defaultSelect;
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) {
    if (n === '*') return Object.keys(schema.properties);
    if (!schema.properties[n]) throw graphErrors.unknownProperty(n, schema.typeName);
  }
  return names;
}

function expandNames(req: SimRequest, shape: QueryShape): string[] {
  const raw = req.query.get('$expand');
  if (raw === null || raw.trim() === '') return [];
  const names = raw.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!shape.expand?.[n]) {
      throw graphErrors.badRequest(
        `Could not find a navigation property named '${n}' on type '${shape.schema.typeName}'.`,
      );
    }
  }
  return names;
}

/** Keeps only the selected properties (and expanded ones); absent values become null like Graph. */
export function project(
  item: Resource,
  properties: readonly string[],
  expanded: string[],
  shape: QueryShape,
): Resource {
  const out: Resource = {};
  for (const p of properties)
    out[p] = item[p] ?? (shape.schema.properties[p]?.type === 'stringCollection' ? [] : null);
  for (const e of expanded) out[e] = shape.expand![e]!(item);
  return out;
}

function contextUrl(ctx: SimContext, shape: QueryShape, req: SimRequest, single: boolean): string {
  const select = req.query.get('$select');
  return `${ctx.baseUrl}v1.0/$metadata#${shape.contextPath}${select ? `(${select})` : ''}${single ? '/$entity' : ''}`;
}

function decodeSkipToken(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through
  }
  throw graphErrors.badRequest('The specified page token value has expired or is invalid.');
}

function parseTop(req: SimRequest, schema: ResourceSchema): number {
  const raw = req.query.get('$top');
  if (raw === null) return schema.pageSize;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > schema.maxTop) {
    throw graphErrors.badRequest(
      `Invalid page size specified: '${raw}'. Must be between 1 and ${schema.maxTop} inclusive.`,
    );
  }
  return n;
}

/** Answers a collection GET: filter, count, page, select. `items` are full representations. */
export function listResponse(
  req: SimRequest,
  ctx: SimContext,
  items: Resource[],
  shape: QueryShape,
): SimResponse {
  checkOptions(req, LIST_OPTIONS);
  const advanced = isAdvancedQuery(req);
  const count = req.query.get('$count');
  if (count !== null && !advanced) {
    throw graphErrors.unsupportedQuery(
      '$count is not currently supported without the ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information',
    );
  }
  if (req.query.has('$orderby') && !advanced) {
    throw graphErrors.unsupportedQuery('Sorting not supported for current query.');
  }
  const properties = selectedProperties(req, shape.schema);
  const expanded = expandNames(req, shape);
  const filterText = req.query.get('$filter');
  let matched = items;
  if (filterText !== null) {
    const tree = parseFilter(filterText);
    checkFilter(tree, shape.schema, advanced);
    matched = items.filter((item) => matchesFilter(tree, item, shape.schema));
  }
  const top = parseTop(req, shape.schema);
  const skipToken = req.query.get('$skiptoken');
  const offset = skipToken === null ? 0 : decodeSkipToken(skipToken);
  const page = matched.slice(offset, offset + top);
  const body: Resource = { '@odata.context': contextUrl(ctx, shape, req, false) };
  if (advanced) body['@odata.count'] = matched.length;
  if (offset + top < matched.length) {
    const next = new URLSearchParams(req.query);
    next.set('$skiptoken', Buffer.from(JSON.stringify({ o: offset + top })).toString('base64url'));
    // Encode like Graph does (%20, not +), so a client that re-sends the link unchanged round-trips.
    const query = [...next].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    body['@odata.nextLink'] = `${ctx.baseUrl}v1.0${encodePath(req.path)}?${query}`;
  }
  body['value'] = page.map((item) => project(item, properties, expanded, shape));
  return { status: 200, body };
}

/** Answers a single-resource GET: only $select and $expand apply. */
export function singleResponse(
  req: SimRequest,
  ctx: SimContext,
  item: Resource,
  shape: QueryShape,
  extra: Resource = {},
): SimResponse {
  checkOptions(req, SINGLE_OPTIONS);
  const properties = selectedProperties(req, shape.schema);
  const expanded = expandNames(req, shape);
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(ctx, shape, req, true),
      ...extra,
      ...project(item, properties, expanded, shape),
    },
  };
}

export function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}
