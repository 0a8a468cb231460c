// Knobs for tests and benchmarks: injected failures (429 with Retry-After, 503/504, a failed write,
// a missing permission, an answer held back until the client gives up) and a log of every request,
// so a test can count round trips.
import { GraphHttpError, graphErrors } from './errors.js';
import { WRITE_METHODS } from './http-types.js';

export interface FaultOptions {
  /** How many matching requests fail (default 1). */
  times?: number;
  /** true: only requests inside a `$batch`; false (default): only top-level HTTP requests. */
  inBatch?: boolean;
  /** Only requests whose path starts with this (e.g. `/users`), or matches this expression. */
  path?: string | RegExp;
}

/** An answer held back: a server (or a network path) that stops answering. */
export interface HangOptions extends FaultOptions {
  /** How long to hold the answer; default until the simulator closes (the client must give up). */
  ms?: number;
  /** Carry out the request first, then hold its answer: a write that lands but whose answer is lost. */
  afterApply?: boolean;
  /** Only writes (PATCH, POST, DELETE other than `$batch` itself), top-level or batched. */
  writesOnly?: boolean;
}

/** What `takeHang` hands the server: how long to hold, and whether to apply the request first. */
export interface DueHang {
  /** null: until the simulator closes. */
  ms: number | null;
  afterApply: boolean;
}

interface HangRule extends DueHang {
  remaining: number;
  inBatch: boolean;
  path: string | RegExp | undefined;
  writesOnly: boolean;
}

interface Rule {
  make: () => GraphHttpError;
  remaining: number;
  inBatch: boolean;
  path: string | RegExp | undefined;
  writesOnly: boolean;
}

function pathMatches(pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? path.startsWith(pattern) : pattern.test(path);
}

/** Failures to inject; each rule fires for its next `times` matching requests, in order added. */
export class FaultInjector {
  private rules: Rule[] = [];
  private hangs: HangRule[] = [];
  private forbidden: (string | RegExp)[] = [];

  /** 429 TooManyRequests with `Retry-After` (seconds, may be fractional; default 1). */
  throttle(options: FaultOptions & { retryAfterSeconds?: number } = {}): this {
    const seconds = options.retryAfterSeconds ?? 1;
    return this.add(() => graphErrors.throttled(seconds), options, false);
  }

  /** 503 serviceNotAvailable (with `Retry-After: 0`, so the client's retry is immediate). */
  unavailable(options: FaultOptions = {}): this {
    return this.add(() => graphErrors.unavailable(), options, false);
  }

  /** 504 gatewayTimeout (with `Retry-After: 0`): a gateway gave up waiting for the backend. */
  gatewayTimeout(options: FaultOptions = {}): this {
    return this.add(
      () =>
        new GraphHttpError(
          504,
          'gatewayTimeout',
          'The gateway did not receive a timely response.',
          undefined,
          {
            'Retry-After': '0',
          },
        ),
      options,
      false,
    );
  }

  /** Any Graph error for the next matching request(s), e.g. a 404 where an object may not exist. */
  answer(status: number, code: string, message: string, options: FaultOptions = {}): this {
    return this.add(() => new GraphHttpError(status, code, message), options, false);
  }

  /** Holds the answer of the next matching request(s): a timeout, as the client sees it. */
  hang(options: HangOptions = {}): this {
    this.hangs.push({
      ms: options.ms ?? null,
      afterApply: options.afterApply ?? false,
      remaining: options.times ?? 1,
      inBatch: options.inBatch ?? false,
      path: options.path,
      writesOnly: options.writesOnly ?? false,
    });
    return this;
  }

  /** 500 on the next write (PATCH, POST, DELETE other than `$batch` itself), top-level or batched. */
  failNextWrite(times = 1): this {
    this.rules.push({
      make: () => graphErrors.internal(),
      remaining: times,
      inBatch: false,
      path: undefined,
      writesOnly: true,
    });
    return this;
  }

