// Every shipped scenario, read through the real adapters (in-memory AD, Graph adapter → HTTPS
// simulator), diagnosed: the exact findings and plan a technician sees.
import { afterAll, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/app/collect-snapshot.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import { diagnose } from '../../src/core/diagnose.js';

const EXPECTED: Record<string, { findings: string[]; plan: string[] }> = {
  healthy: { findings: ['ALREADY_MATCHED:info'], plan: [] },
  // Issue 21: one person in two forests, and a UPN held in the parent domain of a child-domain user.
  'forest-migration': { findings: ['USER_IN_TWO_FORESTS:error'], plan: ['SET_CONSISTENCY_GUID', 'MANUAL'] },
  'child-domain-upn': {
    findings: ['AD_DUPLICATE_VALUE:error', 'READY_FOR_SOFT_MATCH:info'],
    plan: ['MANUAL'],
  },
  'ready-for-soft-match': {
    findings: ['READY_FOR_SOFT_MATCH:info'],
    plan: ['TRIGGER_DELTA_SYNC', 'VERIFY_MATCH'],
  },
  'stale-immutable-id': {
    findings: ['STALE_IMMUTABLE_ID:error'],
    plan: ['SET_IMMUTABLE_ID', 'TRIGGER_DELTA_SYNC', 'VERIFY_MATCH'],
  },
  'non-routable-upn': {
    findings: [
      'SIGN_IN_NAME_WOULD_CHANGE:error',
      'SOFT_MATCH_BLOCKED:error',
      'UPN_SUFFIX_UNVERIFIED:warning',
    ],
    plan: ['MANUAL'],
  },
  'upn-rename': {
    findings: ['SIGN_IN_NAME_WOULD_CHANGE:error', 'READY_FOR_SOFT_MATCH:info'],
    plan: ['MANUAL'],
  },
  'recycle-bin-leftover': {
    findings: ['DELETED_USER_CONFLICT:error'],
    plan: ['PURGE_DELETED_USER', 'SET_IMMUTABLE_ID', 'TRIGGER_DELTA_SYNC', 'VERIFY_MATCH'],
  },
  'duplicate-synced-user': {
    findings: ['CLOUD_DUPLICATE_ANCHOR:error', 'QUARANTINED_ATTRIBUTE:warning', 'UPN_PLACEHOLDER:warning'],
    plan: ['MANUAL'],
  },
  'federated-domain': {
    findings: ['STALE_IMMUTABLE_ID:error', 'FEDERATED_UPN_DOMAIN:warning'],
    plan: ['MOVE_UPN_TO_INITIAL_DOMAIN', 'SET_IMMUTABLE_ID', 'TRIGGER_DELTA_SYNC', 'VERIFY_MATCH'],
  },
  'proxy-conflict-with-group': {
    findings: ['CLOUD_DUPLICATE_PROXY_ADDRESS:error', 'READY_FOR_SOFT_MATCH:info'],
    plan: ['MANUAL'],
  },
  'admin-role': { findings: ['ADMIN_ROLE_BLOCKS_MATCH:error'], plan: ['MANUAL'] },
  'admin-role-through-group': { findings: ['ADMIN_ROLE_BLOCKS_MATCH:error'], plan: ['MANUAL'] },
  'small-business-p1': {
    findings: [
      'CHECK_SKIPPED:warning',
      'READY_FOR_SOFT_MATCH:info',
      'CHECK_NOT_APPLICABLE:info',
      'TENANT_SYNC_NOT_CONFIGURED:info',
    ],
    plan: ['TRIGGER_DELTA_SYNC', 'VERIFY_MATCH'],
  },
  'on-prem-duplicates': {
    findings: [
      'AD_DUPLICATE_VALUE:error',
      'CLOUD_DUPLICATE_PROXY_ADDRESS:error',
      'CLOUD_USER_NOT_FOUND:info',
    ],
    plan: ['MANUAL'],
  },
  'anchor-collision': {
    findings: ['AD_DUPLICATE_ANCHOR:error', 'STALE_IMMUTABLE_ID:error', 'CONSISTENCY_GUID_DIFFERS:warning'],
    plan: ['MANUAL'],
  },
  'migrated-consistency-guid': {
    findings: ['CONSISTENCY_GUID_DIFFERS:warning', 'ALREADY_MATCHED:info'],
    plan: [],
  },
};

const envs: LabEnvironment[] = [];
afterAll(async () => {
  await Promise.all(envs.map((e) => e.close()));
});

async function diagnoseScenario(name: string) {
  const env = await openLabEnvironment(name, {});
  envs.push(env);
  const snapshot = await collectSnapshot(
    { directory: env.directory, tenant: env.tenant, sync: env.sync },
    env.suggestedIdentity!,
  );
  return { env, d: diagnose(snapshot) };
}

describe('every shipped scenario', () => {
  it.each(Object.keys(EXPECTED))('%s: exact findings and plan', async (name) => {
    const { d } = await diagnoseScenario(name);
    expect(d.findings.map((f) => `${f.code}:${f.severity}`)).toEqual(EXPECTED[name]!.findings);
    expect(d.plan.map((s) => s.action)).toEqual(EXPECTED[name]!.plan);
    for (const f of d.findings) expect(f.message.length).toBeGreaterThan(40);
  });

  it('names the placeholder duplicate and the right target in duplicate-synced-user', async () => {
    const { d } = await diagnoseScenario('duplicate-synced-user');
    expect(d.target?.userPrincipalName).toBe('john.doe@contoso.com');
    expect(d.anchorHolder?.userPrincipalName).toMatch(/^john\.doe\d{4}@contoso\.onmicrosoft\.com$/);
    expect(d.plan[0]!.manual!.instructions.join(' ')).toContain('out of the synced OUs');
  });

  it('asks for the deleted object to be exported and typed in recycle-bin-leftover', async () => {
    const { d } = await diagnoseScenario('recycle-bin-leftover');
    expect(d.plan[0]).toMatchObject({
      action: 'PURGE_DELETED_USER',
      reversible: false,
      objectUpn: 'john.doe@contoso.com',
    });
    expect(d.plan[1]!.change).toMatchObject({ before: null, after: d.expectedImmutableId });
  });

  it('finds the hand-made cloud user in non-routable-upn and asks for the AD UPN first, with the commands', async () => {
    const { d } = await diagnoseScenario('non-routable-upn');
    expect(d.onPrem?.userPrincipalName).toMatch(/@contoso\.local$/);
    expect(d.target?.userPrincipalName).toBe('john.doe@contoso.com');
    expect(d.forecast?.changes).toContainEqual({
      property: 'userPrincipalName',
      before: 'john.doe@contoso.com',
      after: 'john.doe@contoso.onmicrosoft.com',
    });
    expect(d.forecast?.signInNameChanges).toBe(true);
    const text = d.plan[0]!.manual!.instructions.join('\n');
    expect(text).toContain(
      `Set-ADUser -Identity '${d.onPrem!.objectGuid}' -UserPrincipalName 'john.doe@contoso.com'`,
    );
    expect(text).toContain("Set-ADForest -Identity 'contoso.local' -UPNSuffixes @{Add='contoso.com'}");
    // The new name would be on the initial domain: no "rename the cloud user instead" offer.
    expect(text).not.toContain('Update-MgUser');
  });

  it('names the group a role comes through in admin-role-through-group, and tells to leave it', async () => {
    const { d } = await diagnoseScenario('admin-role-through-group');
    const f = d.findings[0]!;
    expect(f.message).toContain('through the role-assignable group "Tenant Admins"');
    expect(f.evidence['viaGroups']).toEqual([
      {
        role: 'Global Administrator',
        group: { id: '5c0f3e9a-7d21-4b8e-9f6a-2e4d8c1b7a93', displayName: 'Tenant Admins' },
      },
    ]);
    expect(d.target?.roles).toEqual(['Global Administrator']);
    // The role is not assigned to John himself: leave the group (nothing to remove under his roles).
    expect(d.plan[0]!.manual!.instructions[0]).toContain('remove the user from it');
    expect(d.plan[0]!.manual!.instructions.join(' ')).not.toContain('Assigned roles');
  });

  it('says in small-business-p1 what was not checked, why, and what it means for Jenna', async () => {
    const { d } = await diagnoseScenario('small-business-p1');
    const skipped = d.findings.find((f) => f.code === 'CHECK_SKIPPED')!;
    expect(skipped.evidence).toMatchObject({
      checks: ['contacts'],
      reason: 'permission',
      permission: 'OrgContact.Read.All',
      graphCode: 'Authorization_RequestDenied',
    });
    expect(skipped.message).toContain('jenna.diaz@fourthcoffee.com would get those values quarantined');
    const na = d.findings.find((f) => f.code === 'CHECK_NOT_APPLICABLE')!;
    expect(na.evidence).toMatchObject({ check: 'eligibleRoles', graphCode: 'AadPremiumLicenseRequired' });
    expect(na.message).toContain('none to find');
  });

  it('ships exactly these scenarios', async () => {
    const { listShippedScenarios } = await import('../../src/lab/scenario-loader.js');
    expect((await listShippedScenarios()).map((s) => s.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});
