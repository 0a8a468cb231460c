// The built-in lab as an Environment: the in-memory AD, the HTTPS Graph simulator reached through
// the real Graph adapter, the lab's sync engine as the remoting hook, and a lab journal (kept apart
// from the real one).
import { GraphBulkReader } from '../adapters/graph/bulk-reader.js';
import { createGraphClient } from '../adapters/graph/client.js';
import { GraphTenant } from '../adapters/graph/graph-tenant.js';
import { GraphBatchOps } from '../adapters/graph/batch-ops.js';
import { writePrivateFile } from '../adapters/journal/batch-records.js';
import { openJsonlJournal } from '../adapters/journal/jsonl-journal.js';
import { labJournalPath } from '../adapters/journal/location.js';
import { startGraphSimulator, type GraphSimulator } from '../lab/graph-simulator/server.js';
import { parseWriteBudget, type WriteBudgetOptions } from '../lab/graph-simulator/write-budget.js';
import { UsageError } from '../core/errors.js';
import { LabDirectoryBulkReader } from '../lab/bulk-readers.js';
import { InMemoryForests } from '../lab/in-memory-forests.js';
import { forestOrder, labForests } from '../lab/lab-forests.js';
import { createLabState, type LabState } from '../lab/lab-state.js';
import { labStateJson, type SavedLab } from '../lab/lab-state-file.js';
import { LabSyncTrigger, type LabSyncOptions } from '../lab/lab-sync-trigger.js';
import { loadScenario } from '../lab/scenario-loader.js';
import type { Scenario } from '../lab/scenario-schema.js';
import type { TenantBatchOps } from '../batch-ports.js';
import { applyLabActions } from '../lab/lab-actions.js';
import type { LabAction } from '../core/plan-types.js';
import type { BulkReaders, Environment } from './environment-types.js';
import type { GlobalOptions } from './global-options.js';

export interface LabEnvironment extends Environment {
  state: LabState;
  /** The HTTPS Graph simulator (its request log counts round trips; faults for tests). */
  simulator: GraphSimulator;
  trigger: LabSyncTrigger;
  bulk: BulkReaders;
  batchOps: TenantBatchOps;
  /** "Do it in the lab": a MANUAL step's change on the lab's AD or tenant. */
  labActions: (actions: readonly LabAction[]) => Promise<string[]>;
}

/** Requests the lab's simulator remembers (tests count far fewer; older ones are dropped; between
 *  5 000 and 10 000 entries are ~4–8 MB, where 20 000 held 25 MB through a 10 000-user batch). */
export const LAB_REQUEST_LOG_LIMIT = 5_000;

/**
 * Opens the lab on a scenario: a shipped name or a path (validated here), or one already loaded.
 * `saved`: the lab a batch left (lab-state-file.ts), whose scenario is the one passed; the sync
 * engine's joins and run count carry on from it.
 */
export async function openLabEnvironment(
  scenarioRef: string | Scenario | undefined,
  opts: GlobalOptions,
  sync: LabSyncOptions = {},
  saved?: Pick<SavedLab, 'joins' | 'syncRuns'>,
): Promise<LabEnvironment> {
  const owned = typeof scenarioRef !== 'object';
  const scenario = owned ? await loadScenario(scenarioRef ?? 'stale-immutable-id') : scenarioRef;
  // A scenario loaded here is nobody else's: the state takes it over instead of copying it.
  const state = createLabState(scenario, { owned });
  if (saved) {
    state.joins = { ...saved.joins };
    state.syncRuns = saved.syncRuns;
  }
  const sim = await startGraphSimulator(state, {
    latencyMs: opts.labLatency ?? 0,
    writeBudget: labWriteBudget(process.env.SYNCMATCH_LAB_WRITE_BUDGET),
    // A lab session keeps its latest requests only: a batch over 10 000 users makes ~500 000.
    requestLogLimit: LAB_REQUEST_LOG_LIMIT,
  });
  const graph = createGraphClient({
    baseUrl: sim.baseUrl,
    ca: sim.ca,
    getAccessToken: async () => sim.token,
  });
  const trigger = new LabSyncTrigger(state, sync);
  // --lab-latency applies to both sides: each LDAP search costs a round trip like each Graph request.
  const directory = new InMemoryForests(state, { latencyMs: opts.labLatency ?? 0 });
  const forests = labForests(state.ad);
  return {
    label: `lab: ${scenario.name}`,
    state,
    simulator: sim,
    directory,
    // The lab's AD write (SET_CONSISTENCY_GUID), in whichever forest holds the user (issue 21).
    onPremWriter: directory,
    tenant: new GraphTenant({ client: graph.client, tenantLabel: `lab:${scenario.tenant.initialDomain}` }),
    trigger,
    sync: {
      sourceAnchor: state.sync.sourceAnchor,
      scope: state.sync.scope,
      ...(forests.length > 1 ? { forests: forestOrder(forests) } : {}),
    },
    journal: openJsonlJournal(labJournalPath()),
    suggestedIdentity: scenario.identity,
    secrets: [],
    labActions: async (actions) => applyLabActions(state, actions),
    // The scan reads the lab's AD page by page and the tenant through the simulator and the real
    // Graph adapter, as it would read a real tenant.
    bulk: {
      directory: new LabDirectoryBulkReader(state, { latencyMs: opts.labLatency ?? 0 }),
      tenant: new GraphBulkReader(graph.client),
    },
    batchOps: new GraphBatchOps(graph.client),
    saveLab: (file, batchId) => writePrivateFile(file, labStateJson(state, batchId, new Date())),
    async close() {
      trigger.close();
      await directory.close();
      await graph.close();
      await sim.close();
    },
  };
}

/** SYNCMATCH_LAB_WRITE_BUDGET=3000/150s: the simulator throttles writes past it (429, Retry-After). */
function labWriteBudget(value: string | undefined): WriteBudgetOptions | null {
  if (value === undefined || value.trim() === '' || value.trim() === 'off') return null;
  const budget = parseWriteBudget(value);
  if (!budget) {
    throw new UsageError(
      `SYNCMATCH_LAB_WRITE_BUDGET="${value}" is not a write budget.`,
      "Write it as writes per window, e.g. 3000/150s (Graph's documented quota) or 20/1s.",
    );
  }
  return budget;
}
