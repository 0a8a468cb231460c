// `syncmatch setup`: write a profile (a customer's AD, tenant and sync server), from flags for a
// script or through a short wizard for a person; `--check` then tests every connection;
// `--list` shows the profiles. No secret is ever written: only where each one comes from.
import { dirname } from 'node:path';
import {
  ConfigStore,
  adTlsProblems,
  flagLayer,
  mergeProfiles,
  resolveAd,
  resolveForests,
  resolveSync,
  resolveTenant,
  SETTING_KEYS,
  type ProfileFile,
} from '../adapters/config/index.js';
import { EXIT, UsageError } from '../core/errors.js';
import { checkCommand, type CheckDeps } from './check.js';
import type { GlobalOptions } from './global-options.js';
import { createOutput, type Output } from './output.js';
import { answersFromProfile, describeProfile, profileFromAnswers, validateAnswer } from './setup-profile.js';

export interface SetupOptions extends GlobalOptions {
  check?: boolean;
  list?: boolean;
  /** Make the profile the default one. */
  default?: boolean;
  /** Setting flags (--ad-url, --tenant, …), by commander's camelCase names. */
  [flag: string]: unknown;
}

export interface SetupDeps extends CheckDeps {
  /** Whether a person is at the terminal (the wizard needs one). */
  interactive?: boolean;
}

/** Flags that are settings (readOnly too, but only alongside others: alone it means this run). */
function settingFlags(opts: SetupOptions): string[] {
  return SETTING_KEYS.filter(
    (k) => k.flagProp && k.flagProp !== 'readOnly' && opts[k.flagProp] !== undefined,
  ).map((k) => k.flag!);
}

export async function setupCommand(opts: SetupOptions, deps: SetupDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  const out = createOutput(opts);
  const store = ConfigStore.open({ env });
  if (opts.list) return listProfiles(store, out);

  const name =
    opts.profile ?? (env.SYNCMATCH_PROFILE?.trim() || undefined) ?? store.defaultProfile() ?? 'default';
  const given = settingFlags(opts);
  const interactive = deps.interactive ?? Boolean(process.stdin.isTTY && process.stdout.isTTY && !opts.json);

  if (opts.forest !== undefined || opts.gcUrl !== undefined || opts.gcStarttls !== undefined) {
    saveForestFromFlags(store, name, opts, out);
    return opts.check ? checkCommand({ ...opts, profile: name }, deps) : EXIT.ok;
  }
  if (given.length > 0) {
    saveFromFlags(store, name, opts, out);
    return opts.check ? checkCommand({ ...opts, profile: name }, deps) : EXIT.ok;
  }
  if (opts.check) return checkCommand(opts, deps);
  if (!interactive) {
    throw new UsageError(
      'Nothing to save: give the settings as flags (syncmatch setup --help lists them), or run setup in a terminal for the wizard.',
      'syncmatch setup --profile contoso --ad-url ldaps://dc01.contoso.com --bind svc@contoso.com --tenant contoso.onmicrosoft.com --client-id <app id>',
    );
  }
  return runWizard(store, name, opts, out, deps);
}

function listProfiles(store: ConfigStore, out: Output): number {
  const names = store.profileNames();
  const fallback = store.defaultProfile();
  if (out.json) {
    out.json_({ path: store.path, defaultProfile: fallback ?? null, profiles: names });
    return EXIT.ok;
  }
  out.status(`Config file: ${store.path}`);
  if (names.length === 0) out.status('No profiles yet: run syncmatch setup.');
  for (const n of names) out.data(`${n === fallback ? '*' : ' '} ${n}`);
  return EXIT.ok;
}

function saveFromFlags(store: ConfigStore, name: string, opts: SetupOptions, out: Output): void {
  const layer = flagLayer(opts);
  if (layer.problems.length > 0)
    throw new UsageError(layer.problems.join('\n  '), 'Correct the flag(s) named above.');
  const existing = store.getProfile(name) ?? {};
  const profile = mergeProfiles(existing, layer.value);
  refuseInsecure(profile);
  store.saveProfile(name, profile, { makeDefault: opts.default === true });
  report(store, name, profile, out, opts);
}

/**
 * `setup --forest <name> --ad-url … --bind …` (issue 21): the AD flags set that forest of the
 * profile (added when new), with its Global Catalog from --gc-url/--gc-starttls; a profile that
 * had a single `ad` keeps it as its first forest (named when it connects). Other flags (tenant,
 * sync) apply to the profile as usual.
 */
