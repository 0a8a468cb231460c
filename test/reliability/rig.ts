// A lab environment for fault runs, built like `--lab` (in-memory AD, the HTTPS Graph simulator
// through the real Graph adapter, a JSONL journal) with the knobs a fault needs: a Graph request
// timeout, a credential that keeps its first token, another sync trigger, and a clock whose sleeps
// pass at once (read-back delays, busy retries and sync polling cost no real time).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as tick } from 'node:timers/promises';
import { createGraphClient } from '../../src/adapters/graph/client.js';
import { GraphTenant } from '../../src/adapters/graph/graph-tenant.js';
import { openJsonlJournal } from '../../src/adapters/journal/jsonl-journal.js';
import type { WizardServices } from '../../src/app/services.js';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { startGraphSimulator, type GraphSimulator } from '../../src/lab/graph-simulator/server.js';
import { InMemoryDirectory } from '../../src/lab/in-memory-ad.js';
import { createLabState, type LabState } from '../../src/lab/lab-state.js';
import { LabSyncTrigger } from '../../src/lab/lab-sync-trigger.js';
import { loadScenario } from '../../src/lab/scenario-loader.js';
import type { Clock, Journal, OnPremDirectory, SyncTrigger } from '../../src/ports.js';
import { checkIntegrity, type Integrity } from './integrity.js';

export interface RigOptions {
  /** Give up on a Graph request after this long (default 2 s: no fault here needs longer). */
  graphTimeoutMs?: number;
  /** 'renewing': asks the simulator for its current token per request (a credential that
   *  refreshes); 'fixed': keeps the first token for the whole run. */
  credential?: 'renewing' | 'fixed';
  /** Replaces the lab's sync engine as the remoting hook. */
  trigger?: (state: LabState) => SyncTrigger;
  /** Replaces the in-memory AD. */
  directory?: OnPremDirectory;
}

export interface Rig {
  state: LabState;
  sim: GraphSimulator;
  tenant: GraphTenant;
  journal: Journal;
  services: WizardServices;
  clock: Clock;
  /** Held against the simulator's request log and (optionally) the lab's state now. */
  integrity(options?: { checkLiveState?: boolean }): Promise<Integrity>;
  close(): Promise<void>;
}

/** Virtual time: it moves only when someone sleeps, and a sleep returns on the next turn of the
 *  event loop (so deadlines are reached after exactly the sleeps that fill them). */
export function fastClock(): Clock {
  const start = Date.now();
  let offset = 0;
  return {
    now: () => new Date(start + offset),
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      offset += ms;
      await tick();
    },
  };
}

export async function openRig(scenarioRef: string, options: RigOptions = {}): Promise<Rig> {
  const scenario = await loadScenario(scenarioRef);
  const state = createLabState(scenario);
  const sim = await startGraphSimulator(state, { maxRuntimeMs: 120_000 });
  const firstToken = sim.token;
  const graph = createGraphClient({
    baseUrl: sim.baseUrl,
    ca: sim.ca,
    timeoutMs: options.graphTimeoutMs ?? 2_000,
    getAccessToken: async () => (options.credential === 'fixed' ? firstToken : sim.token),
  });
  const tenant = new GraphTenant({
    client: graph.client,
    tenantLabel: `lab:${scenario.tenant.initialDomain}`,
  });
  const dir = mkdtempSync(join(tmpdir(), 'syncmatch-faults-'));
  const file = openJsonlJournal(join(dir, 'journal.jsonl'));
  // When each intent had reached the disk, on the simulator's clock (performance.now()).
  const intentWritten = new Map<string, number>();
  const journal: Journal = {
    path: file.path,
    read: () => file.read(),
    unfinishedWrites: () => file.unfinishedWrites(),
    async append(entry) {
      await file.append(entry);
      if (entry.phase === 'intent') intentWritten.set(entry.id, performance.now());
    },
  };
  const trigger = options.trigger?.(state) ?? new LabSyncTrigger(state);
  const directory = options.directory ?? new InMemoryDirectory(state);
  const clock = fastClock();
  const services = createWizardServices({
    label: `lab: ${scenario.name}`,
    directory,
    tenant,
    trigger,
    sync: { sourceAnchor: state.sync.sourceAnchor, scope: state.sync.scope },
    journal,
    clock,
    operator: 'reliability',
    undoCommand: null,
    suggestedIdentity: scenario.identity,
    syncTimeoutMs: 60_000,
    pollMs: 5_000,
    busyRetryMs: 10_000,
  });
  return {
    state,
    sim,
    tenant,
    journal,
    services,
    clock,
    integrity: (o = {}) =>
      checkIntegrity({
        log: sim.log.entries,
        journal,
        intentWritten,
        ...(o.checkLiveState ? { state } : {}),
      }),
    async close() {
      if (trigger instanceof LabSyncTrigger) trigger.close();
      await directory.close();
      await graph.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
