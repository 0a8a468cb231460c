// Reads are idempotent: when the request never got an answer (connection refused or reset, TLS
// cut, past its timeout), ask once more before giving up. The Graph client's RetryHandler covers
// answers (429, 503, 504) but not a missing one. Writes are never retried here: whether a write
// without an answer landed is for the caller to find out by reading it back.

/** The Graph client reports a request that got no HTTP answer with statusCode -1 (a failed
 *  sign-in has none, and is not retried: that could prompt the technician twice). */
export function gotNoAnswer(error: unknown): boolean {
  return (error as { statusCode?: unknown } | null)?.statusCode === -1;
}

export async function readWithRetry<T>(read: () => Promise<T>, attempts = 2): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= attempts || !gotNoAnswer(error)) throw error;
    }
  }
}
