// The batch fix's reads and writes over Microsoft Graph JSON batching: re-reads (stale-plan guard,
// read-back) go out 20 to a `$batch`, all in parallel, throttled ones retried after their
// Retry-After (batch.ts); writes go out as one `$batch` of at most 20 and each inner answer is
// reported as it is, so the caller can back off the whole batch on a 429 and send only what was not
// carried out. Graph evaluates each request of a batch against its limits on its own and answers a
// throttled one 429 inside a 200 batch (https://learn.microsoft.com/graph/json-batching#throttling-and-batching).
import type { Client } from '@microsoft/microsoft-graph-client';
import type {
  BatchRead,
  BatchReadAnswer,
  BatchWrite,
  BatchWriteAnswer,
  TenantBatchOps,
} from '../../batch-ports.js';
import {
  BATCH_LIMIT,
  sendBatched,
  type BatchOptions,
  type BatchRequest,
  type BatchResponse,
} from './batch.js';
import { fromClientError, graphFailure, type GraphErrorPayload, type GraphOperation } from './errors.js';
import { DELETED_USER_SELECT, toCloudUser, USER_SELECT } from './mapping.js';
import { quote, withQuery } from './odata.js';

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const THROTTLED = new Set([429, 503, 504]);

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

/** Retry-After (seconds, possibly fractional, or an HTTP date) in ms; 1 s when absent. */
export function retryAfterMs(headers: Record<string, string> | undefined): number {
  const raw = header(headers, 'Retry-After');
  if (raw === undefined) return 1000;
  const n = Number(raw);
  if (Number.isFinite(n)) return Math.max(0, n * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - Date.now());
}

function readRequest(read: BatchRead): BatchRequest {
  const id = encodeURIComponent(read.objectId);
  return read.kind === 'user'
    ? { id: read.key, method: 'GET', url: withQuery(`/users/${id}`, { $select: USER_SELECT }) }
    : {
        id: read.key,
        method: 'GET',
        url: withQuery('/directory/deletedItems/microsoft.graph.user', {
          $filter: `id eq ${quote(read.objectId)}`,
          $select: DELETED_USER_SELECT,
        }),
      };
}

function writeRequest(w: BatchWrite): {
  request: BatchRequest;
  operation: GraphOperation;
  property?: string;
} {
  const id = encodeURIComponent(w.objectId);
  switch (w.action) {
    case 'SET_IMMUTABLE_ID':
    case 'CLEAR_IMMUTABLE_ID': {
      // Clearing is null: Graph refuses an empty string.
      const value = w.value === '' || w.action === 'CLEAR_IMMUTABLE_ID' ? null : w.value;
      return {
        request: {
          id: w.key,
          method: 'PATCH',
          url: `/users/${id}`,
          headers: JSON_HEADERS,
          body: { onPremisesImmutableId: value },
        },
        operation: 'write-user',
        property: 'onPremisesImmutableId',
      };
    }
    case 'MOVE_UPN_TO_INITIAL_DOMAIN':
      return {
        request: {
          id: w.key,
          method: 'PATCH',
          url: `/users/${id}`,
          headers: JSON_HEADERS,
          body: { userPrincipalName: w.value },
        },
        operation: 'write-user',
        property: 'userPrincipalName',
      };
    case 'PURGE_DELETED_USER':
      return {
        request: { id: w.key, method: 'DELETE', url: `/directory/deletedItems/${id}` },
        operation: 'purge-deleted-user',
      };
    case 'RESTORE_DELETED_USER':
      return {
        request: {
          id: w.key,
          method: 'POST',
          url: `/directory/deletedItems/${id}/restore`,
          headers: JSON_HEADERS,
          body: {},
        },
        operation: 'restore-deleted-user',
      };
    default:
      throw new Error(`${w.action} is not a write (this is a bug in the batch).`);
  }
}

function payloadOf(res: BatchResponse): GraphErrorPayload {
  return ((res.body as { error?: GraphErrorPayload } | undefined)?.error ?? {}) as GraphErrorPayload;
}

