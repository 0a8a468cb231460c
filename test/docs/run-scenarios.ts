// Runs every shipped scenario the ways the product talks to Graph (diagnose, scan, fix --yes with
// its stale-plan guard and verification) and returns what the simulator logged for each run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFix } from '../../src/app/fix-flow.js';
import { collectSnapshot } from '../../src/app/collect-snapshot.js';
import { scanDirectory } from '../../src/app/scan.js';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { openLabEnvironment } from '../../src/commands/lab-environment.js';
import type { LoggedRequest } from '../../src/lab/graph-simulator/faults.js';
import { listShippedScenarios } from '../../src/lab/scenario-loader.js';
import type { Clock } from '../../src/ports.js';

const instant: Clock = { now: () => new Date(), sleep: async () => {} };

export async function logsOfEveryScenario(): Promise<{ scenario: string; entries: LoggedRequest[] }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'syncmatch-docs-'));
  const out: { scenario: string; entries: LoggedRequest[] }[] = [];
  try {
    for (const { name } of await listShippedScenarios()) {
      process.env.SYNCMATCH_LAB_JOURNAL = join(dir, `${name}.jsonl`);
      const env = await openLabEnvironment(name, {});
      try {
        const deps = { directory: env.directory, tenant: env.tenant, sync: env.sync };
        await collectSnapshot(deps, env.suggestedIdentity!);
        await scanDirectory({ ...env.bulk, sync: env.sync }, { scope: [] });
        const services = createWizardServices({
          ...env,
          clock: instant,
          operator: 'docs',
          undoCommand: null,
        });
        await runFix(services, env.suggestedIdentity!, new AbortController().signal, undefined, {
          allowPurge: true,
        });
        out.push({ scenario: name, entries: [...env.simulator.log.entries] });
      } finally {
        await env.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    delete process.env.SYNCMATCH_LAB_JOURNAL;
  }
  return out;
}
