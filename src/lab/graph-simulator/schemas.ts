// What each simulated resource type exposes: its properties, which ones Graph returns without
// `$select`, and which filters Graph accepts on each without advanced-query headers (docs/matching-facts.md §3).

/** How a property may be filtered. `basic` ones work without `ConsistencyLevel: eventual`. */
export interface PropertyRule {
  type: 'string' | 'boolean' | 'datetime' | 'stringCollection' | 'complex' | 'number';
  /** Operators accepted without advanced query (`any` = lambda over a collection). */
  basic?: readonly ('eq' | 'in' | 'startswith' | 'any')[];
  /** Filterable at all (advanced queries may then use ne, not, endsWith, eq null, ranges). */
  filterable?: boolean;
  /** Compared case-sensitively (base64 anchors are case-sensitive, docs/matching-facts.md §1). */
  caseSensitive?: boolean;
}

export interface ResourceSchema {
  /** OData type, e.g. microsoft.graph.user (used in error messages and @odata.type). */
  typeName: string;
  /** The resource name Graph's directory errors use (User, Group, Contact…). */
  resource: string;
  properties: Record<string, PropertyRule>;
  /** Returned when the request has no `$select`. */
  defaultSelect: readonly string[];
  /** Graph's default page size for this collection and the largest `$top` it accepts. */
  pageSize: number;
  maxTop: number;
}

const str = (basic?: PropertyRule['basic'], extra: Partial<PropertyRule> = {}): PropertyRule => ({
  type: 'string',
  basic,
  filterable: basic !== undefined || extra.filterable === true,
  ...extra,
});
const bool = (basic: boolean): PropertyRule => ({
  type: 'boolean',
  basic: basic ? ['eq', 'in'] : undefined,
  filterable: true,
});
const date = (filterable: boolean): PropertyRule => ({ type: 'datetime', filterable });
const collection = (basic: boolean): PropertyRule => ({
  type: 'stringCollection',
  basic: basic ? ['any'] : undefined,
  filterable: basic,
});
const complex: PropertyRule = { type: 'complex' };
/** Filterable only as an advanced query (https://learn.microsoft.com/graph/aad-advanced-queries). */
const advancedOnly: PropertyRule = { type: 'string', filterable: true };
const EQ_IN_STARTS = ['eq', 'in', 'startswith'] as const;

export const userSchema: ResourceSchema = {
  typeName: 'microsoft.graph.user',
  resource: 'User',
  properties: {
    id: str(['eq', 'in']),
    displayName: str(EQ_IN_STARTS),
    givenName: str(EQ_IN_STARTS),
    surname: str(EQ_IN_STARTS),
    jobTitle: str(EQ_IN_STARTS),
    mail: str(EQ_IN_STARTS),
    mobilePhone: advancedOnly,
    officeLocation: advancedOnly,
    preferredLanguage: str(['eq']),
    businessPhones: collection(true),
    userPrincipalName: str(EQ_IN_STARTS),
    accountEnabled: bool(true),
    userType: str(['eq', 'in']),
    createdDateTime: date(true),
    deletedDateTime: date(true),
    // Returned only with $select (https://learn.microsoft.com/graph/api/resources/user).
    assignedLicenses: complex,
    // Returned only with $select (docs/matching-facts.md §3).
    mailNickname: str(EQ_IN_STARTS),
    proxyAddresses: collection(true),
    onPremisesImmutableId: str(['eq', 'in'], { caseSensitive: true }),
    onPremisesSyncEnabled: bool(true),
    onPremisesLastSyncDateTime: date(true),
    onPremisesProvisioningErrors: complex,
    onPremisesDistinguishedName: str(undefined),
    onPremisesSamAccountName: advancedOnly,
    onPremisesUserPrincipalName: str(undefined),
    onPremisesDomainName: str(undefined),
  },
  defaultSelect: [
    'businessPhones',
    'displayName',
    'givenName',
    'jobTitle',
    'mail',
    'mobilePhone',
    'officeLocation',
    'preferredLanguage',
    'surname',
    'userPrincipalName',
    'id',
  ],
  pageSize: 100,
  maxTop: 999,
};

/** Recycle-bin users: the user type, plus deletedDateTime in the default set. */
export const deletedUserSchema: ResourceSchema = {
  ...userSchema,
  defaultSelect: [...userSchema.defaultSelect, 'deletedDateTime'],
};

const recipientProperties: Record<string, PropertyRule> = {
  id: str(['eq', 'in']),
  displayName: str(EQ_IN_STARTS),
  mail: str(EQ_IN_STARTS),
  mailNickname: str(EQ_IN_STARTS),
  proxyAddresses: collection(true),
  onPremisesSyncEnabled: bool(true),
  onPremisesLastSyncDateTime: date(true),
  onPremisesProvisioningErrors: complex,
  createdDateTime: date(true),
  deletedDateTime: date(true),
};

