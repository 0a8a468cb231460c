// A file written whole or not at all: the text goes to a private temporary file beside it
// (0600, created exclusively), is flushed to disk, and is renamed over the target; on any failure
// the temporary file is removed and the target is as it was. Batch records and saved labs
// (issue 18) and the report files replaced with --force (issue 14) are written this way.
import { constants } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeWholeFile(file: string, text: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
