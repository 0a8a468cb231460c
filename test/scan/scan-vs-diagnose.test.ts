// Issue 9, "done when": on a generated lab scenario of a few hundred users, the scan agrees with
// the one-user diagnosis for every user. The one-user side is the real path (collectSnapshot
// through the lab environment: the in-memory AD and the Graph adapter against the HTTPS
// simulator); the scan side reads in bulk through the same adapter and cuts each user's snapshot
// from its indexes. Snapshots, diagnoses and forecasts must be identical.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/app/collect-snapshot.js';
import { scanDirectory } from '../../src/app/scan.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import { diagnose } from '../../src/core/diagnose.js';
import { forecastOutcome } from '../../src/core/scan/forecast.js';
import { createScanner, type Scanner } from '../../src/core/scan/scanner.js';
import { OUTCOMES, type ScanResult } from '../../src/core/scan/types.js';
import { generateScenario } from '../../src/lab/generator/generate.js';

const SCOPE = ['DC=contoso,DC=com']; // wider than the sync scope: out-of-scope users are forecast too

let env: LabEnvironment;
let result: ScanResult;
let scanner: Scanner;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'syncmatch-scan-'));
  const file = join(dir, 'generated.json');
  writeFileSync(file, JSON.stringify(generateScenario({ users: 240, seed: 'scan-vs-diagnose' })));
  env = await openLabEnvironment(file, {});
  result = await scanDirectory({ ...env.bulk, sync: env.sync }, { scope: SCOPE });
  const [objects, tenant] = await Promise.all([env.bulk.directory.readAll(), env.bulk.tenant.readAll()]);
  scanner = createScanner({ objects, tenant, sync: env.sync, scope: SCOPE });
});

afterAll(async () => {
  await env?.close();
});

describe('scan against the one-user diagnosis on a generated lab', () => {
  it('forecasts every AD user of the scope, with every outcome kind present', () => {
    expect(result.users).toHaveLength(240);
    // Every kind but 'unknown', which only a scan that could not read the cloud users gives.
    expect(new Set(result.users.map((u) => u.forecast.outcome))).toEqual(
      new Set(OUTCOMES.filter((o) => o !== 'unknown')),
    );
  });

  it('cuts, for every user, the snapshot the one-user read produces, and diagnoses and forecasts it alike', async () => {
    const users = scanner.users;
    const deps = { directory: env.directory, tenant: env.tenant, sync: env.sync };
    for (let i = 0; i < users.length; i += 12) {
      await Promise.all(
        users.slice(i, i + 12).map(async (user, j) => {
          const one = await collectSnapshot(deps, user.dn);
          const { snapshot, diagnosis } = scanner.diagnoseUser(user);
          expect(snapshot, user.dn).toEqual(one);
          const d = diagnose(one);
          expect(diagnosis, user.dn).toEqual(d);
          const line = result.users[i + j]!;
          expect(line.dn).toBe(user.dn);
          expect(line.findings).toEqual(d.findings.map((f) => ({ code: f.code, severity: f.severity })));
          expect(line.expectedImmutableId).toBe(d.expectedImmutableId);
          expect(line.target?.id ?? null).toBe(d.target?.id ?? null);
          expect(line.forecast).toEqual(forecastOutcome(d, one));
        }),
      );
    }
  });

  it('lists the cloud-only users nobody claims, including the synced copies the next sync soft-deletes', () => {
    const fates = new Set(result.cloudOnly.map((c) => c.fate));
    expect(fates).toEqual(new Set(['stays-cloud-only', 'soft-deleted', 'orphaned-synced']));
    const claimed = new Set(result.users.flatMap((u) => [u.forecast.cloudUserId, u.target?.id]));
    for (const c of result.cloudOnly) {
      if (c.fate !== 'soft-deleted') expect(claimed.has(c.id)).toBe(false);
    }
    expect(result.duplicates).toEqual(
      result.users.filter((u) => u.forecast.outcome === 'duplicate').map((u) => u.dn),
    );
  });
});
