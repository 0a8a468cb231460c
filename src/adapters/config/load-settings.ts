// One entry point for every command: the profile from the config file, then SYNCMATCH_*
// environment variables, then flags, each later source winning key by key.
import { EXIT, UsageError, UserFacingError } from '../../core/errors.js';
import {
  environmentLayer,
  fileLayer,
  flagLayer,
  mergeProfiles,
  type Env,
  type SettingsFlags,
} from './layers.js';
import {
  endpointWarnings,
  insecureTlsWarning,
  resolveAd,
  resolveSync,
  resolveTenant,
} from './resolve-settings.js';
import { resolveForests } from './resolve-forests.js';
import type { Settings } from './settings-types.js';
import { ConfigStore } from './store.js';

export interface LoadSettingsOptions {
  /** --profile; else SYNCMATCH_PROFILE; else the config's default profile. */
  profile?: string;
  /** Flag values (commander's camelCase names); also readOnly and insecureTls. */
  flags?: SettingsFlags;
  env?: Env;
  /** The config store (tests pass one; else the user's). */
  store?: ConfigStore;
}

const TRUE = /^(1|true|yes|on)$/i;

export function loadSettings(options: LoadSettingsOptions = {}): Settings {
  const env = options.env ?? process.env;
  const flags = options.flags ?? {};
  const store = options.store ?? ConfigStore.open({ env });

  const asked = options.profile ?? (env.SYNCMATCH_PROFILE?.trim() || undefined);
  const name = asked ?? store.defaultProfile() ?? null;
  const profile = name ? store.getProfile(name) : undefined;
  if (name && !profile && !asked) {
    const known = store.profileNames();
    throw new UserFacingError(
      `The config file ${store.path} names "${name}" as its default profile, but has no profile by that name${known.length ? ` (there is: ${known.join(', ')})` : ''}.`,
      'PROFILE_NOT_FOUND',
      known.length
        ? `Choose one: syncmatch setup --profile ${known[0]} --default`
        : `Create it with: syncmatch setup --profile ${name}`,
      EXIT.usage,
    );
  }
  if (name && !profile && asked) {
    const known = store.profileNames();
    throw new UserFacingError(
      `There is no profile named ${name} in ${store.path}${known.length ? ` (there is: ${known.join(', ')})` : ''}.`,
      'PROFILE_NOT_FOUND',
      `Create it with: syncmatch setup --profile ${name}`,
      EXIT.usage,
    );
  }

  const layers = [
    ...(name && profile ? [fileLayer(name, profile)] : []),
    environmentLayer(env),
    flagLayer(flags),
  ];
  const problems = layers.flatMap((l) => l.problems);
  if (problems.length > 0) {
    throw new UsageError(problems.join('\n  '), 'Correct the value(s) named above.');
  }
  const merged = mergeProfiles(...layers.map((l) => l.value));
  const insecureTls = flags.insecureTls === true || TRUE.test(env.SYNCMATCH_INSECURE_TLS ?? '');
  const tenant = resolveTenant(merged.tenant, env);
  const single = resolveAd(merged.ad, insecureTls);
  const forests = resolveForests(merged, single, insecureTls);
  // With `forests`, the first forest's root domain is what single-directory code reads as `ad`.
  const ad = merged.forests?.length
    ? forests.status === 'ready'
      ? ({ status: 'ready', value: forests.value[0]! } as const)
      : forests
    : single;
  return {
    profile: profile ? name : null,
    configPath: store.path,
    readOnly: merged.readOnly === true,
    insecureTls,
    ad,
    forests,
    tenant,
    sync: resolveSync(merged.sync, env),
    warnings: [
      ...(insecureTls ? [insecureTlsWarning()] : []),
      ...(tenant.status === 'ready' ? endpointWarnings(tenant.value) : []),
    ],
  };
}

/** The section's value, or a UserFacingError listing what is missing (for commands that need it). */
export function requireSection<T>(
  section: Settings['ad'] | Settings['tenant'] | Settings['sync'] | NonNullable<Settings['forests']>,
  what: string,
): T {
  if (section.status === 'ready') return section.value as T;
  throw new UserFacingError(
    `${what} ${section.status === 'missing' ? 'is not configured' : 'cannot be used'}: ${section.problems.join(' ')}`,
    'CONFIG_INCOMPLETE',
    'Run syncmatch setup (or setup --check to see every connection).',
    EXIT.usage,
  );
}
