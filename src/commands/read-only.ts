// Read-only is one decision (issue 14): the --read-only flag, SYNCMATCH_READ_ONLY, or the profile's
// "readOnly": true — any one of them turns it on — and every path that writes (the wizard, fix,
// fix --yes, journal undo, anything added later) asks here, in the lab as on a real tenant.
// An unreadable SYNCMATCH_READ_ONLY is refused (exit 2) rather than read as "off".
import { ConfigStore } from '../adapters/config/store.js';
import { UsageError } from '../core/errors.js';
import type { GlobalOptions } from './global-options.js';

export interface ReadOnlyDecision {
  readOnly: boolean;
  /** What turned it on, for messages ("--read-only", "SYNCMATCH_READ_ONLY=1", 'profile "audit"'). */
  because: string | null;
}

export interface ReadOnlySources {
  env?: Record<string, string | undefined>;
  /** The config store (tests pass one); else the user's, opened only when needed. */
  store?: () => ConfigStore;
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
  const profile = profileReadOnly(opts, env, sources.store ?? (() => ConfigStore.open({ env })));
  return profile ? { readOnly: true, because: profile } : { readOnly: false, because: null };
}

/** 'profile "name"' when the profile in use says readOnly; null otherwise. */
function profileReadOnly(
  opts: GlobalOptions,
  env: Record<string, string | undefined>,
  open: () => ConfigStore,
): string | null {
  const lab = opts.lab !== undefined && opts.lab !== false;
  let store: ConfigStore;
  try {
    store = open();
  } catch (error) {
    // A real run cannot go on without its config (loading the settings says why); the lab needs
    // none, so a broken config file does not stop practice.
    if (lab) return null;
    throw error;
  }
  const name = opts.profile ?? (env.SYNCMATCH_PROFILE?.trim() || undefined) ?? store.defaultProfile();
  if (!name) return null;
  return store.getProfile(name)?.readOnly === true ? `profile "${name}" (readOnly)` : null;
}

/** Refuses a command that writes when read-only is on, naming what turned it on. */
export function refuseWhenReadOnly(opts: GlobalOptions, what: string, hint: string): void {
  const decision = readOnlyDecision(opts);
  if (decision.readOnly)
    throw new UsageError(`${what}, and read-only is on (${decision.because}): nothing is written.`, hint);
}
