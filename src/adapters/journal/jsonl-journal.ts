// The write-ahead journal as an append-only JSON Lines file. Each append is one write() on a file
// opened for appending, then fsync, so when append() resolves the line survives a crash or power
// loss. The file is private to the user (0600; its folder 0700) because it holds directory data.
import { constants } from 'node:fs';
import { chmod, mkdir, open, readFile, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { EXIT, UserFacingError } from '../../core/errors.js';
import type { Journal, JournalContents, JournalEntry } from '../../ports.js';
import { entryLine, parseJournal } from './journal-lines.js';
import { openUnfinished, pairWrites, unfinishedSentence } from './journal-writes.js';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

export function openJsonlJournal(path: string): Journal {
  // Appends from one process go one at a time, so two lines can never interleave.
  let queue: Promise<unknown> = Promise.resolve();
  let prepared = false;

  async function appendNow(entry: JournalEntry | JournalEntry[]): Promise<void> {
    const lines = (Array.isArray(entry) ? entry : [entry]).map(entryLine).join('');
    if (!prepared) {
      await prepare(path);
      prepared = true;
    }
    let handle: FileHandle | undefined;
    try {
      handle = await open(path, constants.O_CREAT | constants.O_APPEND | constants.O_RDWR, FILE_MODE);
      // A crash can leave a torn last line without its newline; start on a fresh line so the new
      // entry is never glued to the fragment.
      const lead = (await endsWithNewline(handle)) ? '' : '\n';
      await writeAll(handle, Buffer.from(lead + lines, 'utf8'));
      await handle.sync();
    } catch (error) {
      throw journalError(path, error);
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }

  async function read(): Promise<JournalContents> {
    let text: string;
    try {
      await refuseSpecialFile(path);
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { entries: [], writes: [], problems: [] };
      throw journalError(path, error, 'read');
    }
    const parsed = parseJournal(text, basename(path));
    const paired = pairWrites(parsed.entries);
    return {
      entries: parsed.entries,
      writes: paired.writes,
      problems: [...parsed.problems, ...paired.problems],
    };
  }

  return {
    path,
    append(entry) {
      const next = queue.then(() => appendNow(entry));
      queue = next.catch(() => undefined);
      return next;
    },
    appendMany(entries) {
      if (entries.length === 0) return Promise.resolve();
      const next = queue.then(() => appendNow(entries));
      queue = next.catch(() => undefined);
      return next;
    },
    read,
    async unfinishedWrites() {
      const contents = await read();
      return [...contents.problems, ...openUnfinished(contents.writes).map(unfinishedSentence)];
    },
  };
}

/** Creates the folder (0700) and makes sure an existing journal is not readable by others. */
async function prepare(path: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true, mode: DIR_MODE });
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (!info) await createFile(path);
    else if (!info.isFile()) await refuseSpecialFile(path);
    else if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) await chmod(path, FILE_MODE);
  } catch (error) {
    throw journalError(path, error);
  }
}

/** Creates the file and flushes its folder, so the new name itself survives a crash. */
async function createFile(path: string): Promise<void> {
  const handle = await open(path, constants.O_CREAT | constants.O_APPEND | constants.O_WRONLY, FILE_MODE);
  await handle.close();
  try {
    const dir = await open(dirname(path), 'r');
    await dir.sync().finally(() => dir.close());
  } catch {
    // Some platforms cannot fsync a folder; the file's own fsync still holds.
  }
}

async function endsWithNewline(handle: FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

async function writeAll(handle: FileHandle, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset);
    offset += bytesWritten;
  }
}

/**
 * A journal that is a pipe, a socket or a device (SYNCMATCH_LAB_JOURNAL=/some/fifo) would block
 * the first read forever (issue 14): refused with a sentence instead.
 */
async function refuseSpecialFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (info && !info.isFile()) {
    throw new UserFacingError(
      `The write journal ${path} is not a regular file (${info.isDirectory() ? 'a folder' : 'a pipe, socket or device'}).`,
      'JOURNAL_UNWRITABLE',
      'Point SYNCMATCH_DATA_DIR (or SYNCMATCH_LAB_JOURNAL) at a folder or file of your own.',
      EXIT.usage,
    );
  }
}

function journalError(path: string, error: unknown, verb = 'written'): UserFacingError {
  if (error instanceof UserFacingError) return error;
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message ?? String(error);
  const err = new UserFacingError(
    `The write journal ${path} could not be ${verb} (${reason}).`,
    'JOURNAL_UNWRITABLE',
    'Check that the folder exists and is writable by you, or set SYNCMATCH_DATA_DIR to a writable folder.',
  );
  err.cause = error;
  return err;
}
