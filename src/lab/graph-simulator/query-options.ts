// OData query options for collections and single resources: $select, $filter, $top, $count,
// $skiptoken paging with @odata.nextLink, and $expand where a route allows it.
import { dropSnapshot, keepSnapshot, snapshot } from './page-snapshots.js';
import { graphErrors } from './errors.js';
import { checkFilter, matchesFilter } from './filter-rules.js';
import type { SimContext, SimRequest, SimResponse } from './http-types.js';
import { parseFilter, type FilterNode } from './odata-filter.js';
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

function decodeSkipToken(token: string): { o: number; s?: string } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      s?: unknown;
    };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) {
      return { o: parsed.o, ...(typeof parsed.s === 'string' ? { s: parsed.s } : {}) };
    }
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

/**
 * Answers a collection GET: filter, count, page, select. `items` are full representations; a
 * function gets the parsed filter and may return only the objects that can match it (the index).
 */
export function listResponse(
  req: SimRequest,
  ctx: SimContext,
  items: Resource[] | ((tree: FilterNode | null) => Resource[]),
  shape: QueryShape,
): SimResponse {
  checkOptions(req, LIST_OPTIONS);
  const advanced = isAdvancedQuery(req);
  // `$count=true` without `ConsistencyLevel: eventual` is ignored by Graph, not refused: the query
  // runs as a basic one (https://learn.microsoft.com/graph/aad-advanced-queries).
  if (req.query.has('$orderby') && !advanced) {
    throw graphErrors.unsupportedQuery('Sorting not supported for current query.');
  }
  const properties = selectedProperties(req, shape.schema);
  const expanded = expandNames(req, shape);
  const filterText = req.query.get('$filter');
  const tree = filterText === null ? null : parseFilter(filterText);
  if (tree) checkFilter(tree, shape.schema, advanced);
  const top = parseTop(req, shape.schema);
  const skipToken = req.query.get('$skiptoken');
  const token = skipToken === null ? { o: 0 } : decodeSkipToken(skipToken);
  const offset = token.o;
  // Later pages come from the first page's snapshot (page-snapshots.ts) when it is still kept.
  let matched = snapshot(ctx.state, token.s);
  if (!matched) {
    const all = typeof items === 'function' ? items(tree) : items;
    matched = tree ? all.filter((item) => matchesFilter(tree, item, shape.schema)) : all;
  }
  const page = matched.slice(offset, offset + top);
  const body: Resource = { '@odata.context': contextUrl(ctx, shape, req, false) };
  if (advanced) body['@odata.count'] = matched.length;
  if (offset + top < matched.length) {
    const next = new URLSearchParams(req.query);
    const s =
      token.s !== undefined && snapshot(ctx.state, token.s) ? token.s : keepSnapshot(ctx.state, matched);
    next.set('$skiptoken', Buffer.from(JSON.stringify({ o: offset + top, s })).toString('base64url'));
    // Encode like Graph does (%20, not +), so a client that re-sends the link unchanged round-trips.
    const query = [...next].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    body['@odata.nextLink'] = `${ctx.baseUrl}v1.0${encodePath(req.path)}?${query}`;
  } else dropSnapshot(ctx.state, token.s);
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
