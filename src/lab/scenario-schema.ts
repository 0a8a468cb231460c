// The lab scenario file: the contract of issue 3. Optional fields may be added; these names stay.
import { z } from 'zod';
import { parseDn } from '../core/dn.js';
import { isGuidString } from '../core/identifiers.js';

const guid = z.string().refine(isGuidString, { message: 'must be a GUID string (8-4-4-4-12 hex digits)' });

const provisioningError = z.object({
  category: z.string().default('PropertyConflict'),
  occurredDateTime: z.string().nullable().default(null),
  propertyCausingError: z.string(),
  value: z.string(),
});

export const adObjectSchema = z
  .object({
    objectClass: z.enum(['user', 'group', 'contact']),
    dn: z.string().min(1),
    objectGUID: guid,
    attributes: z
      .object({
        sAMAccountName: z.string().optional(),
        userPrincipalName: z.string().optional(),
        mail: z.string().optional(),
        mailNickname: z.string().optional(),
        displayName: z.string().optional(),
        proxyAddresses: z.array(z.string()).optional(),
        'mS-DS-ConsistencyGuid': guid.optional(),
        userAccountControl: z.number().int().optional(),
      })
      .catchall(z.union([z.string(), z.number(), z.array(z.string())])),
  })
  .strict();

export const cloudUserSchema = z
  .object({
    id: z.string().min(1),
    userPrincipalName: z.string().min(1),
    displayName: z.string().nullable().default(null),
    mail: z.string().nullable().default(null),
    mailNickname: z.string().nullable().default(null),
    proxyAddresses: z.array(z.string()).default([]),
    onPremisesImmutableId: z.string().nullable().default(null),
    onPremisesSyncEnabled: z.boolean().nullable().default(null),
    onPremisesLastSyncDateTime: z.string().nullable().default(null),
    onPremisesProvisioningErrors: z.array(provisioningError).default([]),
    /** Optional (issue 13, point 5): shown when a recycle-bin user is about to be purged. */
    createdDateTime: z.string().optional(),
    /** Optional: licences as Graph's assignedLicenses ({ skuId, disabledPlans }). */
    assignedLicenses: z
      .array(z.object({ skuId: guid, disabledPlans: z.array(guid).default([]) }).strict())
      .optional(),
    /** Role names; eligible assignments are listed in eligibleDirectoryRoles. */
    directoryRoles: z.array(z.string()).default([]),
    eligibleDirectoryRoles: z.array(z.string()).default([]),
  })
  .strict();

export const deletedUserSchema = cloudUserSchema.extend({ deletedDateTime: z.string() });

export const recipientSchema = z
  .object({
    id: z.string().min(1),
    displayName: z.string().nullable().default(null),
    mail: z.string().nullable().default(null),
    mailNickname: z.string().nullable().default(null),
    proxyAddresses: z.array(z.string()).default([]),
    mailEnabled: z.boolean().optional(),
    onPremisesSyncEnabled: z.boolean().nullable().default(null),
    onPremisesProvisioningErrors: z.array(provisioningError).default([]),
  })
  .strict();

/**
 * What a licence tier cannot hold (issue 19): eligible (PIM) roles need P2, role-assignable groups
 * need P1 (https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept).
 */
function checkTenantProfile(
  tenant: {
    license?: 'free' | 'p1' | 'p2';
    users: { eligibleDirectoryRoles: string[] }[];
    groups: { isAssignableToRole?: boolean }[];
  },
  ctx: z.RefinementCtx,
): void {
  const license = tenant.license ?? 'p2';
  if (license !== 'p2') {
    tenant.users.forEach((u, i) => {
      if (u.eligibleDirectoryRoles.length > 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['users', i, 'eligibleDirectoryRoles'],
          message: `eligible (PIM) roles need tenant.license "p2" (this tenant is "${license}")`,
        });
      }
    });
  }
  if (license === 'free') {
    tenant.groups.forEach((g, i) => {
      if (g.isAssignableToRole) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['groups', i, 'isAssignableToRole'],
          message: 'role-assignable groups need tenant.license "p1" or "p2"',
        });
      }
    });
  }
}

/** A cloud group: a recipient that may also hold directory roles (issue 19; all optional). */
export const groupSchema = recipientSchema.extend({
  /** A role-assignable group (`isAssignableToRole`): only these can be given directory roles. */
  isAssignableToRole: z.boolean().optional(),
  /** Member object ids (users, or groups for nesting). */
  members: z.array(z.string()).optional(),
  /** Role names assigned (active) to the group: they reach every member. */
  directoryRoles: z.array(z.string()).optional(),
});

/** The tenant's licence tier: PIM (eligible roles) needs P2; role-assignable groups need P1. */
export const licenseSchema = z.enum(['free', 'p1', 'p2']);

