// The HTTPS Microsoft Graph simulator: serves a LabState over https://127.0.0.1:<ephemeral port>
// with a CA made for this run, so the real Graph client (auth, retry, redirect middleware) is what
// talks to it. It reads and changes the shared state in place: the lab's sync engine works on the
// same arrays between requests.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LabState } from '../lab-state.js';
import { GraphHttpError, graphErrorBody, graphErrors } from './errors.js';
import { FaultInjector, RequestLog, type LoggedRequest } from './faults.js';
import type { SimContext, SimRequest, SimResponse } from './http-types.js';
import { parseTarget, route } from './router.js';
import { runBatch } from './routes/batch.js';
import { profileRefusal } from './tenant-profile.js';
import { createLabCertificates } from './tls.js';
import { WriteBudget, type WriteBudgetOptions } from './write-budget.js';
import { WRITE_METHODS } from './http-types.js';
import { labStateChanged } from '../lab-state-changes.js';

export interface GraphSimulatorOptions {
  /** Added to every top-level request before it is answered (`--lab-latency`). Default 0. */
  latencyMs?: number;
  /** The bearer token the simulator accepts. Default `lab-token`. */
  token?: string;
  /** The server closes itself after this long (default 8 hours); it never keeps the process alive. */
  maxRuntimeMs?: number;
  /** Graph's per-tenant write throttling (write-budget.ts); default off. */
  writeBudget?: WriteBudgetOptions | null;
  /** Keep about this many latest requests in `log` (default: all). */
  requestLogLimit?: number;
}

export interface GraphSimulator {
  /** e.g. `https://127.0.0.1:43123/`; the client adds the version. */
  readonly baseUrl: string;
  /** The run's CA certificate (PEM): what a client must trust. */
  readonly ca: string;
  /** The token accepted now (changes when `expireToken` renews it). */
  readonly token: string;
  readonly faults: FaultInjector;
  readonly log: RequestLog;
  /** Writes past this budget are answered 429 with Retry-After (off unless set). */
  readonly writeBudget: WriteBudget;
  setLatency(ms: number): void;
  /**
   * The token in use expires: from then on it is refused with 401 (as Graph refuses an expired
   * token) and `token` is a new one, which a client that asks its credential per request picks up.
   * With `afterRequests`, the expiry happens after that many more top-level requests (mid-run).
   */
  expireToken(options?: { afterRequests?: number }): void;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const JSON_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export async function startGraphSimulator(
  state: LabState,
  options: GraphSimulatorOptions = {},
): Promise<GraphSimulator> {
  const tls = await createLabCertificates();
  let token = options.token ?? 'lab-token';
  const expired = new Set<string>();
  let renewals = 0;
  let expiresIn: number | null = null;
  function renewToken(): void {
    expired.add(token);
    renewals += 1;
    token = `${options.token ?? 'lab-token'}-renewed-${renewals}`;
  }
  // Held answers end when the simulator closes, so a hang never outlives it.
  let closed = false;
  let onClosed: () => void = () => {};
  const closedSignal = new Promise<void>((resolve) => (onClosed = resolve));
  const hold = (ms: number | null): Promise<void> => {
    if (closed) return Promise.resolve();
    if (ms === null) return closedSignal;
    return Promise.race([sleep(ms, undefined, { ref: false }), closedSignal]);
  };
  let latencyMs = options.latencyMs ?? 0;
  const faults = new FaultInjector();
  const log = new RequestLog(options.requestLogLimit);
  const writeBudget = new WriteBudget(options.writeBudget ?? null);
  const ctx: SimContext = { state, baseUrl: '' };

  /** One request through faults and the router; errors become Graph-shaped responses. */
  async function execute(req: SimRequest, inner: boolean, entry: LoggedRequest): Promise<SimResponse> {
    let res: SimResponse;
    const held = faults.takeHang(req.method, req.path, inner);
    if (held && !held.afterApply) await hold(held.ms);
    try {
      // Held until the simulator closed: the request never reaches the tenant.
      if (held && !held.afterApply && closed) throw graphErrors.unavailable();
      const fault = faults.take(req.method, req.path, inner);
      if (fault) throw fault;
      if (WRITE_METHODS.has(req.method) && req.path !== '/$batch') {
        const throttled = writeBudget.take();
        if (throttled) throw throttled;
      }
      if (req.path === '/$batch' && req.method === 'POST' && !inner) {
        res = await runBatch(req, parseTarget, (innerReq) => {
          const innerEntry: LoggedRequest = {
            seq: log.nextSeq(),
            method: innerReq.method,
            url: describe(innerReq),
            status: 0,
            inner: true,
            batchSeq: entry.seq,
            startedAt: performance.now(),
            endedAt: 0,
            headers: loggedHeaders(innerReq.headers),
            query: [...innerReq.query],
          };
          log.add(innerEntry);
          return execute(innerReq, true, innerEntry);
        });
      } else {
        // The tenant's licence and the caller's permissions, as Graph checks them per call.
        const refusal = profileRefusal(req, state);
        if (refusal) throw refusal;
        try {
          res = route(req, ctx);
        } finally {
          // A write changed the state in place: the lab's indexes are rebuilt on their next read
          // (PATCH /users/{id} re-indexes its one user itself, routes/users.ts).
          if (WRITE_METHODS.has(req.method) && !isUserPatch(req)) labStateChanged(state);
        }
      }
    } catch (error) {
      const e = error instanceof GraphHttpError ? error : internalError(error);
      res = { status: e.status, headers: e.headers, body: graphErrorBody(e) };
    }
    if (held?.afterApply) await hold(held.ms);
    entry.status = res.status;
    entry.endedAt = performance.now();
    return res;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const entry: LoggedRequest = {
      seq: log.nextSeq(),
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      status: 0,
      inner: false,
      startedAt: performance.now(),
      endedAt: 0,
    };
    const retry = req.headers['retry-attempt'];
    if (typeof retry === 'string') entry.retryAttempt = retry;
    log.add(entry);
    const requestId = headerValue(req, 'client-request-id') ?? randomUUID();
    let answer: SimResponse;
    try {
      const raw = await readBody(req);
      if (latencyMs > 0) await sleep(latencyMs);
      const sim = toSimRequest(req, raw);
      entry.url = describe(sim);
      entry.headers = loggedHeaders(sim.headers);
      entry.query = [...sim.query];
      if (expiresIn !== null && --expiresIn < 0) {
        expiresIn = null;
        renewToken();
      }
      checkToken(req, token, expired);
      answer = await execute(sim, false, entry);
    } catch (error) {
      const e = error instanceof GraphHttpError ? error : internalError(error);
      answer = { status: e.status, headers: e.headers, body: graphErrorBody(e, requestId) };
      entry.status = e.status;
    }
    entry.endedAt = performance.now();
    const headers: Record<string, string> = {
      'request-id': requestId,
      'client-request-id': requestId,
      ...(answer.body !== undefined ? { 'Content-Type': JSON_TYPE } : {}),
      ...(answer.headers ?? {}),
    };
    res.writeHead(answer.status, headers);
    res.end(answer.body !== undefined ? JSON.stringify(answer.body) : undefined);
  }

  const server: Server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // Never the reason the process stays up; and never up for longer than a lab session.
  server.unref();
  const port = (server.address() as AddressInfo).port;
  ctx.baseUrl = `https://127.0.0.1:${port}/`;
  const stopTimer = setTimeout(() => void close(), options.maxRuntimeMs ?? 8 * 60 * 60 * 1000);
  stopTimer.unref();

  let closing: Promise<void> | null = null;
  function close(): Promise<void> {
    clearTimeout(stopTimer);
    closed = true;
    onClosed();
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  }

  return {
    baseUrl: ctx.baseUrl,
    ca: tls.ca,
    get token() {
      return token;
    },
    faults,
    log,
    writeBudget,
    setLatency(ms: number) {
      latencyMs = ms;
    },
    expireToken(expiry = {}) {
      if (expiry.afterRequests === undefined) renewToken();
      else expiresIn = expiry.afterRequests;
    },
    close,
  };
}

/** The request headers that change what Graph does with a query (never Authorization). */
const SHAPE_HEADERS = ['consistencylevel', 'content-type'];

function loggedHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SHAPE_HEADERS) if (headers[name] !== undefined) out[name] = headers[name]!;
  return out;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function checkToken(req: IncomingMessage, token: string, expired: ReadonlySet<string>): void {
  const auth = headerValue(req, 'authorization');
  if (!auth) throw graphErrors.unauthenticated('Access token is empty.');
  const m = /^Bearer\s+(.+)$/i.exec(auth);
  if (m && expired.has(m[1]!))
    throw graphErrors.unauthenticated('Lifetime validation failed, the token is expired.');
  if (!m || m[1] !== token)
    throw graphErrors.unauthenticated('Access token validation failure. Invalid audience.');
}