export const groupSchema: ResourceSchema = {
  typeName: 'microsoft.graph.group',
  resource: 'Group',
  properties: {
    ...recipientProperties,
    description: str(['eq', 'startswith']),
    mailEnabled: bool(true),
    securityEnabled: bool(true),
    groupTypes: collection(true),
    // https://learn.microsoft.com/graph/api/resources/group (isAssignableToRole: $filter eq, ne, not).
    isAssignableToRole: bool(true),
  },
  // Groups, unlike users, return their mail properties by default.
  defaultSelect: [
    'id',
    'deletedDateTime',
    'createdDateTime',
    'description',
    'displayName',
    'groupTypes',
    'mail',
    'mailEnabled',
    'mailNickname',
    'onPremisesLastSyncDateTime',
    'onPremisesProvisioningErrors',
    'onPremisesSyncEnabled',
    'proxyAddresses',
    'securityEnabled',
  ],
  pageSize: 100,
  maxTop: 999,
};

export const contactSchema: ResourceSchema = {
  typeName: 'microsoft.graph.orgContact',
  resource: 'Contact',
  properties: {
    ...recipientProperties,
    givenName: str(EQ_IN_STARTS),
    surname: str(EQ_IN_STARTS),
    companyName: str(EQ_IN_STARTS),
    jobTitle: str(EQ_IN_STARTS),
  },
  defaultSelect: [
    'id',
    'deletedDateTime',
    'companyName',
    'displayName',
    'givenName',
    'jobTitle',
    'mail',
    'mailNickname',
    'onPremisesLastSyncDateTime',
    'onPremisesProvisioningErrors',
    'onPremisesSyncEnabled',
    'proxyAddresses',
    'surname',
  ],
  pageSize: 100,
  maxTop: 999,
};

export const domainSchema: ResourceSchema = {
  typeName: 'microsoft.graph.domain',
  resource: 'Domain',
  properties: {
    id: str(undefined),
    authenticationType: str(undefined),
    isVerified: { type: 'boolean' },
    isDefault: { type: 'boolean' },
    isInitial: { type: 'boolean' },
    isAdminManaged: { type: 'boolean' },
    isRoot: { type: 'boolean' },
    supportedServices: { type: 'stringCollection' },
    availabilityStatus: str(undefined),
    passwordValidityPeriodInDays: { type: 'number' },
    passwordNotificationWindowInDays: { type: 'number' },
  },
  defaultSelect: [
    'authenticationType',
    'availabilityStatus',
    'id',
    'isAdminManaged',
    'isDefault',
    'isInitial',
    'isRoot',
    'isVerified',
    'supportedServices',
    'passwordValidityPeriodInDays',
    'passwordNotificationWindowInDays',
  ],
  pageSize: 999,
  maxTop: 999,
};

export const roleDefinitionSchema: ResourceSchema = {
  typeName: 'microsoft.graph.unifiedRoleDefinition',
  resource: 'RoleDefinition',
  properties: {
    id: str(['eq', 'in']),
    displayName: str(['eq', 'in', 'startswith']),
    description: str(undefined),
    isBuiltIn: bool(true),
    isEnabled: bool(true),
    templateId: str(['eq', 'in']),
    version: str(undefined),
    rolePermissions: complex,
  },
  defaultSelect: [
    'id',
    'description',
    'displayName',
    'isBuiltIn',
    'isEnabled',
    'templateId',
    'version',
    'rolePermissions',
  ],
  pageSize: 999,
  maxTop: 999,
};

const assignmentProperties: Record<string, PropertyRule> = {
  id: str(['eq', 'in']),
  principalId: str(['eq', 'in']),
  roleDefinitionId: str(['eq', 'in']),
  directoryScopeId: str(['eq', 'in']),
  appScopeId: str(['eq']),
};

export const roleAssignmentSchema: ResourceSchema = {
  typeName: 'microsoft.graph.unifiedRoleAssignment',
  resource: 'RoleAssignment',
  properties: { ...assignmentProperties, roleDefinition: complex, principal: complex },
  defaultSelect: ['id', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'appScopeId'],
  pageSize: 999,
  maxTop: 999,
};

export const roleEligibilityScheduleSchema: ResourceSchema = {
  typeName: 'microsoft.graph.unifiedRoleEligibilitySchedule',
  resource: 'RoleEligibilitySchedule',
  properties: {
    ...assignmentProperties,
    memberType: str(['eq']),
    status: str(['eq']),
    createdUsing: str(undefined),
    createdDateTime: date(false),
    modifiedDateTime: date(false),
    scheduleInfo: complex,
    roleDefinition: complex,
    principal: complex,
  },
  defaultSelect: [
    'id',
    'principalId',
    'roleDefinitionId',
    'directoryScopeId',
    'appScopeId',
    'createdUsing',
    'createdDateTime',
    'modifiedDateTime',
    'status',
    'memberType',
    'scheduleInfo',
  ],
  pageSize: 999,
  maxTop: 999,
};

export const directoryRoleSchema: ResourceSchema = {
  typeName: 'microsoft.graph.directoryRole',
  resource: 'DirectoryRole',
  properties: {
    id: str(['eq']),
    displayName: str(['eq']),
    description: str(undefined),
    roleTemplateId: str(['eq']),
    deletedDateTime: date(false),
  },
  defaultSelect: ['id', 'deletedDateTime', 'description', 'displayName', 'roleTemplateId'],
  pageSize: 100,
  maxTop: 999,
};