  /** 403 Authorization_RequestDenied for a path until cleared: a sign-in lacking a permission. */
  forbid(path: string | RegExp): this {
    this.forbidden.push(path);
    return this;
  }

  clear(): void {
    this.rules = [];
    this.hangs = [];
    this.forbidden = [];
  }

  /** The hold due for this request, if any (consumes it). */
  takeHang(method: string, path: string, inner: boolean): DueHang | null {
    const isWrite = WRITE_METHODS.has(method) && path !== '/$batch';
    for (const rule of this.hangs) {
      if (rule.remaining <= 0) continue;
      if (rule.writesOnly ? !isWrite : rule.inBatch !== inner) continue;
      if (!pathMatches(rule.path, path)) continue;
      rule.remaining--;
      return { ms: rule.ms, afterApply: rule.afterApply };
    }
    return null;
  }

  private add(make: () => GraphHttpError, options: FaultOptions, writesOnly: boolean): this {
    this.rules.push({
      make,
      remaining: options.times ?? 1,
      inBatch: options.inBatch ?? false,
      path: options.path,
      writesOnly,
    });
    return this;
  }

  /** The failure for this request, if one is due (consumes it). */
  take(method: string, path: string, inner: boolean): GraphHttpError | null {
    if (this.forbidden.some((p) => pathMatches(p, path))) return graphErrors.forbidden();
    const isWrite = WRITE_METHODS.has(method) && path !== '/$batch';
    for (const rule of this.rules) {
      if (rule.remaining <= 0) continue;
      if (rule.writesOnly ? !isWrite : rule.inBatch !== inner) continue;
      if (!pathMatches(rule.path, path)) continue;
      rule.remaining--;
      return rule.make();
    }
    return null;
  }
}

export interface LoggedRequest {
  seq: number;
  method: string;
  /** Path below the version, with the query string as sent. */
  url: string;
  status: number;
  /** Inside a `$batch` (then `batchSeq` is the batch's own entry). */
  inner: boolean;
  batchSeq?: number;
  /** performance.now() when the request arrived and when its answer was written. */
  startedAt: number;
  endedAt: number;
  /** The Graph client's Retry-Attempt header, when it retried. */
  retryAttempt?: string;
  /** Headers that shape the query (ConsistencyLevel, Content-Type), names in lower case. */
  headers?: Record<string, string>;
  /** The query parameters, decoded, in order (the request's shape: $filter, $select, …). */
  query?: [string, string][];
}

/** Every request the simulator answered, in arrival order. */
export class RequestLog {
  readonly entries: LoggedRequest[] = [];
  private seq = 0;

  /**
   * `limit`: keep about the latest `limit` requests (between limit and twice that), so a long lab
   * session (a batch over thousands of users makes hundreds of thousands of requests) does not
   * hold every request it ever answered. Unlimited by default.
   */
  constructor(private readonly limit = Infinity) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > 2 * this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  nextSeq(): number {
    return ++this.seq;
  }

  /** Top-level HTTP requests (round trips on the wire). */
  outer(): LoggedRequest[] {
    return this.entries.filter((e) => !e.inner);
  }

  inner(): LoggedRequest[] {
    return this.entries.filter((e) => e.inner);
  }

  /**
   * The longest chain of top-level requests where each one started after the previous one
   * finished: the number of sequential round trips (parallel requests count once). Meaningful
   * when latency is large next to local processing time.
   */
  sequentialRounds(): number {
    const outer = this.outer().sort((a, b) => a.startedAt - b.startedAt);
    const depth: number[] = [];
    let best = 0;
    outer.forEach((req, i) => {
      let d = 1;
      for (let j = 0; j < i; j++) if (outer[j]!.endedAt <= req.startedAt) d = Math.max(d, depth[j]! + 1);
      depth.push(d);
      best = Math.max(best, d);
    });
    return best;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
