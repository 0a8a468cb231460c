// Environment variables and flags as partial profiles, each checked with the file's schema and
// named the way it was given (SYNCMATCH_AD_URL, --ad-url), so a bad value says where it came from.
import { formatPath, issueSentences, type Path } from './messages.js';
import { profileFileSchema, type ProfileFile } from './schema.js';
import { SECRET_VALUE_VARIABLES, SETTING_KEYS, type SettingKey } from './setting-keys.js';

export interface Layer {
  source: 'file' | 'environment' | 'flags';
  value: ProfileFile;
  /** Sentences naming the bad key; a layer with problems is not used. */
  problems: string[];
}

/** Flag values as commander hands them over (camelCase keys). */
export type SettingsFlags = Record<string, unknown>;

export type Env = Record<string, string | undefined>;

const TRUE = /^(1|true|yes|on)$/i;
const FALSE = /^(0|false|no|off)$/i;

export function environmentLayer(env: Env): Layer {
  const value: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const key of SETTING_KEYS) {
    if (!key.env) continue;
    const raw = env[key.env]?.trim();
    if (!raw) continue;
    const parsed = parseText(raw, key, key.env);
    if ('problem' in parsed) problems.push(parsed.problem);
    else setIn(value, key.path, parsed.value);
  }
  // A secret given directly in the environment wins over the profile's reference.
  for (const v of SECRET_VALUE_VARIABLES) {
    if (env[v.env]) setIn(value, v.path, `env:${v.env}`);
  }
  return check('environment', value, problems, (path) => nameFor(path, (k) => k.env));
}

export function flagLayer(flags: SettingsFlags): Layer {
  const value: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const key of SETTING_KEYS) {
    if (!key.flagProp || !key.flag) continue;
    const raw = flags[key.flagProp];
    if (raw === undefined || raw === null) continue;
    let parsed: unknown;
    if (typeof raw === 'boolean' || typeof raw === 'number') parsed = raw;
    else if (Array.isArray(raw)) {
      parsed = key.kind === 'dnList' ? raw.map(String) : raw.flatMap((r) => splitList(String(r)));
    } else {
      const text = parseText(String(raw), key, key.flag);
      if ('problem' in text) {
        problems.push(text.problem);
        continue;
      }
      parsed = key.kind === 'dnList' ? [String(raw)] : text.value;
    }
    setIn(value, key.path, parsed);
  }
  return check('flags', value, problems, (path) => nameFor(path, (k) => k.flag));
}

/** A profile read from the file, named as the file spells it (profiles.contoso.ad.urls[0]). */
export function fileLayer(profileName: string, profile: ProfileFile): Layer {
  return check('file', profile, [], (path) => formatPath(['profiles', profileName, ...path]));
}

function check(
  source: Layer['source'],
  value: Record<string, unknown>,
  problems: string[],
  name: (p: Path) => string,
): Layer {
  const result = profileFileSchema.safeParse(value);
  if (!result.success) problems.push(...issueSentences(result.error.issues, name));
  return { source, value: result.success ? result.data : {}, problems };
}

type Parsed = { value: unknown } | { problem: string };

function parseText(raw: string, key: SettingKey, name: string): Parsed {
  switch (key.kind) {
    case 'list':
      return { value: splitList(raw) };
    case 'dnList':
      // DNs contain commas, so the variable separates them with ";".
      return {
        value: raw
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    case 'bool':
      if (TRUE.test(raw)) return { value: true };
      if (FALSE.test(raw)) return { value: false };
      return { problem: `${name} must be 1/true/yes/on or 0/false/no/off.` };
    case 'int':
    case 'seconds': {
      // Digits only: "1e3", "0x10" and "1.0" are not what a person means by a port or a timeout.
      const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(n)) {
        return { problem: `${name} must be a whole number${key.kind === 'seconds' ? ' of seconds' : ''}.` };
      }
      return { value: n };
    }
    default:
      return { value: raw.trim() };
  }
}

function splitList(raw: string): string[] {
  return raw
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function nameFor(path: Path, pick: (k: SettingKey) => string | undefined): string {
  const parts = path.map(String);
  for (const key of SETTING_KEYS) {
    if (key.path.every((p, i) => parts[i] === p)) {
      const name = pick(key) ?? secretVariableFor(key.path) ?? key.path.join('.');
      const rest = path.slice(key.path.length);
      return rest.length > 0 ? `${name} (${formatPath(rest).replace(/^\[/, 'item [')})` : name;
    }
  }
  return formatPath(path);
}

function secretVariableFor(path: readonly string[]): string | undefined {
  return SECRET_VALUE_VARIABLES.find((v) => v.path.join('.') === path.join('.'))?.env;
}

export function setIn(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

/** Later layers win, key by key; lists are replaced, not concatenated. */
export function mergeProfiles(...layers: ProfileFile[]): ProfileFile {
  const merge = (a: unknown, b: unknown): unknown => {
    if (isPlainObject(a) && isPlainObject(b)) {
      const out: Record<string, unknown> = { ...a };
      for (const [k, v] of Object.entries(b)) out[k] = v === undefined ? out[k] : merge(out[k], v);
      return out;
    }
    return b === undefined ? a : b;
  };
  return layers.reduce<unknown>((acc, layer) => merge(acc, layer), {}) as ProfileFile;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
