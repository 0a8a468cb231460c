// `syncmatch fix --batch / --batch-finding / --resume` through the command line (run(argv)) on a
// generated lab: JSON, the report file, the typed confirmation, and refused flags (exit 2).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixBatchCommand } from '../../src/commands/fix-batch.js';
import { run } from '../../src/commands/run.js';
import { generateScenario } from '../../src/lab/generator/generate.js';

let dir: string;
let lab: string;
let stdout = '';
let stderr = '';
const saved = { journal: process.env.SYNCMATCH_LAB_JOURNAL, data: process.env.SYNCMATCH_DATA_DIR };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sm-batch-'));
  process.env.SYNCMATCH_DATA_DIR = dir;
  process.env.SYNCMATCH_LAB_JOURNAL = join(dir, 'lab-journal.jsonl');
  lab = join(dir, 'lab.json');
  await writeFile(lab, JSON.stringify(generateScenario({ users: 120, seed: 'cmd-18' })));
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
});
afterEach(async () => {
  vi.restoreAllMocks();
  process.env.SYNCMATCH_LAB_JOURNAL = saved.journal;
  process.env.SYNCMATCH_DATA_DIR = saved.data;
  await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => run(['node', 'syncmatch', ...args]);
/** `fix --lab <lab> --batch-finding STALE_IMMUTABLE_ID` and more. */
const staleBatch = (...more: string[]) =>
  cli('fix', '--lab', lab, '--batch-finding', 'STALE_IMMUTABLE_ID', ...more);

describe('syncmatch fix --batch-finding', () => {
  it('fixes every user with the finding, prints the result as JSON and writes a Markdown report', async () => {
    const report = join(dir, 'batch.md');
    const code = await staleBatch('--yes', '--json', '--batch-report', report);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as {
      plan: { toWrite: number; groups: { actions: string }[] };
      result: {
        batchId: string;
        counts: { matched: number };
        users: { outcome: string; written: boolean }[];
      };
    };
    expect(out.plan.toWrite).toBeGreaterThan(0);
    expect(out.result.counts.matched).toBe(out.plan.toWrite);
    expect(out.result.users.every((u) => u.written && u.outcome === 'matched')).toBe(true);
    const md = await readFile(report, 'utf8');
    expect(md).toContain(`# Batch fix ${out.result.batchId}`);
    expect(md).toContain('| SET_IMMUTABLE_ID |');
    // A report is never written over.
    expect(await staleBatch('--yes', '--json', '--batch-report', report)).toBe(0);
    expect(stderr).toContain('the file exists already');
  }, 120_000);
});

describe('syncmatch fix --batch', () => {
  it('asks for the number of users to write and writes nothing on another answer', async () => {
    const list = join(dir, 'users.txt');
    const guids = generateScenario({ users: 120, seed: 'cmd-18' })
      .ad.objects.filter((o) => o.objectClass === 'user')
      .map((o) => o.objectGUID);
    await writeFile(list, guids.join('\n'));
    const asked: string[] = [];
    const code = await fixBatchCommand(
      undefined,
      { lab, batch: list },
      { interactive: () => true, ask: async (q) => (asked.push(q), '1') },
    );
    expect(code).toBe(130);
    expect(asked[0]).toMatch(/^\nType (\d+) to write \1 users; anything else cancels: $/);
    expect(stderr).toContain('Cancelled: nothing was written.');
    expect(stdout).toContain('To write, by plan:');
    expect(stdout).toContain('Left out (fix these one at a time in the wizard):');
    await expect(readFile(join(dir, 'lab-journal.jsonl'), 'utf8')).rejects.toThrow();
  }, 120_000);

  it('refuses bad combinations with exit 2', async () => {
    const list = join(dir, 'users.txt');
    await writeFile(list, 'jdoe\n');
    expect(await cli('fix')).toBe(2);
    expect(await cli('fix', '--lab', lab, '--batch', list, '--resume', 'b1', '--yes')).toBe(2);
    expect(await cli('fix', '--lab', lab, 'jdoe', '--batch', list, '--yes')).toBe(2);
    expect(await cli('fix', '--lab', lab, '--batch-finding', 'NOT_A_CODE', '--yes')).toBe(2);
    expect(await cli('fix', '--lab', lab, '--batch', list, '--scope', 'OU=x,DC=y', '--yes')).toBe(2);
    expect(await cli('fix', '--lab', lab, '--batch', join(dir, 'missing.txt'), '--yes')).toBe(2);
    expect(
      await cli('fix', '--lab', lab, '--batch', list, '--yes', '--batch-report', join(dir, 'r.txt')),
    ).toBe(2);
    expect(await cli('fix', '--lab', lab, '--batch', list)).toBe(2); // no terminal, no --yes
    expect(await cli('fix', '--lab', lab, '--resume', 'b999999-000000-zzzz', '--yes')).toBe(2);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});

describe('syncmatch fix --batch-finding --dry-run', () => {
  it('plans and reports every user, writes nothing, starts no sync, and needs no --yes', async () => {
    const csv = join(dir, 'plan.csv');
    const code = await staleBatch('--dry-run', '--json', '--batch-report', csv);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as {
      dryRun: boolean;
      result: null;
      plan: {
        toWrite: number;
        groups: { actions: string; count: number }[];
        users: { identity: string; status: string; actions: string[] }[];
      };
    };
    expect(out.dryRun).toBe(true);
    expect(out.result).toBeNull();
    expect(out.plan.toWrite).toBeGreaterThan(0);
    const toWrite = out.plan.users.filter((u) => u.status === 'to-write');
    expect(toWrite).toHaveLength(out.plan.toWrite);
    expect(toWrite.every((u) => u.actions.includes('SET_IMMUTABLE_ID'))).toBe(true);
    // Nothing journalled, no batch record, no saved lab: nothing was written or started.
    await expect(readFile(join(dir, 'lab-journal.jsonl'), 'utf8')).rejects.toThrow();
    await expect(readFile(join(dir, 'batches'), 'utf8')).rejects.toThrow();
    const rows = (await readFile(csv, 'utf8')).trim().split('\r\n');
    expect(rows[0]).toBe('identity,user,planned,actions,reason');
    expect(rows).toHaveLength(out.plan.users.length + 1);
    expect(rows.filter((r) => /,to-write,[A-Z_ ]*SET_IMMUTABLE_ID,$/.test(r))).toHaveLength(out.plan.toWrite);

    // The same plan as Markdown, in words on the terminal.
    stdout = '';
    // Read-only allows a dry run (it only reads); a batch that writes is refused.
    expect(await staleBatch('--dry-run', '--read-only', '--json')).toBe(0);
    expect(await staleBatch('--read-only', '--yes')).toBe(2);
    expect(stderr).toContain('add --dry-run to plan the batch without writing');
    await expect(readFile(join(dir, 'lab-journal.jsonl'), 'utf8')).rejects.toThrow();
    stdout = '';
    const md = join(dir, 'plan.md');
    expect(await staleBatch('--dry-run', '--batch-report', md)).toBe(0);
    expect(stdout).toContain('To write, by plan:');
    expect(stdout).toContain('Dry run: nothing was written and no sync was started.');
    const text = await readFile(md, 'utf8');
    expect(text).toContain('# Batch fix plan (dry run: nothing written)');
    for (const g of out.plan.groups) expect(text).toContain(`| ${g.count} | ${g.actions} |`);
    expect(out.plan.groups.reduce((n, g) => n + g.count, 0)).toBe(out.plan.toWrite);
  }, 120_000);

  it('is refused for one user, with what to run instead', async () => {
    expect(await cli('fix', '--lab', lab, 'jdoe', '--dry-run')).toBe(2);
    expect(stderr).toContain('--dry-run goes with a batch');
    expect(stderr).toMatch(/diagnose .*jdoe" shows the plan without writing/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
