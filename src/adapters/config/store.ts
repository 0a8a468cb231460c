// The config file, through conf: $XDG_CONFIG_HOME/syncmatch-nodejs/config.json on Linux (conf's
// env-paths picks the platform's place elsewhere), or $SYNCMATCH_CONFIG_DIR/config.json. The whole
// file is checked on every read (zod) and every write (conf's JSON Schema, generated from the same
// zod definition); a problem is a sentence naming the key.
// The file holds no secrets, but it does name servers and accounts: it is written 0600.
import Conf from 'conf';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { EXIT, UserFacingError } from '../../core/errors.js';
import { configFilePath } from './config-path.js';
import { formatPath, issueSentences } from './messages.js';
import {
  PROFILE_NAME,
  configFileSchema,
  configJsonSchema,
  type ConfigFile,
  type ProfileFile,
} from './schema.js';

export const PROJECT_NAME = 'syncmatch';
export const CONFIG_FILE = 'config.json';

export interface StoreLocation {
  env: Record<string, string | undefined>;
}

/** The directory conf is pointed at: SYNCMATCH_CONFIG_DIR, else conf's own choice (undefined). */
function configCwd(env: Record<string, string | undefined>): string | undefined {
  const own = env.SYNCMATCH_CONFIG_DIR?.trim();
  return own ? own : undefined;
}

export class ConfigStore {
  private writer: Conf<ConfigFile> | undefined;
  private cached: ConfigFile | undefined;

  private constructor(
    private readonly conf: Conf<ConfigFile>,
    private readonly location: ConfLocation,
  ) {}

  /**
   * Opens (does not create) the config file and checks it; throws a UserFacingError naming a bad
   * key. Reads are checked with the zod definition the JSON Schema is generated from: compiling
   * the schema with ajv costs 100–300 ms on this machine kind, which every command would pay at
   * start-up, so only writes (setup) go through conf's schema validation.
   */
  static open(where: StoreLocation = { env: process.env }): ConfigStore {
    const cwd = configCwd(where.env);
    const location: ConfLocation = {
      projectName: PROJECT_NAME,
      ...(cwd ? { cwd } : {}),
      configName: 'config',
    };
    refuseSpecialFile(configFilePath(where.env));
    let conf: Conf<ConfigFile>;
    try {
      conf = new Conf<ConfigFile>({
        ...location,
        accessPropertiesByDotNotation: false,
        configFileMode: 0o600,
      });
    } catch (error) {
      throw explainLoadError(error, probePath(location));
    }
    const store = new ConfigStore(conf, location);
    store.read();
    return store;
  }

  get path(): string {
    return this.conf.path;
  }

  read(): ConfigFile {
    if (this.cached) return this.cached;
    let raw: unknown;
    try {
      raw = this.conf.store;
    } catch (error) {
      throw explainLoadError(error, this.path);
    }
    const parsed = configFileSchema.safeParse(raw);
    if (!parsed.success) {
      throw new UserFacingError(
        `The config file ${this.path} has settings syncmatch cannot use: ${issueSentences(parsed.error.issues, formatPath).join(' ')}`,
        'CONFIG_INVALID',
        'Fix those keys in an editor, or run syncmatch setup --profile <name> to write the profile again.',
        EXIT.usage,
      );
    }
    this.cached = parsed.data;
    return parsed.data;
  }

  profileNames(): string[] {
    return Object.keys(this.read().profiles ?? {}).sort();
  }

  defaultProfile(): string | undefined {
    return this.read().defaultProfile;
  }

  getProfile(name: string): ProfileFile | undefined {
    return this.read().profiles?.[name];
  }

