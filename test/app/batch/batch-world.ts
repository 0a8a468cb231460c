// A generated lab for batch tests: the lab environment (in-memory AD, the HTTPS Graph simulator
// through the real Graph adapter, the lab's sync engine), a journal and batch records in a
// temporary folder, and the batch's dependencies built from them as the command builds them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBatchRecords } from '../../../src/adapters/journal/batch-records.js';
import { openJsonlJournal } from '../../../src/adapters/journal/jsonl-journal.js';
import type { BatchDeps } from '../../../src/app/batch/run-batch.js';
import { createWizardServices } from '../../../src/app/wizard-services.js';
import { openLabEnvironment, type LabEnvironment } from '../../../src/commands/lab-environment.js';
import { generateScenario } from '../../../src/lab/generator/generate.js';
import type { Clock } from '../../../src/ports.js';

/** Real time (the throttle gate waits out Retry-After for real, in ms-sized test windows). */
export const realClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const t = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
    }),
};

export interface BatchWorld {
  env: LabEnvironment;
  deps: BatchDeps;
  dir: string;
  /** Every AD user's objectGUID, in the scenario's order. */
  userGuids: string[];
  close(): Promise<void>;
}

export async function openBatchWorld(users: number, seed: string): Promise<BatchWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'syncmatch-batch-'));
  const scenario = generateScenario({ users, seed });
  const env = await openLabEnvironment(scenario, {});
  const journal = openJsonlJournal(join(dir, 'lab-journal.jsonl'));
  const services = createWizardServices({
    ...env,
    journal,
    clock: realClock,
    operator: 'test',
    undoCommand: null,
  });
  const deps: BatchDeps = {
    diagnose: (identity, signal) => services.diagnose(identity, () => {}, signal),
    ops: env.batchOps,
    journal,
    records: openBatchRecords(journal.path),
    tenant: env.tenant,
    trigger: env.trigger,
    clock: realClock,
    operator: 'test',
    pollMs: 10,
    syncTimeoutMs: 5_000,
    readBackDelaysMs: [0, 20],
  };
  return {
    env,
    deps,
    dir,
    userGuids: scenario.ad.objects.filter((o) => o.objectClass === 'user').map((o) => o.objectGUID),
    async close() {
      await env.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
