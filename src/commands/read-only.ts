// Read-only is one decision (issue 14): the --read-only flag, SYNCMATCH_READ_ONLY, or the profile's
// "readOnly": true — any one of them turns it on — and every path that writes (the wizard, fix,
// fix --yes, journal undo, anything added later) asks here, in the lab as on a real tenant.
// An unreadable SYNCMATCH_READ_ONLY is refused (exit 2) rather than read as "off".
import { readConfigJson } from '../adapters/config/config-path.js';
import { UsageError } from '../core/errors.js';
import type { GlobalOptions } from './global-options.js';

export interface ReadOnlyDecision {
  readOnly: boolean;
  /** What turned it on, for messages ("--read-only", "SYNCMATCH_READ_ONLY=1", 'profile "audit"'). */
  because: string | null;
}

export interface ReadOnlySources {
  env?: Record<string, string | undefined>;
}

const TRUE = /^(1|true|yes|on)$/i;
const FALSE = /^(0|false|no|off)$/i;

export function readOnlyDecision(opts: GlobalOptions, sources: ReadOnlySources = {}): ReadOnlyDecision {
  const env = sources.env ?? process.env;
  if (opts.readOnly === true) return { readOnly: true, because: '--read-only' };
  const raw = env.SYNCMATCH_READ_ONLY?.trim();
  if (raw) {
    if (TRUE.test(raw)) return { readOnly: true, because: `SYNCMATCH_READ_ONLY=${raw}` };
    if (!FALSE.test(raw)) {
      throw new UsageError(
        'SYNCMATCH_READ_ONLY must be 1/true/yes/on or 0/false/no/off.',
        'Set it to 1 to forbid writes, or unset it.',
      );
    }
  }
  const profile = profileReadOnly(opts, env);
  return profile ? { readOnly: true, because: profile } : { readOnly: false, because: null };
}

/**
 * 'profile "name"' when the profile in use says readOnly; null otherwise. The file is read without
 * conf (a first frame waits on this); a file that cannot be read is no answer here: a real run
 * loads it in full next and stops on it (nothing is written), and the lab needs no config.
 */
function profileReadOnly(opts: GlobalOptions, env: Record<string, string | undefined>): string | null {
  let config: unknown;
  try {
    config = readConfigJson(env);
  } catch {
    return null;
  }
  if (typeof config !== 'object' || config === null) return null;
  const { defaultProfile, profiles } = config as { defaultProfile?: unknown; profiles?: unknown };
  const name = opts.profile ?? (env.SYNCMATCH_PROFILE?.trim() || undefined) ?? defaultProfile;
  if (typeof name !== 'string' || typeof profiles !== 'object' || profiles === null) return null;
  const profile = (profiles as Record<string, unknown>)[name];
  const readOnly =
    typeof profile === 'object' && profile !== null && 'readOnly' in profile && profile.readOnly;
  return readOnly === true ? `profile "${name}" (readOnly)` : null;
}

/** Refuses a command that writes when read-only is on, naming what turned it on. */
export function refuseWhenReadOnly(opts: GlobalOptions, what: string, hint: string): void {
  const decision = readOnlyDecision(opts);
  if (decision.readOnly)
    throw new UsageError(`${what}, and read-only is on (${decision.because}): nothing is written.`, hint);
}
