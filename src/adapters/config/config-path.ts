// Where conf keeps config.json, worked out without loading conf (it costs ~50 ms to import, and the
// lab wizard's first frame asks the read-only question): SYNCMATCH_CONFIG_DIR, else env-paths'
// config folder for "syncmatch" with conf's "-nodejs" suffix. test/commands/read-only.test.ts
// checks it against ConfigStore's own path.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function configFilePath(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const own = env.SYNCMATCH_CONFIG_DIR?.trim();
  if (own) return join(own, 'config.json');
  const name = 'syncmatch-nodejs';
  // env-paths reads these from the process itself, whatever the caller's variables say.
  const sys = process.env;
  const home = homedir();
  let dir: string;
  if (platform === 'darwin') dir = join(home, 'Library', 'Preferences', name);
  else if (platform === 'win32') dir = join(sys.APPDATA || join(home, 'AppData', 'Roaming'), name, 'Config');
  else dir = join(sys.XDG_CONFIG_HOME || join(home, '.config'), name);
  return join(dir, 'config.json');
}

/** The config file's JSON, read without validation (null when there is none); throws when unreadable. */
export function readConfigJson(env: Record<string, string | undefined> = process.env): unknown {
  const path = configFilePath(env);
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}
