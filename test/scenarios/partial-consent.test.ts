// Issue 19, "Done when": on a P1 tenant, and with each single permission the tool asks for
// removed, `diagnose` and `scan` complete (through the real Graph adapter and the HTTPS simulator)
// with the right findings: the missing permission costs exactly the checks that need it.
import { afterAll, describe, expect, it } from 'vitest';
import { GRAPH_PERMISSIONS } from '../../src/adapters/auth/permissions.js';
import { collectSnapshot } from '../../src/app/collect-snapshot.js';
import { scanDirectory } from '../../src/app/scan.js';
import type { ReadProgress } from '../../src/app/services.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import { formatScan } from '../../src/commands/scan-report.js';
import { diagnose } from '../../src/core/diagnose.js';
import { loadScenario } from '../../src/lab/scenario-loader.js';

const ALL = GRAPH_PERMISSIONS.map((p) => p.permission);
const READS = GRAPH_PERMISSIONS.filter((p) => !p.write).map((p) => p.permission);

interface Expected {
  findings: string[];
  plan: string[];
  /** The checks CHECK_SKIPPED names (in the finding that names the removed permission). */
  skipped?: string[];
}

// admin-role-through-group on P1: John holds Global Administrator through "Tenant Admins".
const BLOCKED = {
  findings: ['ADMIN_ROLE_BLOCKS_MATCH:error', 'CHECK_NOT_APPLICABLE:info'],
  plan: ['MANUAL'],
};

/** With `permission` removed from the read-only consent (the one `--read-only` asks for). */
const WITHOUT_IN_READ_ONLY: Record<string, Expected> = {
  // No cloud user is found, so no role is asked for (and no licence met).
  'User.Read.All': {
    findings: ['CHECK_SKIPPED:error'],
    plan: ['MANUAL'],
    skipped: ['users', 'deletedUsers'],
  },
  // The group that carries the role cannot be seen: the role check through groups is what is lost,
  // and the warning says what it means (an admin is refused by Connect).
  'Group.Read.All': {
    findings: ['CHECK_SKIPPED:warning', 'READY_FOR_SOFT_MATCH:info', 'CHECK_NOT_APPLICABLE:info'],
    plan: ['TRIGGER_DELTA_SYNC', 'VERIFY_MATCH'],
    skipped: ['groups', 'groupRoles'],
  },
  'OrgContact.Read.All': {
    findings: ['ADMIN_ROLE_BLOCKS_MATCH:error', 'CHECK_SKIPPED:warning', 'CHECK_NOT_APPLICABLE:info'],
    plan: ['MANUAL'],
    skipped: ['contacts'],
  },
  'Domain.Read.All': {
    findings: ['ADMIN_ROLE_BLOCKS_MATCH:error', 'CHECK_SKIPPED:warning', 'CHECK_NOT_APPLICABLE:info'],
    plan: ['MANUAL'],
    skipped: ['domains'],
  },
  'OnPremDirectorySynchronization.Read.All': {
    findings: [
      'ADMIN_ROLE_BLOCKS_MATCH:error',
      'TENANT_FEATURES_UNREADABLE:warning',
      'CHECK_NOT_APPLICABLE:info',
    ],
    plan: ['MANUAL'],
  },
  // Every role read is refused (the permission is checked before the licence).
  'RoleManagement.Read.Directory': {
    findings: ['CHECK_SKIPPED:warning', 'READY_FOR_SOFT_MATCH:info'],
    plan: ['TRIGGER_DELTA_SYNC', 'VERIFY_MATCH'],
    skipped: ['activeRoles', 'eligibleRoles', 'groupRoles'],
  },
};

/** With `permission` removed from the full consent: a broader grant may still cover the reads. */
function withoutInFull(permission: string): Expected {
  // User.ReadWrite.All still reads users; the write permissions cost no read.
  if (['User.Read.All', 'User.ReadWrite.All', 'User.DeleteRestore.All'].includes(permission)) return BLOCKED;
  return WITHOUT_IN_READ_ONLY[permission]!;
}

const envs: LabEnvironment[] = [];
afterAll(async () => {
  await Promise.all(envs.map((e) => e.close()));
});