  /** Writes one profile (replacing it whole), optionally making it the default. */
  saveProfile(name: string, profile: ProfileFile, options: { makeDefault?: boolean } = {}): void {
    if (!PROFILE_NAME.test(name)) {
      throw new UserFacingError(
        `"${name}" is not a valid profile name.`,
        'CONFIG_INVALID',
        'Use letters, digits, ".", "_" or "-" (up to 64), e.g. contoso.',
      );
    }
    const current = this.read();
    const next: ConfigFile = {
      ...current,
      version: 1,
      profiles: { ...current.profiles, [name]: profile },
    };
    if (options.makeDefault || !current.defaultProfile) next.defaultProfile = name;
    const checked = configFileSchema.safeParse(next);
    if (!checked.success) {
      throw new UserFacingError(
        `The profile ${name} was not saved: ${issueSentences(checked.error.issues, formatPath).join(' ')}`,
        'CONFIG_INVALID',
        'Correct the values and run syncmatch setup again.',
      );
    }
    this.write(checked.data);
  }

  deleteProfile(name: string): boolean {
    const current = this.read();
    if (!current.profiles?.[name]) return false;
    const { [name]: _removed, ...rest } = current.profiles;
    const next: ConfigFile = { ...current, profiles: rest };
    if (next.defaultProfile === name) delete next.defaultProfile;
    this.write(next);
    return true;
  }

  /** Writes through conf with the JSON Schema, so conf itself refuses a file that breaks it. */
  private write(next: ConfigFile): void {
    if (!this.writer) {
      const { properties, root } = configJsonSchema();
      this.writer = new Conf<ConfigFile>({
        ...this.location,
        schema: properties as never,
        rootSchema: root as never,
        accessPropertiesByDotNotation: false,
        configFileMode: 0o600,
      });
    }
    this.writer.store = next;
    this.cached = next;
  }
}

type ConfLocation = { projectName: string; cwd?: string; configName: string };

/**
 * conf's own path for these options, learnt without validating: with no schema and
 * clearInvalidConfig a bad file reads as empty, and an empty store is not written back.
 */
function probePath(location: { projectName: string; cwd?: string; configName: string }): string | undefined {
  try {
    return new Conf({ ...location, clearInvalidConfig: true, accessPropertiesByDotNotation: false }).path;
  } catch {
    return undefined;
  }
}

function explainLoadError(error: unknown, knownPath: string | undefined): UserFacingError {
  const message = error instanceof Error ? error.message : String(error);
  const path = knownPath ?? 'the syncmatch config file';
  if (error instanceof SyntaxError) {
    // Windows editors and PowerShell's Out-File -Encoding utf8 write a byte-order mark, which JSON
    // does not allow: name it rather than blame a comma.
    if (knownPath && startsWithBom(knownPath)) {
      return new UserFacingError(
        `The config file ${path} starts with a UTF-8 byte-order mark (BOM), which JSON does not allow.`,
        'CONFIG_INVALID',
        'Save it again as UTF-8 without BOM (in PowerShell 7: Set-Content -Encoding utf8NoBOM).',
        EXIT.usage,
      );
    }
    return new UserFacingError(
      `The config file ${path} is not valid JSON (${message}).`,
      'CONFIG_INVALID',
      'Fix it in an editor, or move it away and run syncmatch setup again.',
      EXIT.usage,
    );
  }
  return new UserFacingError(
    `The config file could not be read: ${message}`,
    'CONFIG_UNREADABLE',
    'Check that the file and its folder belong to you (a run with sudo can leave them owned by root).',
  );
}

/** Where the config file is (or would be), without opening it. */
export function configPath(where: StoreLocation = { env: process.env }): string {
  return ConfigStore.open(where).path;
}

function startsWithBom(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(3);
      return readSync(fd, head, 0, 3, 0) === 3 && head.equals(Buffer.from([0xef, 0xbb, 0xbf]));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** A config "file" that is a pipe or a device would block the read forever (issue 14). */
function refuseSpecialFile(path: string): void {
  let info;
  try {
    info = statSync(path);
  } catch {
    return;
  }
  if (!info.isFile()) {
    throw new UserFacingError(
      `The config file ${path} is not a regular file (${info.isDirectory() ? 'a folder' : 'a pipe, socket or device'}).`,
      'CONFIG_UNREADABLE',
      'Move it away and run syncmatch setup again, or point SYNCMATCH_CONFIG_DIR at a folder of your own.',
      EXIT.usage,
    );
  }
}
