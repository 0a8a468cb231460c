// The findings for what a partly-consented or lower-licensed tenant did not let the read check
// (issue 19): each costs its own check, says why and what it means, and nothing is concluded from
// a read that did not happen.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/diagnose.js';
import type { CloudUser, CloudView, OnPremObject, SkippedCheck, Snapshot } from '../../src/core/snapshot.js';

const GUID = '8ec297b6-39dc-4da1-aa92-94686f191d0b';
const AD: OnPremObject = {
  objectClass: 'user',
  dn: 'CN=John Doe,OU=Staff,DC=contoso,DC=com',
  objectGuid: GUID,
  sAMAccountName: 'jdoe',
  userPrincipalName: 'john.doe@contoso.local',
  mail: 'john.doe@contoso.com',
  mailNickname: 'jdoe',
  displayName: 'John Doe',
  proxyAddresses: ['SMTP:john.doe@contoso.com'],
  consistencyGuid: null,
};
const TARGET: CloudUser = {
  id: '0f9a3c1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  userPrincipalName: 'john.doe@contoso.com',
  displayName: 'John Doe',
  mail: 'john.doe@contoso.com',
  mailNickname: 'jdoe',
  proxyAddresses: ['SMTP:john.doe@contoso.com'],
  onPremisesImmutableId: null,
  onPremisesSyncEnabled: null,
  onPremisesLastSyncDateTime: null,
  onPremisesProvisioningErrors: [],
};
const DOMAINS: CloudView['domains'] = [
  { id: 'contoso.com', isVerified: true, isInitial: false, authenticationType: 'Managed' },
  { id: 'contoso.onmicrosoft.com', isVerified: true, isInitial: true, authenticationType: 'Managed' },
];
const FEATURES = {
  blockSoftMatchEnabled: false,
  blockCloudObjectTakeoverThroughHardMatchEnabled: false,
  softMatchOnUpnEnabled: true,
};

function run(cloud: Partial<CloudView>) {
  const snapshot: Snapshot = {
    identity: 'jdoe',
    sync: { sourceAnchor: 'mS-DS-ConsistencyGuid', scope: [] },
    onPrem: { matches: [AD], related: [] },
    cloud: {
      users: [TARGET],
      groups: [],
      contacts: [],
      deletedUsers: [],
      domains: DOMAINS,
      features: FEATURES,
      roles: { [TARGET.id]: [] },
      ...cloud,
    },
  };
  return diagnose(snapshot);
}
const codes = (d: ReturnType<typeof diagnose>) => d.findings.map((f) => `${f.code}:${f.severity}`);
const denied = (check: SkippedCheck['check'], permission: string): SkippedCheck => ({
  check,
  reason: 'permission',
  permission,
  status: 403,
  graphCode: 'Authorization_RequestDenied',
});

