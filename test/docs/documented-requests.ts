// Reads docs/graph-requests.md (the table of every Graph request shape syncmatch sends, each with
// the Microsoft Learn page that supports it) and tells which parts of a request shape have no row.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestShape } from '../../src/lab/graph-simulator/request-shapes.js';

export const TABLE_FILE = join(import.meta.dirname, '..', '..', 'docs', 'graph-requests.md');

export interface DocumentedRequests {
  paths: Map<string, string>;
  options: Map<string, Set<string>>;
  filters: Map<string, { advanced: boolean; doc: string }>;
  select: Map<string, Set<string>>;
  headers: Set<string>;
  /** Every documentation cell, for checking they are Microsoft pages. */
  docs: string[];
}

const list = (cell: string) =>
  cell
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The rows of each `## Section` table, as cells (header and separator rows dropped). */
function tables(markdown: string): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  let section = '';
  let rowIndex = 0;
  for (const line of markdown.split('\n')) {
    const heading = /^##\s+(.+)$/.exec(line);
    if (heading) {
      section = heading[1]!.trim();
      rowIndex = 0;
      out.set(section, []);
      continue;
    }
    if (!line.startsWith('|')) continue;
    rowIndex += 1;
    if (rowIndex <= 2) continue; // header and separator
    out.get(section)?.push(
      line
        .slice(1, line.lastIndexOf('|'))
        .split('|')
        .map((c) => c.trim()),
    );
  }
  return out;
}

export function readDocumentedRequests(markdown = readFileSync(TABLE_FILE, 'utf8')): DocumentedRequests {
  const t = tables(markdown);
  const rows = (name: string) => {
    const r = t.get(name);
    if (!r || r.length === 0) throw new Error(`docs/graph-requests.md has no "${name}" table`);
    return r;
  };
  const d: DocumentedRequests = {
    paths: new Map(),
    options: new Map(),
    filters: new Map(),
    select: new Map(),
    headers: new Set(),
    docs: [],
  };
  for (const [method, path, doc] of rows('Paths')) {
    d.paths.set(`${method} ${path}`, doc!);
    d.docs.push(doc!);
  }
  for (const [path, options, doc] of rows('Query options')) {
    d.options.set(path!, new Set(list(options!)));
    d.docs.push(doc!);
  }
  for (const [path, filter, query, doc] of rows('Filters')) {
    d.filters.set(`${path} ${filter}`, { advanced: query === 'advanced', doc: doc! });
    d.docs.push(doc!);
  }
  for (const [path, properties, doc] of rows('Selected properties')) {
    d.select.set(path!, new Set(list(properties!)));
    d.docs.push(doc!);
  }
  for (const [method, path, header, doc] of rows('Headers')) {
    d.headers.add(`${method} ${path} ${header}`);
    d.docs.push(doc!);
  }
  return d;
}

/** Each part of the shape that the table does not document, as a sentence (empty: all documented). */
export function undocumented(shape: RequestShape, d: DocumentedRequests): string[] {
  const where = `${shape.method} ${shape.path}`;
  const out: string[] = [];
  if (!d.paths.has(where)) out.push(`${where}: no row in "Paths"`);
  const options = d.options.get(shape.path) ?? new Set<string>();
  for (const o of shape.options)
    if (!options.has(o)) out.push(`${where}: option ${o} has no row in "Query options"`);
  for (const f of shape.filters) {
    const row = d.filters.get(`${shape.path} ${f}`);
    if (!row) {
      out.push(`${where}: filter "${f}" has no row in "Filters"`);
    } else if (
      row.advanced &&
      !(shape.headers.includes('ConsistencyLevel: eventual') && shape.options.includes('$count=true'))
    ) {
      out.push(
        `${where}: filter "${f}" is an advanced query but was sent without ConsistencyLevel: eventual and $count=true`,
      );
    }
  }
  const select = d.select.get(shape.path) ?? new Set<string>();
  for (const p of shape.select)
    if (!select.has(p)) out.push(`${where}: $select ${p} has no row in "Selected properties"`);
  for (const h of shape.headers) {
    if (!d.headers.has(`${where} ${h}`)) out.push(`${where}: header "${h}" has no row in "Headers"`);
  }
  return out;
}
