// Values the real service picks at random (new object ids, the 4 digits of a placeholder UPN) are
// derived from a hash here, so a lab run, a test and a training session replay identically.
import { createHash } from 'node:crypto';

function digest(seed: string): Buffer {
  return createHash('sha256').update(seed, 'utf8').digest();
}

/** A valid version-4-shaped GUID string derived from `seed`. */
export function deterministicGuid(seed: string): string {
  const b = digest(seed).subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Four digits (1000–9999) derived from `seed`: the number in `<prefix><4 digits>@<initial>`. */
export function fourDigits(seed: string): string {
  return String(1000 + (digest(seed).readUInt32BE(0) % 9000));
}
