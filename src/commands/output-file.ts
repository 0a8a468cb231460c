// Files a command writes on request (scan --csv, lab generate --out, and any later --report):
// never clobbered, checked before the work starts (issue 14).
// - An existing file is replaced only with --force; a folder, a pipe or a device never is.
// - The folder must exist and be writable: that is known before a long scan, not after it.
// - Without --force the file is created exclusively, so one that appeared meanwhile is not
//   overwritten either; with --force it is written beside the target and renamed over it, so a
//   failed run leaves the old file whole. New files are 0600: they hold directory data.
import { constants } from 'node:fs';
import { access, lstat, open, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { writeWholeFile } from '../adapters/whole-file.js';
import { EXIT, UsageError, UserFacingError } from '../core/errors.js';

export interface OutputFileOptions {
  /** The flag that named the file (--csv, --out, --report), for messages. */
  flag: string;
  /** --force: an existing regular file may be replaced. */
  force?: boolean;
}

/**
 * Checks that `path` may be written, before any work; returns the absolute path. Usage errors
 * (exit 2) for an existing file without --force, a folder, a special file or an unwritable folder.
 */
export async function checkOutputFile(path: string, options: OutputFileOptions): Promise<string> {
  const file = resolve(path);
  const existing = await lstat(file).catch(() => null);
  if (existing) {
    if (existing.isDirectory())
      throw new UsageError(`${options.flag} ${file} is a folder.`, 'Give the path of a file.');
    if (!existing.isFile() && !existing.isSymbolicLink()) {
      throw new UsageError(
        `${options.flag} ${file} is not a regular file (a pipe, socket or device); syncmatch does not write to it.`,
        'Give the path of a file.',
      );
    }
    if (!options.force) {
      throw new UsageError(
        `${file} already exists, and ${options.flag} does not overwrite a file.`,
        `Add --force to replace it, or choose another name.`,
      );
    }
  }
  const folder = dirname(file);
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory())
    throw new UsageError(`The folder ${folder} (${options.flag}) does not exist.`, 'Create it first.');
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new UsageError(
      `The folder ${folder} (${options.flag}) is not writable by you.`,
      'Choose a folder you may write to.',
    );
  }
  return file;
}

/** Writes `text` to a file `checkOutputFile` accepted (see the rules at the top). */
export async function writeOutputFile(file: string, text: string, options: OutputFileOptions): Promise<void> {
  try {
    if (!options.force) {
      const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      try {
        await handle.writeFile(text, 'utf8');
      } finally {
        await handle.close();
      }
      return;
    }
    await writeWholeFile(file, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new UsageError(
        `${file} appeared while syncmatch was working, and ${options.flag} does not overwrite a file.`,
        'Add --force to replace it, or choose another name.',
      );
    }
    throw new UserFacingError(
      `Could not write ${file}: ${code ?? String(e)}.`,
      'OUTPUT_FILE_WRITE',
      'Check that the folder exists, that you may write there and that the disk is not full.',
      EXIT.failure,
    );
  }
}
