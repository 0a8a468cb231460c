// `fix --resume <id> --lab` and `journal undo --batch <id> --lab` in a new process (issue 18): the
// lab the batch left, saved beside its record, instead of a fresh one. No saved lab: null, and the
// caller decides (the resume opens the lab as asked; the undo has nothing to revert).
import { readFile } from 'node:fs/promises';
import { parseSavedLab } from '../lab/lab-state-file.js';
import type { Environment } from './environment-types.js';
import type { GlobalOptions } from './global-options.js';
import { openLabEnvironment } from './lab-environment.js';
import type { Output } from './output.js';

export async function openSavedLab(
  file: string,
  opts: GlobalOptions,
  out: Output,
  purpose: 'resume' | 'undo' = 'resume',
): Promise<Environment | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const then = purpose === 'resume' ? 'the resume starts from a fresh lab' : 'there is no lab to revert';
    out.status(
      code === 'ENOENT'
        ? `No lab was saved for this batch: ${then}.`
        : `! The saved lab ${file} could not be read (${code ?? String(e)}): ${then}.`,
    );
    return null;
  }
  const saved = parseSavedLab(text, file);
  out.status(
    `${purpose === 'resume' ? 'Resuming' : 'Reverting'} in the lab as batch ${saved.batch} left it at ${saved.savedAt} (${file}).`,
  );
  return openLabEnvironment(saved.scenario, opts, {}, saved);
}
