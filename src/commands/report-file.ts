// Writes a report or case file (--report, --handoff) by the same no-clobber rules as every file a
// command writes (output-file.ts: checked before the work, never overwritten without --force,
// 0600), with any secret this run holds removed first.
import { redactText } from '../app/redact.js';
import { checkOutputFile, writeOutputFile } from './output-file.js';

export interface ReportFileOptions {
  force?: boolean;
  secrets?: readonly string[];
  /** The flag that named the file, for messages (default --report). */
  flag?: string;
}

export async function writeReportFile(
  path: string,
  content: string,
  opts: ReportFileOptions = {},
): Promise<void> {
  const options = { flag: opts.flag ?? '--report', force: opts.force };
  const file = await checkOutputFile(path, options);
  await writeOutputFile(file, redactText(content, opts.secrets), options);
}

/** Fails before any work when the file may not be written (exists without --force, no folder…). */
export async function checkReportTarget(
  path: string | undefined,
  force: boolean | undefined,
  flag = '--report',
): Promise<void> {
  if (path) await checkOutputFile(path, { flag, force });
}
