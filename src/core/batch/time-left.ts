// How long a phase of a batch still needs, from its pace so far: shown beside "Writing: 400 of
// 10000" so a migration weekend can be planned (at Graph's write quota 10 000 writes take at least
// 7.5 minutes whatever the tool does). Said only once the pace is known (5 s into the phase).

const MIN_ELAPSED_MS = 5_000;

/** "about 3 min left", "about 40 s left", or null while the pace is not known yet. */
export function timeLeft(
  start: { at: number; done: number },
  now: number,
  done: number,
  total: number,
): string | null {
  const elapsed = now - start.at;
  const progressed = done - start.done;
  if (elapsed < MIN_ELAPSED_MS || progressed <= 0 || done >= total) return null;
  const seconds = Math.ceil(((elapsed / progressed) * (total - done)) / 1000);
  if (seconds < 60) return `about ${Math.max(5, Math.ceil(seconds / 5) * 5)} s left`;
  if (seconds < 5_400) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${(seconds / 3_600).toFixed(1)} h left`;
}
