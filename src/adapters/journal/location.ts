// Where the journal lives: the user's data directory, so it outlives a checkout and is private to
// the user. $SYNCMATCH_DATA_DIR wins (tests, portable installs), then the XDG variable, then the
// platform's usual place.
import { homedir } from 'node:os';
import { isAbsolute, join, win32 } from 'node:path';

export const JOURNAL_FILE = 'journal.jsonl';

export interface LocationEnv {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home: string;
}

function current(): LocationEnv {
  return { env: process.env, platform: process.platform, home: homedir() };
}

/** The directory syncmatch keeps its data in (not created here). */
export function dataDirectory(where: LocationEnv = current()): string {
  const { env, platform, home } = where;
  const own = env.SYNCMATCH_DATA_DIR?.trim();
  if (own) return own;
  // The XDG spec says a relative path in these variables is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME?.trim();
  if (xdg && (isAbsolute(xdg) || (platform === 'win32' && win32.isAbsolute(xdg)))) {
    return platform === 'win32' ? win32.join(xdg, 'syncmatch') : join(xdg, 'syncmatch');
  }
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA?.trim() || win32.join(home, 'AppData', 'Local');
    return win32.join(local, 'syncmatch');
  }
  return join(home, '.local', 'share', 'syncmatch');
}

export const LAB_JOURNAL_FILE = 'lab-journal.jsonl';

function inDataDirectory(file: string, where: LocationEnv): string {
  const dir = dataDirectory(where);
  return where.platform === 'win32' ? win32.join(dir, file) : join(dir, file);
}

/** The journal file for real tenants. */
export function defaultJournalPath(where: LocationEnv = current()): string {
  return inDataDirectory(JOURNAL_FILE, where);
}

/** The lab's journal: kept apart so practice runs never mix with writes to a real tenant. */
export function labJournalPath(where: LocationEnv = current()): string {
  // Tests and the end-to-end runs point each lab run at its own file.
  const own = where.env.SYNCMATCH_LAB_JOURNAL?.trim();
  return own || inDataDirectory(LAB_JOURNAL_FILE, where);
}
