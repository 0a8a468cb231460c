// `journal undo --batch <id>` through the built CLI (issue 18, the way back): a lab batch stopped
// by Ctrl-C after some writes is reverted in a new process on the lab it left: every done write is
// undone (journalled with undoOf), the saved lab holds the users' values from before the batch,
// and a second run finds nothing to revert. Without --lab the main journal has no such batch.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../src/lab/generator/generate.js';
import { parseSavedLab } from '../../src/lab/lab-state-file.js';
import { CLI, readJsonLines, spawnCli } from './spawn-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'syncmatch-batch-undo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lab = join(dir, 'lab.json');
const journal = join(dir, 'lab-journal.jsonl');
const env = { ...process.env, NO_COLOR: '1', SYNCMATCH_DATA_DIR: dir, SYNCMATCH_LAB_JOURNAL: journal };

interface Line {
  id: string;
  phase: string;
  batch?: string;
  undoOf?: string;
  result?: string;
  target: { id: string };
  before: string | null;
}
const journalLines = (): Line[] => readJsonLines<Line>(journal);

describe.skipIf(!existsSync(CLI))('journal undo --batch (built CLI)', () => {
  it('reverts every done write of a stopped lab batch, then finds nothing more to revert', async () => {
    const scenario = generateScenario({ users: 200, seed: 'undo-18', onlyCase: 'stale-immutable-id' });
    writeFileSync(lab, JSON.stringify(scenario));
    let sent = false;
    const first = await spawnCli(
      ['fix', '--lab', lab, '--lab-latency', '100', '--batch-finding', 'STALE_IMMUTABLE_ID', '--yes'],
      env,
      (soFar, child) => {
        if (!sent && /Writing: [1-9]\d* of/.test(soFar)) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    );
    expect(first.code).toBe(130);
    const batch = /Batch (b[\w.-]+): if it stops/.exec(first.stderr)![1]!;
    const done = journalLines().filter(
      (l) => l.batch === batch && l.phase === 'result' && l.result === 'done',
    );
    expect(done.length).toBeGreaterThan(0);

    // Not in the main journal: a sentence and exit 2.
    const elsewhere = await spawnCli(['journal', 'undo', '--batch', batch, '--yes'], env);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain(`No write of batch ${batch} is in the journal`);

    const undo = await spawnCli(['journal', 'undo', '--batch', batch, '--lab', lab, '--yes', '--json'], env);
    expect(undo.stderr).toContain(`Reverting in the lab as batch ${batch} left it`);
    expect(undo.code).toBe(0);
    const out = JSON.parse(undo.stdout) as { outcomes: { id: string; outcome: { status: string } }[] };
    expect(out.outcomes.map((o) => o.id).sort()).toEqual(done.map((d) => d.id).sort());
    expect(out.outcomes.every((o) => o.outcome.status === 'done')).toBe(true);
    // Each undo is journalled as a write of its own, pointing at the batch write it reverts.
    const undos = journalLines().filter((l) => l.undoOf && l.phase === 'result' && l.result === 'done');
    expect(undos.map((l) => l.undoOf).sort()).toEqual(done.map((d) => d.id).sort());
    // The saved lab holds every reverted user's immutableId from before the batch.
    const saved = parseSavedLab(readFileSync(join(dir, 'batches', `${batch}.lab.json`), 'utf8'), 'saved');
    for (const d of done) {
      const before = scenario.tenant.users.find((u) => u.id === d.target.id)!.onPremisesImmutableId;
      expect(saved.scenario.tenant.users.find((u) => u.id === d.target.id)!.onPremisesImmutableId).toBe(
        before,
      );
    }

    const again = await spawnCli(['journal', 'undo', '--batch', batch, '--lab', lab, '--yes'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`0 of its`);
    expect(again.stdout).toContain(`${done.length} already reverted`);
    expect(again.stderr).toContain('Nothing to revert.');
  }, 180_000);
});
