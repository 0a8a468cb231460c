// The real clock: Date and timers. Sleeping honours an AbortSignal (Ctrl-C stops waiting).
import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '../ports.js';

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: async (ms, signal) => {
    await delay(ms, undefined, { signal });
  },
};
