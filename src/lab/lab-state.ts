// The lab's mutable world, shared by the in-memory AD, the Graph simulator and the sync engine.
// Created from a scenario by deep copy: a run never changes the scenario file.
import type {
  Scenario,
  ScenarioAdObject,
  ScenarioCloudUser,
  ScenarioDeletedUser,
  ScenarioFeatures,
  ScenarioForest,
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
  /** `forests` (issue 21): several forests and domains; absent = one forest named `domain`. */
  ad: { domain: string; objects: ScenarioAdObject[]; forests?: ScenarioForest[] };
  sync: { sourceAnchor: string; scope: string[] };
  tenant: LabTenant;
  syncLog: SyncLogEntry[];
  syncRuns: number;
  /** How many more Start-ADSyncSyncCycle calls answer "busy" (tests, training). */
  busyCalls: number;
  /** Where the engine keeps the join: AD objectGUID → cloud user id (Connect's metaverse link). */
  joins: Record<string, string>;
}

/**
 * `owned`: the caller hands the scenario over (it was just loaded from a file and nobody else holds
 * it), so its objects become the state without being copied; `scenario` then keeps its heading
 * (name, identity…) and shares the objects. A large generated lab is thus held once, not three times.
 */
export function createLabState(scenario: Scenario, options: { owned?: boolean } = {}): LabState {
  if (options.owned) {
    return {
      scenario: { ...scenario },
      ad: scenario.ad,
      sync: scenario.sync,
      tenant: scenario.tenant,
      syncLog: [],
      syncRuns: 0,
      busyCalls: 0,
      joins: {},
    };
  }
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
