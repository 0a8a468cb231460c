// What the wizard tests that walk a lab scenario through the real adapters share: a private lab
// journal per file, the lab environments closed afterwards, an instant clock, and a wait for text.
import { afterEach } from 'vitest';
import { labTestFile } from '../lab/lab-test-file.js';
import { renderWizardApp, unmountAll } from './harness.js';

export { instant } from '../lab/lab-test-file.js';

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
 * Registers this file's hooks: those of labTestFile (a private lab journal, environments closed,
 * the folder removed) and screens unmounted after each test.
 */
export function labWizardFile(prefix: string) {
  afterEach(unmountAll);
  return labTestFile(prefix);
}
