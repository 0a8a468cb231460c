// JSON batching: many reads in one round trip. Requests go out in batches of at most 20, all
// batches in parallel; responses are paired by id (Graph returns them in any order). An inner 429
// or 503 inside a 200 batch is not seen by the client's RetryHandler, so those inner requests are
// sent again after the longest Retry-After they carried.
import type { Client } from '@microsoft/microsoft-graph-client';
import { readWithRetry } from './read-retry.js';

export const BATCH_LIMIT = 20;

export interface BatchRequest {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version, e.g. `/users?$filter=…` (already percent-encoded). */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface BatchOptions {
  /** Attempts per inner request when throttled (default 4). */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Longest wait honoured for one Retry-After, in seconds (default 30). */
  maxRetryAfterSeconds?: number;
}

const RETRYABLE = new Set([429, 503, 504]);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

/** Seconds to wait before retrying, from Retry-After (seconds, possibly fractional, or a date). */
function retryAfterSeconds(res: BatchResponse, fallback: number): number {
  const raw = header(res.headers, 'Retry-After');
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (Number.isFinite(n)) return Math.max(0, n);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? fallback : Math.max(0, (at - Date.now()) / 1000);
}

/**
 * "When a body is included with the request, the headers object must contain a value for
 * Content-Type" (https://learn.microsoft.com/graph/json-batching): without it Graph refuses the
 * whole batch before running any of it.
 */
export function withContentType(request: BatchRequest): BatchRequest {
  if (request.body === undefined) return request;
  const headers = request.headers ?? {};
  if (header(headers, 'Content-Type') !== undefined) return request;
  return { ...request, headers: { ...headers, 'Content-Type': 'application/json' } };
}

/** Sends every request (batched, parallel), retrying throttled inner ones; answers by id. */
export async function sendBatched(
  client: Client,
  requests: BatchRequest[],
  options: BatchOptions = {},
): Promise<Map<string, BatchResponse>> {
  const maxAttempts = options.maxAttempts ?? 4;
  const sleep = options.sleep ?? defaultSleep;
  const maxWait = options.maxRetryAfterSeconds ?? 30;
  const results = new Map<string, BatchResponse>();
  let pending = requests;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const answers = await Promise.all(
      chunks(pending, BATCH_LIMIT).map(async (group) => {
        // A $batch of reads may be sent again; one with a write inside may not.
        const post = () => client.api('/$batch').post({ requests: group.map(withContentType) });
        const reply = (await (group.every((r) => r.method === 'GET') ? readWithRetry(post) : post())) as {
          responses?: BatchResponse[];
        };
        return reply.responses ?? [];
      }),
    );
    const byId = new Map(answers.flat().map((r) => [r.id, { ...r, headers: r.headers ?? {} }]));
    const retry: BatchRequest[] = [];
    let wait = 0;
    for (const req of pending) {
      const res = byId.get(req.id) ?? {
        id: req.id,
        status: 500,
        headers: {},
        body: {
          error: {
            code: 'MissingBatchResponse',
            message: 'The batch answer had no response for this request.',
          },
        },
      };
      if (RETRYABLE.has(res.status) && attempt < maxAttempts) {
        retry.push(req);
        wait = Math.max(wait, Math.min(maxWait, retryAfterSeconds(res, attempt)));
      } else {
        results.set(req.id, res);
      }
    }
    if (retry.length > 0) await sleep(wait * 1000);
    pending = retry;
  }
  return results;
}
