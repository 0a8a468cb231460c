// A crash between "intent" and "result": a real child process is killed (SIGKILL, nothing gets to
// clean up) while its write is in flight; the next run must report the write as unfinished.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openJsonlJournal } from '../../src/adapters/journal/jsonl-journal.js';

const root = resolve(import.meta.dirname, '..', '..');
const url = (p: string) => pathToFileURL(join(root, p)).href;

describe('a crash in the middle of a write', () => {
  it('leaves the intent on disk, and the next run lists the write as unfinished', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sm-crash-'));
    const journalPath = join(dir, 'journal.jsonl');
    const script = join(dir, 'child.mts'); // .mts: ESM outside the package
    writeFileSync(
      script,
      `
import { openJsonlJournal } from ${JSON.stringify(url('src/adapters/journal/jsonl-journal.ts'))};
import { applyStep } from ${JSON.stringify(url('src/app/apply-step.ts'))};
import { memoryTenant, cloudUser } from ${JSON.stringify(url('test/helpers/memory-tenant.ts'))};
import { setStep, USER_ID, OLD } from ${JSON.stringify(url('test/app/apply-step-fixtures.ts'))};
const tenant = memoryTenant({ users: [cloudUser({ id: USER_ID, userPrincipalName: 'jdoe@contoso.com', onPremisesImmutableId: OLD })] });
// The write hangs (a slow Graph); the parent kills us while it does.
tenant.beforeWrite = () => { process.stdout.write('writing\\n'); return new Promise(() => setInterval(() => {}, 1000)); };
await applyStep({ tenant, journal: openJsonlJournal(${JSON.stringify(journalPath)}), operator: 'ann' }, setStep());
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killedAt = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', () => fail(new Error(`the child ended before its write: ${stderr}`)));
      child.stdout.on('data', (d: Buffer) => {
        if (!d.toString().includes('writing')) return;
        clearTimeout(timer);
        const onDisk = readFileSync(journalPath, 'utf8');
        child.kill('SIGKILL');
        done(onDisk);
      });
    });
    await new Promise((r) => child.once('exit', r));

    expect(
      killedAt
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).phase),
    ).toEqual(['intent']);
    const journal = openJsonlJournal(journalPath);
    const { problems, writes } = await journal.read();
    expect(problems).toEqual([]);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.result).toBeNull();
    expect(await journal.unfinishedWrites()).toEqual([
      expect.stringMatching(/^Write \S+ \(SET_IMMUTABLE_ID on jdoe@contoso\.com .*\) has no recorded result/),
    ]);
  });
});