function internalError(error: unknown): GraphHttpError {
  const detail = error instanceof Error ? error.message : String(error);
  return new GraphHttpError(500, 'generalException', `The lab's Graph simulator failed: ${detail}`);
}

function describe(req: SimRequest): string {
  const q = req.query.toString();
  return q ? `${req.path}?${decodeURIComponent(q.replace(/\+/g, ' '))}` : req.path;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw graphErrors.badRequest('Request body too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function toSimRequest(req: IncomingMessage, raw: string): SimRequest {
  const url = req.url ?? '/';
  const version = /^\/(v1\.0|beta)(\/|\?|$)/.exec(url);
  if (!version) throw graphErrors.badRequest('Invalid version: the lab simulates Microsoft Graph v1.0.');
  if (version[1] === 'beta')
    throw graphErrors.badRequest('The lab simulates Microsoft Graph v1.0 only (not beta).');
  const target = parseTarget(url.slice('/v1.0'.length));
  if (!target) throw graphErrors.badRequest(`Invalid request URL '${url}'.`);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  let body: unknown = undefined;
  if (raw.trim() !== '') {
    try {
      body = JSON.parse(raw);
    } catch {
      throw graphErrors.badRequest(
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
      );
    }
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: target.path,
    query: target.query,
    headers,
    body,
  };
}

/** PATCH /users/{id or UPN}: the one write that updates the tenant index for its user itself. */
function isUserPatch(req: SimRequest): boolean {
  return req.method === 'PATCH' && /^\/users\/[^/]+$/.test(req.path);
}
