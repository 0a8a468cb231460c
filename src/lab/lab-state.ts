// The lab's mutable world, shared by the in-memory AD, the Graph simulator and the sync engine.
// Created from a scenario by deep copy: a run never changes the scenario file.
import type {
  Scenario,
  ScenarioAdObject,
  ScenarioCloudUser,
  ScenarioDeletedUser,
  ScenarioFeatures,
  ScenarioGroup,
  ScenarioLicense,
  ScenarioRecipient,
} from './scenario-schema.js';

/** One line the sync engine reports ("what the sync reported"). */
export interface SyncLogEntry {
  run: number;
  at: string;
  /** The AD object's DN, or '' for run-level lines. */
  dn: string;
  /** e.g. HardMatch, SoftMatch, Created, Restored, Updated, InvalidSoftMatch, InvalidHardMatch,
   *  ExistingAdminRoleConflict, AttributeValueMustBeUnique, ExportError, Skipped. */
  outcome: string;
  message: string;
  cloudUserId?: string;
}

export interface LabTenant {
  initialDomain: string;
  domains: {
    id: string;
    isVerified: boolean;
    authenticationType: 'Managed' | 'Federated';
    isDefault?: boolean;
  }[];
  features: ScenarioFeatures | 'forbidden';
  users: ScenarioCloudUser[];
  groups: ScenarioGroup[];
  contacts: ScenarioRecipient[];
  deletedUsers: ScenarioDeletedUser[];
  license?: ScenarioLicense;
  grantedPermissions?: string[];
  directorySyncConfigured?: boolean;
}

export interface LabState {
  scenario: Scenario;
  ad: { domain: string; objects: ScenarioAdObject[] };
  sync: { sourceAnchor: string; scope: string[] };
  tenant: LabTenant;
  syncLog: SyncLogEntry[];
  syncRuns: number;
  /** How many more Start-ADSyncSyncCycle calls answer "busy" (tests, training). */
  busyCalls: number;
  /** Where the engine keeps the join: AD objectGUID → cloud user id (Connect's metaverse link). */
  joins: Record<string, string>;
}

export function createLabState(scenario: Scenario): LabState {
  const copy = structuredClone(scenario);
  return {
    scenario: structuredClone(scenario),
    ad: copy.ad,
    sync: copy.sync,
    tenant: copy.tenant,
    syncLog: [],
    syncRuns: 0,
    busyCalls: 0,
    joins: {},
  };
}
