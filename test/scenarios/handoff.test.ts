// The hand-off end to end in the lab (issue 17), through the real adapters (in-memory AD, Graph
// adapter → HTTPS simulator): L1 diagnoses read-only and writes the case; another admin fixes part
// of it in between; L2's `fix --from` shows the difference, re-plans and finishes. An unchanged
// tenant goes straight on; another tenant, an edited file or an old case is refused.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/app/collect-snapshot.js';
import { runFix } from '../../src/app/fix-flow.js';
import { createWizardServices } from '../../src/app/wizard-services.js';
import {
  continueFromCase,
  describeContinuation,
  readCaseFile,
  writeCaseFile,
} from '../../src/commands/handoff.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import { diagnose } from '../../src/core/diagnose.js';
import type { Clock, Tenant } from '../../src/ports.js';

const instant: Clock = { now: () => new Date(), sleep: async () => {} };
const DAY = 24 * 3_600_000;
let dir: string;
const envs: LabEnvironment[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncmatch-handoff-'));
});
afterAll(async () => {
  await Promise.all(envs.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** L1: read-only diagnosis, case written. */
async function firstLine(scenario: string, file: string) {
  process.env.SYNCMATCH_LAB_JOURNAL = join(dir, `${scenario}.jsonl`);
  const env = await openLabEnvironment(scenario, { readOnly: true });
  envs.push(env);
  const snapshot = await collectSnapshot(
    { directory: env.directory, tenant: env.tenant, sync: env.sync },
    env.suggestedIdentity!,
  );
  const d = diagnose(snapshot);
  const path = join(dir, file);
  const c = await writeCaseFile(path, snapshot, d, {
    env,
    operator: 'l1-tech',
    readOnly: true,
    now: new Date(),
  });
  return { env, path, c };
}

async function secondLine(env: LabEnvironment, path: string) {
  const c = await readCaseFile(path);
  const k = await continueFromCase(c, env, { now: new Date(), maxAgeMs: DAY });
  const services = createWizardServices({ ...env, clock: instant, operator: 'l2-tech', undoCommand: null });
  const report = await runFix(services, c.identity, new AbortController().signal);
  return { k, report };
}

describe('hand-off from read-only to write', () => {
  it('another admin purged the leftover in between: L2 sees it, re-plans without the purge, and matches', async () => {
    const { env, path, c } = await firstLine('recycle-bin-leftover', 'changed.case.json');
    expect(c.plan.map((s) => s.action)).toEqual([
      'PURGE_DELETED_USER',
      'SET_IMMUTABLE_ID',
      'TRIGGER_DELTA_SYNC',
      'VERIFY_MATCH',
    ]);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toMatch(/token|secret|password/i);
    // Another admin, meanwhile:
    const deleted = c.snapshot.cloud!.deletedUsers[0]!;
    await env.tenant.purgeDeletedUser(deleted.id);

    const { k, report } = await secondLine(env, path);
    expect(k.changes).toEqual([
      expect.objectContaining({ path: `cloud.deletedUsers[${deleted.userPrincipalName}]`, after: '(gone)' }),
    ]);
    // The anchor is free now, so soft match joins the user: nothing left to write but the sync.
    expect(k.planNow).toEqual(['TRIGGER_DELTA_SYNC', 'VERIFY_MATCH']);
    const said = describeContinuation(k).join('\n');
    expect(said).toContain('What changed since the case was written (1):');
    expect(said).toContain('diagnosed');
    expect(said).toContain('by l1-tech');
    expect(said).toContain('The plan was rebuilt from the new reading');
    expect(report.applied.map((a) => `${a.action}:${a.status}`)).toEqual([
      'TRIGGER_DELTA_SYNC:done',
      'VERIFY_MATCH:done',
    ]);
    expect(report.matched).toBe(true);
  });

  it('an unchanged tenant goes straight on with the case plan', async () => {
    const { env, path, c } = await firstLine('stale-immutable-id', 'same.case.json');
    const { k, report } = await secondLine(env, path);
    expect(k.changes).toEqual([]);
    expect(k.planNow).toEqual(k.planBefore);
    expect(describeContinuation(k)).toContain(
      'Nothing changed since the case was written: continuing with its plan.',
    );
    expect(report.applied.map((a) => a.action)).toEqual(c.plan.map((s) => s.action));
    expect(report.matched).toBe(true);
  });

  it('refuses an edited case, another tenant and an old case, each with the reason', async () => {
    const { env, path } = await firstLine('stale-immutable-id', 'refused.case.json');
    const text = readFileSync(path, 'utf8');
    const edited = join(dir, 'edited.case.json');
    writeFileSync(edited, text.replace('"SET_IMMUTABLE_ID"', '"CLEAR_IMMUTABLE_ID"'));
    await expect(
      continueFromCase(await readCaseFile(edited), env, { now: new Date(), maxAgeMs: DAY }),
    ).rejects.toThrow(/changed after it was written \(its digest does not match\)/);

    const other = { ...env, tenant: { tenantLabel: 'fabrikam.onmicrosoft.com' } as Tenant };
    await expect(
      continueFromCase(await readCaseFile(path), other, { now: new Date(), maxAgeMs: DAY }),
    ).rejects.toThrow(
      /written for tenant lab:contoso\.onmicrosoft\.com, but this run is connected to fabrikam/,
    );

    const later = new Date(Date.now() + 2 * DAY);
    await expect(
      continueFromCase(await readCaseFile(path), env, { now: later, maxAgeMs: DAY }),
    ).rejects.toThrow(/old \(written .* by l1-tech\); cases older than 24 h are refused/);
    writeFileSync(join(dir, 'junk.json'), '{"kind":"nope"}');
    await expect(readCaseFile(join(dir, 'junk.json'))).rejects.toThrow(/is not a syncmatch case file/);
  });
});
