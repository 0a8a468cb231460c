// One gate for the whole batch: a 429 (with its Retry-After) closes it for every writer, not only
// for the request that was throttled, so the batch as a whole slows down to what the tenant allows
// (https://learn.microsoft.com/graph/throttling#best-practices-to-handle-throttling).
import type { Clock } from '../../ports.js';

export class ThrottleGate {
  private until = 0;
  /** Wall time the batch spent closed, in ms. */
  waitedMs = 0;
  /** Writes sent again after a 429. */
  retries = 0;

  constructor(
    private readonly clock: Clock,
    private readonly onWait: (ms: number) => void = () => {},
  ) {}

  /** Closes the gate for `ms` from now (never shortens a wait already under way). */
  backoff(ms: number): void {
    const now = this.clock.now().getTime();
    const until = now + ms;
    if (until <= this.until) return;
    this.waitedMs += until - Math.max(this.until, now);
    this.until = until;
  }

  /** Waits while the gate is closed. false when the run was stopped meanwhile. */
  async pass(signal?: AbortSignal): Promise<boolean> {
    for (;;) {
      if (signal?.aborted) return false;
      const ms = this.until - this.clock.now().getTime();
      if (ms <= 0) return true;
      this.onWait(ms);
      try {
        await this.clock.sleep(ms, signal);
      } catch {
        return false;
      }
    }
  }
}
