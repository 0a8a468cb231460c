// Every numeric flag is read the same way (issue 14): decimal digits only — no sign, no hex (0x10),
// no exponent (1e9), no fraction, no spaces — and inside a range that makes sense for it, so a
// typo can never become an eleven-day latency or a zero-second timeout. A refusal is commander's
// usage error (exit 2) naming the flag and the range.
import { InvalidArgumentError } from 'commander';

/** The largest --lab-latency: a minute per request is already far slower than any real tenant. */
export const MAX_LAB_LATENCY_MS = 60_000;
/** Generous for a lab, and still a file a laptop can open (lab generate --users). */
export const MAX_GENERATED_USERS = 500_000;
/** The longest wait a command accepts (--timeout): a day. */
export const MAX_TIMEOUT_SECONDS = 86_400;

/** A commander argParser for a whole number in [min, max]. */
export function wholeNumber(min: number, max: number, unit = ''): (value: string) => number {
  const range = `${min}–${max}${unit ? ` ${unit}` : ''}`;
  return (value) => {
    const text = value.trim();
    if (!/^\d+$/.test(text)) {
      throw new InvalidArgumentError(
        `"${value}" is not a whole number (digits only, ${range}; no sign, hex, exponent or decimals).`,
      );
    }
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`${text} is out of range: give ${range}.`);
    return n;
  };
}