async function run(granted: string[]) {
  const scenario = await loadScenario('admin-role-through-group');
  scenario.tenant.license = 'p1';
  // Eligible roles cannot exist below P2 (the schema refuses them in a file).
  for (const u of scenario.tenant.users) u.eligibleDirectoryRoles = [];
  scenario.tenant.grantedPermissions = granted;
  const env = await openLabEnvironment(scenario, {});
  envs.push(env);
  const progress: ReadProgress[] = [];
  const snapshot = await collectSnapshot(
    { directory: env.directory, tenant: env.tenant, sync: env.sync },
    env.suggestedIdentity!,
    (p) => progress.push(p),
  );
  const d = diagnose(snapshot);
  const scan = await scanDirectory({ ...env.bulk, sync: env.sync }, { scope: [] });
  return { d, scan, env, progress };
}

function check(result: Awaited<ReturnType<typeof run>>, removed: string | null, expected: Expected) {
  const { d, scan } = result;
  const codes = d.findings.map((f) => `${f.code}:${f.severity}`);
  expect(codes).toEqual(expected.findings);
  expect(d.plan.map((s) => s.action)).toEqual(expected.plan);
  for (const f of d.findings) expect(f.message.length).toBeGreaterThan(60);
  if (expected.skipped) {
    const f = d.findings.find((x) => x.code === 'CHECK_SKIPPED')!;
    expect(f.evidence).toMatchObject({ checks: expected.skipped, reason: 'permission', permission: removed });
    expect(f.message).toContain(removed!);
  }
  // Nothing concluded from what was not read.
  if (expected.skipped?.includes('users')) expect(codes).not.toContain('CLOUD_USER_NOT_FOUND:info');
  // The scan completes and says the same of this user.
  const line = scan.users.find((u) => u.sAMAccountName === 'jdoe')!;
  const scanned = line.findings.map((f) => `${f.code}:${f.severity}`);
  // (The scan reads roles tenant-wide, so it also meets the licence the one-user read never asked about.)
  if (expected.skipped?.includes('users')) expect(scanned).toEqual([...codes, 'CHECK_NOT_APPLICABLE:info']);
  else expect(scanned).toEqual(codes);
  expect(scan.users.length).toBeGreaterThan(5);
  // The scan says once what the tenant read could not check, and the report prints it.
  if (removed && expected.skipped) {
    expect(scan.skipped!.filter((x) => x.permission === removed).map((x) => x.check)).toEqual(
      expect.arrayContaining(expected.skipped.filter((c) => c !== 'deletedUsers')),
    );
    const text = formatScan(scan, { environment: 'lab', scope: [], seconds: 1 }, { paint: (_s, t) => t });
    expect(text).toContain('Not checked in the tenant');
    expect(text).toContain(`the sign-in lacks ${removed}`);
  }
  if (expected.skipped?.includes('users')) {
    expect(new Set(scan.users.map((u) => u.forecast.outcome))).toEqual(new Set(['unknown']));
  } else {
    expect(scan.summary.byOutcome.unknown).toBe(0);
  }
}

describe('the reading checklist', () => {
  it('says "not read" and which permission for what a refused read did not read', async () => {
    const { progress } = await run(READS.filter((x) => x !== 'User.Read.All'));
    const last = (step: string) => progress.filter((p) => p.step === step).at(-1)!;
    expect(last('cloudTarget')).toMatchObject({ status: 'skipped', detail: 'not read (User.Read.All)' });
    expect(last('recycleBin')).toMatchObject({ status: 'skipped', detail: 'not read (User.Read.All)' });
    const groups = await run(ALL.filter((x) => x !== 'Group.Read.All'));
    expect(groups.progress.filter((p) => p.step === 'cloudDuplicates').at(-1)!.detail).toContain(
      'groups not read: Group.Read.All',
    );
  });
});

describe('a P1 tenant', () => {
  it('with the full consent: the group-held role blocks, eligibility is not applicable', async () => {
    check(await run(ALL), null, BLOCKED);
  });

  it.each(ALL)(
    'with the full consent but %s: diagnose and scan complete with the right findings',
    async (p) => {
      check(await run(ALL.filter((x) => x !== p)), p, withoutInFull(p));
    },
  );

  it.each(READS)(
    'with the read-only consent but %s: diagnose and scan complete with the right findings',
    async (p) => {
      check(await run(READS.filter((x) => x !== p)), p, WITHOUT_IN_READ_ONLY[p]!);
    },
  );
});
