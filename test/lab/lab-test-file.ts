// What tests that open lab environments through the real adapters share: a private lab journal
// per test file (SYNCMATCH_LAB_JOURNAL in a fresh folder), every environment closed and the folder
// removed at the end, an instant clock, and the wizard's services on an environment.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import type { Clock } from '../../src/ports.js';

export const instant: Clock = { now: () => new Date(), sleep: async () => {} };

/** Registers this file's hooks; returns the journal's folder and an opener that keeps each
 *  environment for closing. */
export function labTestFile(prefix: string) {
  let dir = '';
  const envs: LabEnvironment[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    process.env.SYNCMATCH_LAB_JOURNAL = join(dir, 'lab.jsonl');
  });
  afterAll(async () => {
    await Promise.all(envs.map((e) => e.close()));
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    open: async (...args: Parameters<typeof openLabEnvironment>) => {
      const env = await openLabEnvironment(...args);
      envs.push(env);
      return env;
    },
  };
}

/** The wizard's services on a lab environment, with the instant clock. */
export function labServices(env: LabEnvironment) {
  return createWizardServices({ ...env, clock: instant, operator: 'test', undoCommand: null });
}