function saveForestFromFlags(store: ConfigStore, name: string, opts: SetupOptions, out: Output): void {
  const forestName = typeof opts.forest === 'string' ? opts.forest.trim().toLowerCase() : '';
  if (!forestName) {
    throw new UsageError(
      "--gc-url and --gc-starttls set a forest's Global Catalog: say which forest with --forest <name>.",
      'syncmatch setup --profile contoso --forest contoso.com --gc-url ldaps://dc01.contoso.com:3269',
    );
  }
  const layer = flagLayer(opts);
  if (layer.problems.length > 0)
    throw new UsageError(layer.problems.join('\n  '), 'Correct the flag(s) named above.');
  const existing = store.getProfile(name) ?? {};
  const { ad: adFlags, ...rest } = layer.value;
  const { ad: oldAd, forests: oldForests, ...kept } = existing;
  const forests: NonNullable<ProfileFile['forests']> = [...(oldForests ?? [])];
  if (forests.length === 0 && oldAd?.urls?.length) forests.push({ ...oldAd });
  let forest = forests.find((f) => f.name?.toLowerCase() === forestName);
  if (!forest) forests.push((forest = { name: forestName }));
  Object.assign(forest, mergeProfiles({ ad: { ...forest } }, { ad: adFlags ?? {} }).ad);
  if (opts.gcUrl !== undefined || opts.gcStarttls !== undefined) {
    const urls = Array.isArray(opts.gcUrl) ? opts.gcUrl.map(String) : (forest.globalCatalog?.urls ?? []);
    const startTls = opts.gcStarttls === true || forest.globalCatalog?.startTls === true;
    forest.globalCatalog = { urls, ...(startTls ? { startTls } : {}) };
  }
  // An `ad` beside existing forests is kept, so loading says to move it (nothing is dropped).
  const keepAd = oldForests?.length && oldAd ? { ad: oldAd } : {};
  const profile: ProfileFile = { ...mergeProfiles(kept, rest), ...keepAd, forests };
  refuseInsecure(profile);
  store.saveProfile(name, profile, { makeDefault: opts.default === true });
  report(store, name, profile, out, opts);
}

/** What is never saved: plain ldap:// without StartTLS (the DC would refuse the bind too). */
function refuseInsecure(profile: ProfileFile): void {
  const problems = adTlsProblems(profile.ad?.urls ?? [], profile.ad?.startTls ?? false);
  for (const f of profile.forests ?? []) {
    problems.push(...adTlsProblems(f.urls ?? [], f.startTls ?? false));
    if (f.globalCatalog)
      problems.push(...adTlsProblems(f.globalCatalog.urls, f.globalCatalog.startTls ?? false));
    for (const d of f.domains ?? []) problems.push(...adTlsProblems(d.urls, d.startTls ?? false));
  }
  if (problems.length > 0) throw new UsageError(`The profile was not saved: ${problems.join(' ')}`);
}

/** Where it was saved, what it says, and what is still missing (env or flags may fill it per run). */
function report(
  store: ConfigStore,
  name: string,
  profile: ProfileFile,
  out: Output,
  opts: SetupOptions,
): void {
  const missing = [
    profile.forests?.length
      ? resolveForests(profile, resolveAd(profile.ad, false), false)
      : resolveAd(profile.ad, false),
    resolveTenant(profile.tenant, {}),
    resolveSync(profile.sync),
  ].flatMap((s) => (s.status === 'ready' ? [] : s.problems));
  const isDefault = store.defaultProfile() === name;
  if (out.json && opts.check) {
    // One JSON document on stdout: the check's report; the save is said on stderr.
    out.status(`Saved profile ${name} in ${store.path}.`);
    return;
  }
  if (out.json) {
    out.json_({
      saved: true,
      profile: name,
      path: store.path,
      default: isDefault,
      settings: profile,
      incomplete: missing,
    });
    return;
  }
  out.status(`Saved profile ${name} in ${store.path}${isDefault ? ' (the default profile)' : ''}.`);
  for (const line of describeProfile(profile, { readOnly: opts.readOnly === true })) out.status(`  ${line}`);
  for (const m of missing) out.status(`  Not set yet: ${m}`);
  if (!opts.check) out.status(`Next: syncmatch setup --check${isDefault ? '' : ` --profile ${name}`}`);
}

async function runWizard(
  store: ConfigStore,
  name: string,
  opts: SetupOptions,
  out: Output,
  deps: SetupDeps,
): Promise<number> {
  const existing = store.getProfile(name);
  if (existing?.forests?.length) {
    // The wizard asks for one directory; a profile with several forests is edited by forest.
    throw new UsageError(
      `Profile ${name} holds ${existing.forests.length === 1 ? 'a forest' : `${existing.forests.length} forests`}; the wizard edits single-directory profiles.`,
      `Change a forest with flags: syncmatch setup --profile ${name} --forest <name> --ad-url … --bind … (setup --help lists them).`,
    );
  }
  const { renderSetup } = await import('../ui/setup/render-setup.js');
  const result = await renderSetup(
    {
      initial: answersFromProfile(name, existing),
      validate: validateAnswer,
      summarize: (answers) => {
        try {
          return describeProfile(profileFromAnswers(answers, store.getProfile(answers.profile ?? name)), {
            readOnly: opts.readOnly === true,
            compact: true,
          });
        } catch (error) {
          return [`(${(error as Error).message})`];
        }
      },
      save: async (answers) => {
        const target = answers.profile ?? name;
        const profile = profileFromAnswers(answers, store.getProfile(target));
        const problems = adTlsProblems(profile.ad?.urls ?? [], profile.ad?.startTls ?? false);
        if (problems.length > 0) return { ok: false, problems };
        try {
          store.saveProfile(target, profile, { makeDefault: opts.default === true });
        } catch (error) {
          return { ok: false, problems: [(error as Error).message] };
        }
        return { ok: true, path: store.path };
      },
    },
    { color: out.color },
  );
  if (!result.saved) return EXIT.cancelled;
  out.status(
    `Saved profile ${result.profile} in ${store.path}. Sign-in records are kept beside it in ${dirname(store.path)}.`,
  );
  if (!result.check) {
    out.status(`Next: syncmatch setup --check --profile ${result.profile}`);
    return EXIT.ok;
  }
  return checkCommand({ ...opts, profile: result.profile }, deps);
}
