// Diagnoses shaped like the lab scenarios of issue 5, for the wizard's reducer and UI tests.
import type { Diagnosis, DiagnosisTarget } from '../../src/core/diagnosis-types.js';
import type { Finding } from '../../src/core/findings.js';
import type { PlanStep } from '../../src/core/plan-types.js';
import type { OnPremObject } from '../../src/core/snapshot.js';

export const EXPECTED_ID = 'yYuRNW0Z6kCXeYidebdT8A==';
export const STALE_ID = '1wfM9xV8fUSHbcAbDlqeOA==';
export const DELETED_UPN = '20616a37f96a4b18adc4824e64b59f0bjdoe@contoso.com';

const onPrem: OnPremObject = {
  objectClass: 'user',
  dn: 'CN=John Doe,OU=Staff,DC=corp,DC=contoso,DC=com',
  objectGuid: '35918bc9-196d-40ea-9779-889d79b753f0',
  sAMAccountName: 'jdoe',
  userPrincipalName: 'jdoe@contoso.com',
  mail: 'jdoe@contoso.com',
  mailNickname: 'jdoe',
  displayName: 'John Doe',
  proxyAddresses: ['SMTP:jdoe@contoso.com', 'smtp:john.doe@contoso.com'],
  consistencyGuid: null,
};

function target(immutableId: string | null, extra: Partial<DiagnosisTarget> = {}): DiagnosisTarget {
  return {
    id: 'b1c2d3e4-0000-4000-8000-000000000001',
    userPrincipalName: 'jdoe@contoso.com',
    displayName: 'John Doe',
    mail: 'jdoe@contoso.com',
    mailNickname: 'jdoe',
    proxyAddresses: ['SMTP:jdoe@contoso.com'],
    onPremisesImmutableId: immutableId,
    onPremisesSyncEnabled: null,
    onPremisesLastSyncDateTime: '2023-01-05T10:00:00Z',
    onPremisesProvisioningErrors: [],
    management: 'cloud-managed',
    roles: [],
    ...extra,
  };
}

function diagnosis(findings: Finding[], plan: PlanStep[], t: DiagnosisTarget | null): Diagnosis {
  return {
    identity: 'jdoe',
    onPrem,
    expectedImmutableId: EXPECTED_ID,
    anchorSource: 'objectGUID',
    target: t,
    anchorHolder: null,
    findings,
    plan,
  };
}

const none = { kind: 'none' as const, description: 'Nothing to re-read.' };

export const syncStep: PlanStep = {
  action: 'TRIGGER_DELTA_SYNC',
  description: 'Run a delta sync on the Entra Connect server',
  because: [],
  reversible: true,
  writes: false,
  precondition: none,
};

export const verifyStep: PlanStep = {
  action: 'VERIFY_MATCH',
  description: 'Verify the AD user is matched to jdoe@contoso.com',
  because: [],
  reversible: true,
  writes: false,
  precondition: none,
};

export const setIdStep: PlanStep = {
  action: 'SET_IMMUTABLE_ID',
  description: 'Set the immutableId of jdoe@contoso.com to the AD anchor',
  because: ['STALE_IMMUTABLE_ID'],
  reversible: true,
  writes: true,
  precondition: {
    kind: 'user',
    objectId: 'b1c2d3e4-0000-4000-8000-000000000001',
    expect: { onPremisesImmutableId: STALE_ID },
    description: 'The cloud user still has immutableId 1wfM9xV8fUSHbcAbDlqeOA==.',
  },
  objectId: 'b1c2d3e4-0000-4000-8000-000000000001',
  objectUpn: 'jdoe@contoso.com',
  change: { property: 'onPremisesImmutableId', before: STALE_ID, after: EXPECTED_ID },
};

export const staleImmutableId = diagnosis(
  [
    {
      code: 'STALE_IMMUTABLE_ID',
      severity: 'error',
      message:
        'The cloud user carries immutableId 1wfM9xV8fUSHbcAbDlqeOA== from an earlier sync; soft match cannot happen.',
      evidence: { cloudImmutableId: STALE_ID, expectedImmutableId: EXPECTED_ID },
    },
    {
      code: 'READY_FOR_HARD_MATCH',
      severity: 'info',
      message: 'Once the immutableId equals the AD anchor, the next sync hard-matches.',
      evidence: {},
    },
  ],
  [setIdStep, syncStep, verifyStep],
  target(STALE_ID),
);

export const purgeStep: PlanStep = {
  action: 'PURGE_DELETED_USER',
  description: 'Permanently delete the recycle-bin user holding the anchor',
  because: ['DELETED_USER_CONFLICT'],
  reversible: false,
  writes: true,
  precondition: {
    kind: 'deletedUser',
    objectId: 'd0000000-0000-4000-8000-00000000dead',
    expect: { onPremisesImmutableId: EXPECTED_ID },
    description: 'The deleted user is still in the recycle bin with the same immutableId.',
  },
  objectId: 'd0000000-0000-4000-8000-00000000dead',
  objectUpn: DELETED_UPN,
  change: { property: 'deletedUser', before: DELETED_UPN, after: null },
};

export const recycleBinLeftover = diagnosis(
  [
    {
      code: 'DELETED_USER_CONFLICT',
      severity: 'error',
      message:
        'A user in the recycle bin holds immutableId yYuRNW0Z6kCXeYidebdT8A==; the sync would restore it.',
      evidence: { deletedUser: DELETED_UPN, deletedDateTime: '2024-03-01T09:00:00Z' },
    },
  ],
  [purgeStep, syncStep, verifyStep],
  target(null),
);

export const manualStep: PlanStep = {
  action: 'MANUAL',
  description: 'Remove the Global Administrator role from jdoe@contoso.com',
  because: ['ADMIN_ROLE_BLOCKS_MATCH'],
  reversible: true,
  writes: false,
  precondition: none,
  manual: {
    instructions: [
      'In the Entra admin center, open Roles and administrators.',
      'Remove Global Administrator (active and eligible) from jdoe@contoso.com.',
    ],
    verify: 'syncmatch re-reads the role assignments of the cloud user.',
  },
};

export const adminRole = diagnosis(
  [
    {
      code: 'ADMIN_ROLE_BLOCKS_MATCH',
      severity: 'error',
      message: 'jdoe@contoso.com holds Global Administrator; Entra Connect never soft-matches an admin.',
      evidence: { roles: ['Global Administrator'] },
    },
  ],
  [manualStep, syncStep, verifyStep],
  target(null, { roles: ['Global Administrator'] }),
);

/** adminRole after the role was removed: soft match can proceed with a sync. */
export const adminRoleRemoved = diagnosis(
  [
    {
      code: 'READY_FOR_SOFT_MATCH',
      severity: 'info',
      message: 'The cloud user has no immutableId and no role: the next sync soft-matches on the UPN.',
      evidence: {},
    },
  ],
  [syncStep, verifyStep],
  target(null),
);

export const matched = diagnosis(
  [
    {
      code: 'ALREADY_MATCHED',
      severity: 'info',
      message: 'The AD user is matched to jdoe@contoso.com.',
      evidence: {},
    },
  ],
  [],
  target(EXPECTED_ID, {
    onPremisesSyncEnabled: true,
    management: 'synced',
    onPremisesLastSyncDateTime: '2026-05-01T12:00:00Z',
  }),
);