export const featuresSchema = z
  .object({
    blockSoftMatchEnabled: z.boolean().default(false),
    blockCloudObjectTakeoverThroughHardMatchEnabled: z.boolean().default(false),
    softMatchOnUpnEnabled: z.boolean().default(true),
    quarantineUponUpnConflictEnabled: z.boolean().default(true),
    quarantineUponProxyAddressesConflictEnabled: z.boolean().default(true),
  })
  .strict();

/** The lab's Entra Connect server: Get-ADSyncScheduler's switches and how it answers. */
export const connectServerSchema = z
  .object({
    stagingMode: z.boolean().default(false),
    schedulerSuspended: z.boolean().default(false),
    syncCycleEnabled: z.boolean().default(true),
    /** Answers busy `times` times first, with one of the two real texts. */
    busy: z
      .object({
        text: z.enum(['aad-busy', 'already-running']).default('aad-busy'),
        times: z.number().int().min(0),
      })
      .strict()
      .optional(),
    /** false: the technician is not in ADSyncOperators (the COM 80070005 answer). */
    operatorAccess: z.boolean().default(true),
    /** Messages the next run's export reports (completed-export-errors). */
    exportErrors: z.array(z.string().min(1)).default([]),
  })
  .strict();

/**
 * One AD forest of a multi-forest lab (issue 21): its root domain's DNS name, its domains (the root
 * and any child or tree domains) and, optionally, its part in a migration between forests. Without
 * `role`, the forest listed last is the migration's target (the newer forest).
 */
export const forestSchema = z
  .object({
    name: z.string().min(1),
    domains: z.array(z.string().min(1)).min(1).optional(),
    /** 'source': the old forest users move out of; 'target': the new forest they move into. */
    role: z.enum(['source', 'target']).optional(),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
    description: z.string().min(1),
    identity: z.string().min(1),
    /** Optional: what a trainer should see once the scenario is fixed (shown after the summary). */
    lesson: z.string().optional(),
    ad: z
      .object({
        domain: z.string().min(1),
        objects: z.array(adObjectSchema),
        /** Optional (issue 21): several forests and domains; each object lives in the domain its DN names. */
        forests: z.array(forestSchema).min(1).optional(),
      })
      .strict(),
    sync: z
      .object({
        sourceAnchor: z
          .string()
          .trim()
          .min(
            1,
            'is empty: name the attribute (mS-DS-ConsistencyGuid, objectGUID or another), or leave the key out',
          )
          .default('mS-DS-ConsistencyGuid'),
        scope: z
          .array(
            z.string().refine((s) => parseDn(s) !== null, {
              message: 'is not a DN such as OU=Staff,DC=contoso,DC=com',
            }),
          )
          .default([]),
        /** Optional: the Connect server's state, so a trainee meets each one (lab-sync-trigger.ts). */
        server: connectServerSchema.optional(),
      })
      .strict()
      .default({}),
    tenant: z
      .object({
        initialDomain: z.string().min(1),
        domains: z
          .array(
            z
              .object({
                id: z.string().min(1),
                isVerified: z.boolean(),
                authenticationType: z.enum(['Managed', 'Federated']).default('Managed'),
                isDefault: z.boolean().optional(),
              })
              .strict(),
          )
          .default([]),
        features: z.union([featuresSchema, z.literal('forbidden')]).default({}),
        users: z.array(cloudUserSchema).default([]),
        groups: z.array(groupSchema).default([]),
        contacts: z.array(recipientSchema).default([]),
        deletedUsers: z.array(deletedUserSchema).default([]),
        /** Licence tier (issue 19); default p2, the tier where every read the tool makes works. */
        license: licenseSchema.optional(),
        /** Permissions the signed-in principal holds; default: every one the tool asks for. */
        grantedPermissions: z.array(z.string()).optional(),
        /** false: the tenant never ran directory sync (no onPremisesSynchronization object). */
        directorySyncConfigured: z.boolean().optional(),
      })
      .strict()
      .superRefine(checkTenantProfile),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioAdObject = z.infer<typeof adObjectSchema>;
export type ScenarioForest = z.infer<typeof forestSchema>;
export type ScenarioCloudUser = z.infer<typeof cloudUserSchema>;
export type ScenarioDeletedUser = z.infer<typeof deletedUserSchema>;
export type ScenarioRecipient = z.infer<typeof recipientSchema>;
export type ScenarioFeatures = z.infer<typeof featuresSchema>;
export type ScenarioGroup = z.infer<typeof groupSchema>;
export type ScenarioLicense = z.infer<typeof licenseSchema>;
export type ScenarioConnectServer = z.infer<typeof connectServerSchema>;

/** Formats the first problems zod found as `path: message` lines (the JSON path of each). */
export function describeScenarioIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 5).map((i) => {
    const path = i.path.reduce<string>(
      (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : String(p)),
      '',
    );
    return `${path ? `$.${path}` : '$'}: ${i.message}`;
  });
}
