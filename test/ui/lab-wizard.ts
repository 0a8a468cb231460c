// What the wizard tests that walk a lab scenario through the real adapters share: a private lab
// journal per file, the lab environments closed afterwards, an instant clock, and a wait for text.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import type { Clock } from '../../src/ports.js';
import { renderWizardApp, unmountAll } from './harness.js';

export const instant: Clock = { now: () => new Date(), sleep: async () => {} };

export type Ui = Awaited<ReturnType<typeof renderWizardApp>>;

/** Waits (up to about 5 s) until the screen shows `pattern`; fails with the last frame. */
export async function until(ui: Ui, pattern: RegExp | string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const text = ui.text();
    if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return;
    await ui.settle();
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never showed ${String(pattern)}; last frame:\n${ui.frame()}`);
}

/**
 * Registers this file's hooks: a lab journal in a fresh folder (SYNCMATCH_LAB_JOURNAL), screens
 * unmounted after each test, environments closed and the folder removed at the end. Returns the
 * journal's folder and an opener that keeps each environment for closing.
 */
export function labWizardFile(prefix: string) {
  let dir = '';
  const envs: LabEnvironment[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    process.env.SYNCMATCH_LAB_JOURNAL = join(dir, 'lab.jsonl');
  });
  afterEach(unmountAll);
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
