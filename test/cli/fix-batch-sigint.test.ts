// Ctrl-C (SIGINT) reaching the built CLI in the middle of `fix --batch-finding --yes`: it stops
// cleanly (exit 130, "--resume <batch>" named), and every intent it journalled has one result.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../src/lab/generator/generate.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'syncmatch-batch-sigint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync(CLI))('fix --batch-finding stopped by SIGINT (built CLI)', () => {
  it('exits 130 after the writes under way, naming the resume, with every intent paired', async () => {
    const lab = join(dir, 'lab.json');
    writeFileSync(
      lab,
      JSON.stringify(generateScenario({ users: 400, seed: 'sigint-18', onlyCase: 'stale-immutable-id' })),
    );
    const journal = join(dir, 'lab-journal.jsonl');
    const child = spawn(
      process.execPath,
      [CLI, 'fix', '--lab', lab, '--lab-latency', '150', '--batch-finding', 'STALE_IMMUTABLE_ID', '--yes'],
      {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1', SYNCMATCH_DATA_DIR: dir, SYNCMATCH_LAB_JOURNAL: journal },
      },
    );
    let err = '';
    let out = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      // Once a few writes are journalled, Ctrl-C.
      if (!sent && /Writing: [1-9]\d* of/.test(err)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(sent).toBe(true);
    expect(code).toBe(130);
    const batch = /Batch (b[\w.-]+): if it stops/.exec(err)![1]!;
    // The hint is printed as this run was started (`node …/dist/cli.js fix --lab <file> --resume …`).
    expect(out).toMatch(
      new RegExp(`(?:syncmatch|cli\\.js|npm start --) fix (?:--lab \\S+ )?--resume ${batch}`),
    );
    expect(err).toContain('Stopping: writes under way finish');
    const lines = readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; phase: string; batch: string; result?: string });
    const intents = lines.filter((l) => l.phase === 'intent');
    expect(intents.length).toBeGreaterThan(0);
    expect(intents.length).toBeLessThan(400);
    for (const i of intents) {
      expect(i.batch).toBe(batch);
      expect(lines.filter((l) => l.phase === 'result' && l.id === i.id)).toHaveLength(1);
    }
  }, 180_000);
});
