// applyStep and undo against the real Graph adapter and the lab's HTTPS Graph simulator, on plans
// made by the real planner from shipped scenarios: what the guard compares is what Graph returns.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../src/adapters/graph/client.js';
import { GraphTenant } from '../../src/adapters/graph/graph-tenant.js';
import { openJsonlJournal } from '../../src/adapters/journal/jsonl-journal.js';
import { applyStep } from '../../src/app/apply-step.js';
import { undoEntry } from '../../src/app/undo.js';
import { expectedAnchor } from '../../src/core/anchor.js';
import { diagnose } from '../../src/core/diagnose.js';
import type { Diagnosis } from '../../src/core/diagnosis-types.js';
import type { OnPremObject } from '../../src/core/snapshot.js';
import { startGraphSimulator } from '../../src/lab/graph-simulator/server.js';
import { createLabState } from '../../src/lab/lab-state.js';
import type { LabState } from '../../src/lab/lab-state.js';
import { loadScenario } from '../../src/lab/scenario-loader.js';

// A token shaped like a real one, so the secrets scan looks for something a leak would contain.
const TOKEN = 'eyJ0eXAiOiJKV1QifQ.eyJ0aWQiOiJjb250b3NvIn0.bGFiLXNpZ25hdHVyZQ';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function lab(scenarioName: string) {
  const scenario = await loadScenario(scenarioName);
  const state = createLabState(scenario);
  const sim = await startGraphSimulator(state, { token: TOKEN, maxRuntimeMs: 60_000 });
  const graph = createGraphClient({ baseUrl: sim.baseUrl, ca: sim.ca, getAccessToken: async () => TOKEN });
  closers.push(async () => {
    await graph.close();
    await sim.close();
  });
  const tenant = new GraphTenant({
    client: graph.client,
    tenantLabel: `lab:${scenario.tenant.initialDomain}`,
  });
  const path = join(mkdtempSync(join(tmpdir(), 'sm-graph-')), 'journal.jsonl');
  const journal = openJsonlJournal(path);
  const deps = { tenant, journal, operator: 'ann', secrets: [TOKEN] };
  return { state, sim, tenant, journal, path, deps, diagnosis: () => diagnoseFromLab(state, tenant) };
}

/** The AD side straight from the scenario (the in-memory AD's job), the cloud side over Graph. */
async function diagnoseFromLab(state: LabState, tenant: GraphTenant): Promise<Diagnosis> {
  const ad = state.ad.objects.find((o) => o.attributes.sAMAccountName === state.scenario.identity)!;
  const a = ad.attributes;
  const user: OnPremObject = {
    objectClass: 'user',
    dn: ad.dn,
    objectGuid: ad.objectGUID,
    sAMAccountName: a.sAMAccountName ?? null,
    userPrincipalName: a.userPrincipalName ?? null,
    mail: a.mail ?? null,
    mailNickname: a.mailNickname ?? null,
    displayName: a.displayName ?? null,
    proxyAddresses: a.proxyAddresses ?? [],
    consistencyGuid: a['mS-DS-ConsistencyGuid'] ?? null,
    userAccountControl: a.userAccountControl ?? null,
  };
  const sync = { sourceAnchor: state.sync.sourceAnchor, scope: state.sync.scope };
  const anchor = expectedAnchor(user, sync.sourceAnchor);
  const cloud = await tenant.readFor(user, anchor.value);
  return diagnose({
    identity: state.scenario.identity,
    sync,
    onPrem: { matches: [user], related: [] },
    cloud,
  });
}

/** Write requests the simulator answered, top-level or inside a $batch (reads go by $batch POST). */
const writes = (sim: { log: { entries: { method: string; url: string }[] } }) =>
  sim.log.entries.filter((r) => r.method !== 'GET' && !r.url.startsWith('/$batch'));

describe('applyStep over Graph (lab simulator)', () => {
  it('applies the planned hard match for stale-immutable-id, then undoes it', async () => {
    const l = await lab('stale-immutable-id');
    const d = await l.diagnosis();
    const steps = d.plan.filter((s) => s.writes);
    expect(steps.map((s) => s.action)).toEqual(['SET_IMMUTABLE_ID']);
    const outcome = await applyStep(l.deps, steps[0]!);
    expect(outcome.status).toBe('done');
    const target = l.state.tenant.users.find((u) => u.id === d.target!.id)!;
    expect(target.onPremisesImmutableId).toBe(d.expectedImmutableId);

    const undo = await undoEntry(l.deps, outcome.journalId!);
    expect(undo.status).toBe('done');
    expect(target.onPremisesImmutableId).toBe(d.target!.onPremisesImmutableId);
    expect(writes(l.sim)).toHaveLength(2);
    expect(readFileSync(l.path, 'utf8')).not.toContain(TOKEN);
  });

  it('exports the recycle-bin user whole before purging it (recycle-bin-leftover)', async () => {
    const l = await lab('recycle-bin-leftover');
    const d = await l.diagnosis();
    const purge = d.plan.find((s) => s.action === 'PURGE_DELETED_USER')!;
    expect(purge).toBeDefined();
    const before = await l.tenant.getDeletedUser(purge.objectId!);
    for (const step of d.plan.filter((s) => s.writes)) {
      expect((await applyStep(l.deps, step)).status).toBe('done');
    }
    expect(l.state.tenant.deletedUsers.find((u) => u.id === purge.objectId)).toBeUndefined();
    const intent = (await l.journal.read()).entries.find(
      (e) => e.step === 'PURGE_DELETED_USER' && e.phase === 'intent',
    )!;
    expect(intent.exported).toEqual(before);
    expect(intent.exported?.proxyAddresses.length).toBeGreaterThan(0);
  });

  it('journals a 500 on the write as failed, with the user as Graph shows it afterwards', async () => {
    const l = await lab('stale-immutable-id');
    const d = await l.diagnosis();
    l.sim.faults.failNextWrite();
    const outcome = await applyStep(
      l.deps,
      d.plan.find((s) => s.writes)!,
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.detail).toMatch(/^Could not change the immutableId of .*: Microsoft Graph answered 500/);
    const result = (await l.journal.read()).entries.find((e) => e.phase === 'result')!;
    expect(result).toMatchObject({
      result: 'failed',
      state: { onPremisesImmutableId: d.target!.onPremisesImmutableId },
    });
    expect(readFileSync(l.path, 'utf8')).not.toContain(TOKEN);
  });

  it('sends no write when someone changed the user between diagnosis and apply', async () => {
    const l = await lab('stale-immutable-id');
    const d = await l.diagnosis();
    l.state.tenant.users.find((u) => u.id === d.target!.id)!.onPremisesImmutableId = 'c29tZW9uZS1lbHNl';
    const outcome = await applyStep(
      l.deps,
      d.plan.find((s) => s.writes)!,
    );
    expect(outcome).toMatchObject({ status: 'failed', stale: true });
    expect(writes(l.sim)).toEqual([]);
    expect((await l.journal.read()).entries).toEqual([]);
  });
});
