// matchFirst (the batch's verification, issue 18): one re-diagnosis before any polling read; a user
// already matched needs no read of the target, one not yet matched goes through the usual wait.
import { afterEach, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/app/collect-snapshot.js';
import { syncAndVerify } from '../../src/app/sync-and-verify.js';
import { systemClock } from '../../src/adapters/system-clock.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import { diagnose } from '../../src/core/diagnose.js';
import type { LabSyncOptions } from '../../src/lab/lab-sync-trigger.js';

let env: LabEnvironment | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function prepared(sync: LabSyncOptions) {
  // ready-for-soft-match needs no write: the sync alone matches it.
  env = await openLabEnvironment('ready-for-soft-match', {}, sync);
  const e = env;
  let diagnoses = 0;
  const read = () => {
    diagnoses++;
    return collectSnapshot({ directory: e.directory, tenant: e.tenant, sync: e.sync }, 'jdoe').then(diagnose);
  };
  const before = await read();
  diagnoses = 0;
  e.simulator.log.clear();
  return { env: e, read, before, diagnoses: () => diagnoses };
}

/** GET /users/{id} requests (the target's polling reads), top-level or inside a $batch. */
function targetReads(e: LabEnvironment, id: string): number {
  const one = new RegExp(`^(/v1\\.0)?/users/${id}(\\?|$)`);
  return e.simulator.log.entries.filter((r) => r.method === 'GET' && one.test(r.url)).length;
}

describe('sync and verify, matchFirst', () => {
  it('says matched after one re-diagnosis and no read of the target when the sync already matched', async () => {
    const { env, read, before, diagnoses } = await prepared({});
    const verdict = await syncAndVerify(
      { trigger: env.trigger, tenant: env.tenant, rediagnose: read, clock: systemClock, matchFirst: true },
      before,
    );
    expect(verdict.verdict).toBe('matched');
    expect(verdict.syncReport.join('\n')).toMatch(/SoftMatch/);
    expect(diagnoses()).toBe(1);
    expect(targetReads(env, before.target!.id)).toBe(0);
  });

  it('falls back to the usual wait (target reads, then a re-diagnosis) when not matched at first', async () => {
    const { env, read, before, diagnoses } = await prepared({ landAfterMs: 300 });
    const verdict = await syncAndVerify(
      {
        trigger: env.trigger,
        tenant: env.tenant,
        rediagnose: read,
        clock: systemClock,
        timeoutMs: 10_000,
        pollMs: 50,
        matchFirst: true,
      },
      before,
    );
    expect(verdict.verdict).toBe('matched');
    expect(diagnoses()).toBeGreaterThanOrEqual(2);
    expect(targetReads(env, before.target!.id)).toBeGreaterThanOrEqual(2);
  });
});
