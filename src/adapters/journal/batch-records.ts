// Batch records (who is in a batch fix, and with which options) as one JSON file per batch in a
// `batches` folder beside the journal, private to the user like the journal itself (0600 in 0700).
// Written once, before the batch's first write, so `syncmatch fix --resume <id>` always finds it.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BatchRecord, BatchRecordStore } from '../../batch-ports.js';
import { writeWholeFile } from '../whole-file.js';
import { UserFacingError } from '../../core/errors.js';

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9.-]{0,80}$/;

/** A file of batch `id` in the `batches` folder beside the journal (`suffix`: `.json` for its
 *  record, `.lab.json` for the lab it left, issue 18). */
export function batchFile(journalPath: string, id: string, suffix = '.json'): string {
  if (!SAFE_ID.test(id)) {
    throw new UserFacingError(
      `"${id}" is not a batch id.`,
      'BATCH_ID_INVALID',
      'Copy the id the batch printed, e.g. b251203-101500-abcd.',
      2,
    );
  }
  return join(dirname(journalPath), 'batches', `${id}${suffix}`);
}

/** The lab a batch left (saved beside its record, issue 18): `fix --resume` and `journal undo
 *  --batch` in the lab open it. */
export function savedLabFile(journalPath: string, id: string): string {
  return batchFile(journalPath, id, '.lab.json');
}

/** Writes `text` whole or not at all, private to the user, in a folder made private if new. */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeWholeFile(file, text);
}

export function openBatchRecords(journalPath: string): BatchRecordStore {
  const fileOf = (id: string) => batchFile(journalPath, id);
  return {
    async save(record) {
      const file = fileOf(record.id);
      try {
        await writePrivateFile(file, `${JSON.stringify(record, null, 1)}\n`);
      } catch (error) {
        throw new UserFacingError(
          `The batch record ${file} could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)}); nothing was written to the tenant.`,
          'BATCH_RECORD_UNWRITABLE',
          'Check that the folder is writable by you, or set SYNCMATCH_DATA_DIR to a writable folder.',
        );
      }
    },
    async load(id) {
      const file = fileOf(id);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new UserFacingError(`The batch record ${file} could not be read.`, 'BATCH_RECORD_UNREADABLE');
      }
      try {
        const r = JSON.parse(text) as BatchRecord;
        if (r.id !== id || !Array.isArray(r.identities)) throw new Error('shape');
        return r;
      } catch {
        throw new UserFacingError(
          `The batch record ${file} is damaged.`,
          'BATCH_RECORD_DAMAGED',
          'Start the batch again from its list.',
        );
      }
    },
  };
}
