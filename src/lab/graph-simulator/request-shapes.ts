// The shape of a request the simulator answered (issue 19, the documented-support check): its
// method and path with ids replaced by `{id}`, the query options it used, each filter's operator
// and property, the properties it selected and the headers that change what Graph does. Values
// (addresses, ids) are left out: two requests that differ only in values have the same shape.
import type { LoggedRequest } from './faults.js';
import { parseFilter, type FilterNode } from './odata-filter.js';

export interface RequestShape {
  method: string;
  /** e.g. `/users/{id}/transitiveMemberOf/microsoft.graph.group`. */
  path: string;
  /** Query options by name; `$count` and `$expand` with their value (`$count=true`). */
  options: string[];
  /** `operator property`, e.g. `eq userPrincipalName`, `any/eq proxyAddresses`, `endsWith userPrincipalName`. */
  filters: string[];
  select: string[];
  /** `Name: value`, e.g. `ConsistencyLevel: eventual`. */
  headers: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEADER_NAMES: Record<string, string> = {
  consistencylevel: 'ConsistencyLevel',
  'content-type': 'Content-Type',
};

export function pathTemplate(path: string): string {
  return (
    '/' +
    path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => (GUID.test(s) || s.includes('@') ? '{id}' : s))
      .join('/')
  );
}

function filterFacets(node: FilterNode, out: Set<string>, prefix = ''): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      filterFacets(node.left, out, prefix);
      filterFacets(node.right, out, prefix);
      return;
    case 'not':
      out.add(`not ${prefix}`.trim());
      filterFacets(node.operand, out, prefix);
      return;
    case 'lambda': {
      const inner = new Set<string>();
      filterFacets(node.predicate, inner);
      for (const f of inner) out.add(`${node.quantifier}/${f.split(' ')[0]} ${node.property}`);
      return;
    }
    case 'compare':
      out.add(`${node.op}${node.value === null ? '-null' : ''} ${node.property}`);
      return;
    case 'in':
      out.add(`in ${node.property}`);
      return;
    case 'call':
      out.add(`${node.fn === 'startswith' ? 'startsWith' : 'endsWith'} ${node.property}`);
      return;
  }
}

/** The shape of one logged request (a `$batch` inner request or a top-level one). */
export function requestShape(entry: LoggedRequest): RequestShape {
  const q = entry.url.indexOf('?');
  const path = pathTemplate(q === -1 ? entry.url : entry.url.slice(0, q));
  const query = entry.query ?? [];
  const options: string[] = [];
  const filters = new Set<string>();
  let select: string[] = [];
  for (const [name, value] of query) {
    if (!name.startsWith('$')) continue;
    const key = name.toLowerCase();
    options.push(key === '$count' || key === '$expand' ? `${name}=${value}` : name);
    if (key === '$filter') filterFacets(parseFilter(value), filters);
    if (key === '$select') select = value.split(',').map((s) => s.trim());
  }
  const headers = Object.entries(entry.headers ?? {}).map(([k, v]) => `${HEADER_NAMES[k] ?? k}: ${v}`);
  return {
    method: entry.method,
    path,
    options: [...new Set(options)].sort(),
    filters: [...filters].sort(),
    select: [...new Set(select)].sort(),
    headers: headers.sort(),
  };
}
