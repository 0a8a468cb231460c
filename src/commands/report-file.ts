// Writes a report file (--report <file>): refuses to overwrite an existing file unless --force is
// given (the check and the create are one open(), so nothing is clobbered in between), removes any
// secret this run holds, and is readable by its owner only.
// The integrator may merge this with issue 14's no-clobber helper for --csv/--out.
import { open } from 'node:fs/promises';
import { redactText } from '../app/redact.js';
import { UsageError, UserFacingError } from '../core/errors.js';

export interface ReportFileOptions {
  force?: boolean;
  secrets?: readonly string[];
}

export async function writeReportFile(
  path: string,
  content: string,
  opts: ReportFileOptions = {},
): Promise<void> {
  let handle;
  try {
    handle = await open(path, opts.force ? 'w' : 'wx', 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new UsageError(
        `${path} already exists; nothing was written to it.`,
        'Add --force to overwrite it, or choose another file.',
      );
    throw new UserFacingError(
      `Could not write the report ${path}: ${(e as Error).message}`,
      'REPORT_WRITE',
      'Check the folder exists and is writable.',
    );
  }
  try {
    await handle.writeFile(redactText(content, opts.secrets), 'utf8');
  } finally {
    await handle.close();
  }
}

/** Fails before any work when the report file exists and --force was not given. */
export async function checkReportTarget(path: string | undefined, force: boolean | undefined): Promise<void> {
  if (!path || force) return;
  const { access } = await import('node:fs/promises');
  try {
    await access(path);
  } catch {
    return;
  }
  throw new UsageError(`${path} already exists.`, 'Add --force to overwrite it, or choose another file.');
}