export class GraphBatchOps implements TenantBatchOps {
  readonly maxPerRequest = BATCH_LIMIT;

  constructor(
    private readonly client: Client,
    private readonly options: BatchOptions = {},
  ) {}

  async readMany(reads: BatchRead[]): Promise<Map<string, BatchReadAnswer>> {
    const out = new Map<string, BatchReadAnswer>();
    if (reads.length === 0) return out;
    let answers: Map<string, BatchResponse>;
    try {
      answers = await sendBatched(this.client, reads.map(readRequest), this.options);
    } catch (error) {
      const message = fromClientError(error, { operation: 'read-users' }).message;
      for (const r of reads) out.set(r.key, { error: message });
      return out;
    }
    for (const r of reads) {
      const res = answers.get(r.key);
      if (res && res.status >= 200 && res.status < 300) {
        if (r.kind === 'user') out.set(r.key, { object: toCloudUser(res.body as Record<string, unknown>) });
        else {
          const raw = (res.body as { value?: Record<string, unknown>[] }).value?.[0];
          out.set(r.key, { object: raw ? toCloudUser(raw, true) : null });
        }
      } else if (res?.status === 404 && r.kind === 'user') out.set(r.key, { object: null });
      else {
        const operation = r.kind === 'user' ? 'read-users' : 'read-deleted-users';
        out.set(r.key, {
          error: graphFailure(res?.status ?? 500, res ? payloadOf(res) : {}, {
            operation,
            subject: r.objectId,
          }).message,
        });
      }
    }
    return out;
  }

  async writeMany(writes: BatchWrite[]): Promise<Map<string, BatchWriteAnswer>> {
    if (writes.length > BATCH_LIMIT) throw new Error(`At most ${BATCH_LIMIT} writes go in one $batch.`);
    const out = new Map<string, BatchWriteAnswer>();
    if (writes.length === 0) return out;
    const built = writes.map((w) => ({ w, ...writeRequest(w) }));
    let responses: BatchResponse[];
    try {
      // Never sent again by this adapter: whether a write without an answer landed is read back.
      const reply = (await this.client.api('/$batch').post({ requests: built.map((b) => b.request) })) as {
        responses?: BatchResponse[];
      };
      responses = reply.responses ?? [];
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode ?? -1;
      const headers = (error as { headers?: Headers }).headers;
      for (const { w, operation } of built) {
        if (status === 429) {
          const after = headers instanceof Headers ? (headers.get('Retry-After') ?? undefined) : undefined;
          out.set(w.key, {
            status: 'throttled',
            retryAfterMs: retryAfterMs(after ? { 'Retry-After': after } : {}),
          });
        } else if (status >= 400 && status < 500) {
          out.set(w.key, {
            status: 'refused',
            message: fromClientError(error, { operation, subject: w.objectId }).message,
          });
        } else {
          out.set(w.key, {
            status: 'no-answer',
            message: fromClientError(error, { operation, subject: w.objectId }).message,
          });
        }
      }
      return out;
    }
    const byId = new Map(responses.map((r) => [r.id, r]));
    for (const { w, operation, property } of built) {
      const res = byId.get(w.key);
      if (!res) {
        out.set(w.key, { status: 'no-answer', message: 'The $batch answer had no response for this write.' });
      } else if (res.status >= 200 && res.status < 300) {
        out.set(w.key, { status: 'accepted' });
      } else if (THROTTLED.has(res.status)) {
        out.set(w.key, { status: 'throttled', retryAfterMs: retryAfterMs(res.headers) });
      } else {
        const value = typeof w.value === 'string' ? w.value : null;
        const failure = graphFailure(res.status, payloadOf(res), {
          operation,
          subject: w.objectId,
          property,
          value,
        });
        out.set(w.key, {
          status: 'refused',
          message: failure.hint ? `${failure.message} Try: ${failure.hint}` : failure.message,
        });
      }
    }
    return out;
  }
}
