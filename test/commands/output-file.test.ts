// Never clobber (issue 14): the one module scan --csv and lab generate --out (and --report) use.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkOutputFile, writeOutputFile } from '../../src/commands/output-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncmatch-out-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('checkOutputFile / writeOutputFile', () => {
  it('writes a new file, 0600', async () => {
    const file = await checkOutputFile(join(dir, 'a.csv'), { flag: '--csv' });
    await writeOutputFile(file, 'x\n', { flag: '--csv' });
    expect(readFileSync(file, 'utf8')).toBe('x\n');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses an existing file without --force (exit 2), replaces it with --force', async () => {
    const file = join(dir, 'a.csv');
    writeFileSync(file, 'old');
    await expect(checkOutputFile(file, { flag: '--csv' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/already exists, and --csv does not overwrite/),
    });
    await checkOutputFile(file, { flag: '--csv', force: true });
    await writeOutputFile(file, 'new', { flag: '--csv', force: true });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(existsSync(join(dir, `.a.csv.${process.pid}.tmp`))).toBe(false);
  });

  it('does not overwrite a file that appeared after the check', async () => {
    const file = await checkOutputFile(join(dir, 'b.csv'), { flag: '--out' });
    writeFileSync(file, 'someone else');
    await expect(writeOutputFile(file, 'mine', { flag: '--out' })).rejects.toMatchObject({ exitCode: 2 });
    expect(readFileSync(file, 'utf8')).toBe('someone else');
  });

  it('refuses a folder and a missing folder before any work', async () => {
    await expect(checkOutputFile(dir, { flag: '--out' })).rejects.toThrow(/is a folder/);
    await expect(checkOutputFile(join(dir, 'no', 'x'), { flag: '--out' })).rejects.toThrow(/does not exist/);
  });

  it.runIf(process.getuid?.() !== 0 && process.platform !== 'win32')(
    'refuses a folder it may not write to',
    async () => {
      chmodSync(dir, 0o500);
      try {
        await expect(checkOutputFile(join(dir, 'x'), { flag: '--out' })).rejects.toThrow(/not writable/);
      } finally {
        chmodSync(dir, 0o700);
      }
    },
  );
});