describe('skipped checks', () => {
  it('with the users unread: an error, no "not found", and a plan that only asks for the permission', () => {
    const d = run({
      users: [],
      skipped: [denied('users', 'User.Read.All'), denied('deletedUsers', 'User.Read.All')],
    });
    expect(codes(d)).toEqual(['CHECK_SKIPPED:error', 'UPN_SUFFIX_UNVERIFIED:warning']);
    expect(d.findings[0]!.message).toContain('cloud users');
    expect(d.findings[0]!.message).toContain('the recycle bin');
    expect(d.findings[0]!.message).toContain(
      'User.Read.All (Graph answered 403 Authorization_RequestDenied)',
    );
    expect(d.plan.map((s) => s.action)).toEqual(['MANUAL']);
    expect(d.plan[0]!.description).toBe('Grant User.Read.All, then diagnose again');
  });

  it('with the domains unread: no UPN-suffix verdict, and the finding says what that leaves open', () => {
    const d = run({ domains: [], skipped: [denied('domains', 'Domain.Read.All')] });
    expect(codes(d)).not.toContain('UPN_SUFFIX_UNVERIFIED:warning');
    const f = d.findings.find((x) => x.code === 'CHECK_SKIPPED')!;
    expect(f.message).toContain('whether the UPN suffix is verified');
    expect(f.evidence).toEqual({
      checks: ['domains'],
      reason: 'permission',
      permission: 'Domain.Read.All',
      status: 403,
      graphCode: 'Authorization_RequestDenied',
    });
  });

  it('one finding per cause: every role check refused for the same permission is one warning', () => {
    const d = run({
      skipped: [
        denied('activeRoles', 'RoleManagement.Read.Directory'),
        denied('eligibleRoles', 'RoleManagement.Read.Directory'),
        denied('contacts', 'OrgContact.Read.All'),
      ],
    });
    const skipped = d.findings.filter((f) => f.code === 'CHECK_SKIPPED');
    expect(skipped.map((f) => f.evidence['checks'])).toEqual([
      ['activeRoles', 'eligibleRoles'],
      ['contacts'],
    ]);
    expect(skipped[0]!.message).toContain(
      'if john.doe@contoso.com holds an admin role, Entra Connect refuses the match',
    );
    // The warnings add no step and stop nothing: the plan is the one a fully consented read gives
    // (here a MANUAL for the sign-in name the soft match would change), read before confirming.
    const steps = (p: typeof d.plan) => p.map((s) => `${s.action}:${s.because.join(',')}`);
    expect(steps(d.plan)).toEqual(steps(run({}).plan));
    expect(d.plan.some((s) => s.because.includes('CHECK_SKIPPED'))).toBe(false);
  });

  it('eligible roles without P2 are not applicable (info), not skipped', () => {
    const d = run({
      skipped: [
        {
          check: 'eligibleRoles',
          reason: 'licence',
          licence: 'Microsoft Entra ID P2 or Microsoft Entra ID Governance',
          status: 400,
          graphCode: 'AadPremiumLicenseRequired',
        },
      ],
    });
    expect(codes(d).filter((c) => c.startsWith('CHECK_'))).toEqual(['CHECK_NOT_APPLICABLE:info']);
    expect(d.findings.find((f) => f.code === 'CHECK_NOT_APPLICABLE')!.message).toContain(
      'there are none to find',
    );
  });

  it('a tenant that never synced: an info finding, the defaults, no "switches unreadable"', () => {
    const d = run({ syncConfigured: false });
    expect(codes(d)).toContain('TENANT_SYNC_NOT_CONFIGURED:info');
    expect(codes(d)).not.toContain('TENANT_FEATURES_UNREADABLE:warning');
  });

  it("the unreadable switches say Graph's code", () => {
    const d = run({
      features: null,
      skipped: [
        {
          check: 'features',
          reason: 'permission',
          permission: 'OnPremDirectorySynchronization.Read.All',
          status: 403,
          graphCode: 'Authorization_RequestDenied',
        },
      ],
    });
    const f = d.findings.find((x) => x.code === 'TENANT_FEATURES_UNREADABLE')!;
    expect(f.message).toContain('Graph answered 403 Authorization_RequestDenied');
    expect(d.findings.filter((x) => x.code === 'CHECK_SKIPPED')).toEqual([]);
  });

  it('a role through a role-assignable group blocks like a direct one and names the group', () => {
    const d = run({
      roles: { [TARGET.id]: ['Global Administrator'] },
      roleGrants: {
        [TARGET.id]: [
          { role: 'Global Administrator', kind: 'active', viaGroup: { id: 'g1', displayName: 'IT Admins' } },
        ],
      },
    });
    // (The fixture's .local UPN also forecasts a sign-in rename: a finding of its own.)
    const f = d.findings.find((x) => x.code === 'ADMIN_ROLE_BLOCKS_MATCH')!;
    expect(f.severity).toBe('error');
    expect(f.message).toContain('through the role-assignable group "IT Admins"');
    const step = d.plan.find((s) => s.because.includes('ADMIN_ROLE_BLOCKS_MATCH'))!;
    expect(step.action).toBe('MANUAL');
    expect(d.plan.every((s) => s.action === 'MANUAL')).toBe(true);
    expect(step.manual!.instructions.join(' ')).toContain('Groups → IT Admins → Members');
  });
});
