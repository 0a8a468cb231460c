// POST /$batch (JSON batching): at most 20 requests, each answered with its own status; the
// responses come back in an order different from the requests' (Graph promises no order), so a
// client that pairs them by position instead of by id fails here first.
import { graphErrors } from '../errors.js';
import type { SimRequest, SimResponse } from '../http-types.js';

export const BATCH_LIMIT = 20;

interface InnerRequest {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export interface InnerTarget {
  path: string;
  query: URLSearchParams;
}

/** Runs each inner request through `execute` (the same router as top-level requests). */
export async function runBatch(
  req: SimRequest,
  parseTarget: (url: string) => InnerTarget | null,
  execute: (inner: SimRequest) => Promise<SimResponse>,
): Promise<SimResponse> {
  const body = req.body as { requests?: unknown } | null;
  if (typeof body !== 'object' || body === null || !Array.isArray(body.requests)) {
    throw graphErrors.badRequest('Invalid batch payload format.');
  }
  const requests = body.requests as InnerRequest[];
  if (requests.length === 0) throw graphErrors.badRequest('Invalid batch payload format: no requests.');
  if (requests.length > BATCH_LIMIT) {
    throw graphErrors.badRequest(`Number of requests exceeds the limit of ${BATCH_LIMIT}.`);
  }
  const ids = new Set<string>();
  for (const r of requests) {
    if (typeof r !== 'object' || r === null || typeof r.id !== 'string' || r.id === '') {
      throw graphErrors.badRequest('Invalid batch payload format: each request needs an id.');
    }
    if (ids.has(r.id)) throw graphErrors.badRequest(`Duplicate request id '${r.id}' in the batch.`);
    ids.add(r.id);
    if (typeof r.method !== 'string' || typeof r.url !== 'string') {
      throw graphErrors.badRequest(
        `Invalid batch payload format: request '${r.id}' needs a method and a url.`,
      );
    }
    // "When a body is included with the request, the headers object must contain a value for
    // Content-Type" (https://learn.microsoft.com/graph/json-batching). Graph checks it for the whole
    // batch before running any request; the message is what Graph sends (field reports).
    const hasType = Object.keys(r.headers ?? {}).some((k) => k.toLowerCase() === 'content-type');
    const isWrite = ['POST', 'PATCH', 'PUT'].includes(r.method.toUpperCase());
    if ((r.body !== undefined && !hasType) || (isWrite && r.body === undefined)) {
      throw graphErrors.badRequest(
        `Write request id : ${r.id} does not contain Content-Type header or body.`,
      );
    }
  }
  const statusById = new Map<string, number>();
  const responses: Record<string, unknown>[] = [];
  for (const r of requests) {
    const failedDependency = (r.dependsOn ?? []).some(
      (d) => (statusById.get(d) ?? 0) >= 400 || !statusById.has(d),
    );
    let res: SimResponse;
    const target = parseTarget(r.url);
    if (failedDependency) {
      res = {
        status: 424,
        body: { error: { code: 'FailedDependency', message: 'A request it depends on failed.' } },
      };
    } else if (!target || target.path === '/$batch') {
      res = {
        status: 400,
        body: { error: { code: 'BadRequest', message: `Invalid request URL '${r.url}'.` } },
      };
    } else {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
      res = await execute({
        method: r.method.toUpperCase(),
        path: target.path,
        query: target.query,
        headers,
        body: r.body,
      });
    }
    statusById.set(r.id, res.status);
    responses.push({
      id: r.id,
      status: res.status,
      headers: { 'Content-Type': 'application/json', ...(res.headers ?? {}) },
      ...(res.body !== undefined ? { body: res.body } : {}),
    });
  }
  return { status: 200, body: { responses: shuffled(responses) } };
}

/** A random order that is never the original one (when there are two or more). */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  if (out.length > 1 && out.every((x, i) => x === items[i])) out.reverse();
  return out;
}
