// Ctrl-C (SIGINT) reaching the built CLI in the middle of `fix --batch-finding --yes`: it stops
// cleanly (exit 130, "--resume <batch>" named), and every intent it journalled has one result.
// Then `fix --resume <batch> --lab` in a new process meets the lab as the batch left it (saved
// beside the batch's record) and finishes: every user matched, no user written twice.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../src/lab/generator/generate.js';
import { CLI, readJsonLines, spawnCli } from './spawn-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'syncmatch-batch-sigint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lab = join(dir, 'lab.json');
const journal = join(dir, 'lab-journal.jsonl');
const env = { ...process.env, NO_COLOR: '1', SYNCMATCH_DATA_DIR: dir, SYNCMATCH_LAB_JOURNAL: journal };
let batch = '';

interface Line {
  id: string;
  phase: string;
  batch: string;
  batchUser?: string;
  result?: string;
}
const journalLines = (): Line[] => readJsonLines<Line>(journal);

describe.skipIf(!existsSync(CLI))('fix --batch-finding stopped by SIGINT (built CLI)', () => {
  it('exits 130 after the writes under way, naming the resume, with every intent paired', async () => {
    writeFileSync(
      lab,
      JSON.stringify(generateScenario({ users: 400, seed: 'sigint-18', onlyCase: 'stale-immutable-id' })),
    );
    let sent = false;
    const {
      code,
      stdout: out,
      stderr: err,
    } = await spawnCli(
      ['fix', '--lab', lab, '--lab-latency', '150', '--batch-finding', 'STALE_IMMUTABLE_ID', '--yes'],
      env,
      (soFar, child) => {
        // Once a few writes are journalled, Ctrl-C.
        if (!sent && /Writing: [1-9]\d* of/.test(soFar)) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    );
    expect(sent).toBe(true);
    expect(code).toBe(130);
    batch = /Batch (b[\w.-]+): if it stops/.exec(err)![1]!;
    // The hint is printed as this run was started (`node …/dist/cli.js fix --lab <file> --resume …`).
    expect(out).toMatch(
      new RegExp(`(?:syncmatch|cli\\.js|npm start --) fix (?:--lab \\S+ )?--resume ${batch}`),
    );
    expect(err).toContain('Stopping: writes under way finish');
    expect(err).toMatch(new RegExp(`fix (?:--lab \\S+ )?--resume ${batch} opens it`));
    const lines = journalLines();
    const intents = lines.filter((l) => l.phase === 'intent');
    expect(intents.length).toBeGreaterThan(0);
    expect(intents.length).toBeLessThan(400);
    for (const i of intents) {
      expect(i.batch).toBe(batch);
      expect(lines.filter((l) => l.phase === 'result' && l.id === i.id)).toHaveLength(1);
    }
  }, 180_000);

  it('resumes in a new process on the lab the batch left: all matched, nobody written twice', async () => {
    expect(batch).not.toBe('');
    const {
      code,
      stdout: out,
      stderr: err,
    } = await spawnCli(['fix', '--lab', lab, '--resume', batch, '--yes', '--json'], env);
    expect(err).toContain(`Resuming in the lab as batch ${batch} left it`);
    expect(code).toBe(0);
    const { result } = JSON.parse(out) as { result: { counts: Record<string, number> } };
    expect(result.counts.matched).toBe(400);
    const lines = journalLines().filter((l) => l.batch === batch);
    const intents = lines.filter((l) => l.phase === 'intent');
    for (const i of intents)
      expect(lines.filter((l) => l.phase === 'result' && l.id === i.id)).toHaveLength(1);
    // Each user's one write (SET_IMMUTABLE_ID) was made once, over both runs.
    const perUser = new Map<string, number>();
    for (const i of intents) perUser.set(i.batchUser!, (perUser.get(i.batchUser!) ?? 0) + 1);
    expect(perUser.size).toBe(400);
    expect([...perUser.values()].every((n) => n === 1)).toBe(true);
  }, 180_000);
});
