// Graph's per-tenant write throttling, imitated: a sliding window of writes (PATCH, POST, DELETE,
// top-level or inside a `$batch`, each counted on its own). Past the budget a write is answered
// 429 TooManyRequests with Retry-After = the seconds until the oldest write in the window leaves it,
// and is not carried out. Microsoft documents the identity-and-access write quota as 3,000 writes per
// 2 minutes 30 seconds per app and tenant, and 18,000 per 5 minutes per tenant, with each request of
// a JSON batch evaluated on its own (https://learn.microsoft.com/graph/throttling-limits#identity-and-access-service-limits,
// https://learn.microsoft.com/graph/json-batching#throttling-and-batching).
// UNVERIFIED: the exact window shape (sliding vs fixed) and how Retry-After is computed by Graph.
import { graphErrors, type GraphHttpError } from './errors.js';

export interface WriteBudgetOptions {
  /** Writes allowed in one window. */
  writes: number;
  /** The window, in ms. */
  windowMs: number;
}

/** Graph's documented per-app-per-tenant write quota. */
export const GRAPH_WRITE_QUOTA: WriteBudgetOptions = { writes: 3000, windowMs: 150_000 };

/** Parses `3000/150s`, `10/1s`, `500/2000ms` (writes per window); null for anything else. */
export function parseWriteBudget(text: string): WriteBudgetOptions | null {
  const m = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/i.exec(text);
  if (!m) return null;
  const writes = Number(m[1]);
  const amount = Number(m[2]);
  const windowMs = (m[3] ?? 's').toLowerCase() === 'ms' ? amount : amount * 1000;
  if (!Number.isInteger(writes) || writes <= 0 || !(windowMs > 0)) return null;
  return { writes, windowMs };
}

export class WriteBudget {
  private options: WriteBudgetOptions | null;
  /** Times (ms) of the writes inside the window, oldest first. */
  private times: number[] = [];
  private head = 0;
  /** Writes refused with 429 so far (tests and benchmarks read it). */
  throttled = 0;
  /** Writes let through so far. */
  allowed = 0;

  constructor(
    options: WriteBudgetOptions | null = null,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.options = options;
  }

  /** null turns the budget off (the default: the lab answers every write). */
  set(options: WriteBudgetOptions | null): void {
    this.options = options;
    this.times = [];
    this.head = 0;
  }

  get current(): WriteBudgetOptions | null {
    return this.options;
  }

  /** Counts one write; the 429 to answer instead when the budget is spent. */
  take(): GraphHttpError | null {
    const o = this.options;
    if (!o) return null;
    const t = this.now();
    while (this.head < this.times.length && this.times[this.head]! <= t - o.windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    if (this.times.length - this.head >= o.writes) {
      this.throttled++;
      const wait = this.times[this.head]! + o.windowMs - t;
      // Whole seconds as Graph sends them, at least 1 (fractions only for sub-second test windows).
      const seconds = o.windowMs >= 1000 ? Math.max(1, Math.ceil(wait / 1000)) : Math.max(0.01, wait / 1000);
      return graphErrors.throttled(Number(seconds.toFixed(3)));
    }
    this.times.push(t);
    this.allowed++;
    return null;
  }
}
