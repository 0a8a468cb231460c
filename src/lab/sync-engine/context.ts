// The state one delta-sync run works on: the lab, the run number, its time and the effective
// tenant switches.
import type { LabState } from '../lab-state.js';
import { featuresSchema, type ScenarioFeatures } from '../scenario-schema.js';

/** What the engine needs of a clock (the ports' Clock fits). */
export interface SyncClock {
  now(): Date;
}

export const systemClock: SyncClock = { now: () => new Date() };

/** The run summary's counts ("adds, updates, deletes, errors"). */
export interface RunTally {
  adds: number;
  updates: number;
  deletes: number;
  errors: number;
}

export interface SyncContext {
  state: LabState;
  run: number;
  /** ISO time of this run: onPremisesLastSyncDateTime, deletedDateTime, occurredDateTime. */
  at: string;
  features: ScenarioFeatures;
  tally: RunTally;
}

export function createContext(state: LabState, clock: SyncClock): SyncContext {
  state.syncRuns += 1;
  // The first sync gives a tenant that never synced its onPremisesSynchronization settings.
  if (state.tenant.directorySyncConfigured === false) state.tenant.directorySyncConfigured = true;
  // "forbidden" only stops a sign-in from *reading* the switches; the service still applies them,
  // and a scenario that hides them gets the defaults (zod fills them from an empty object).
  const features =
    state.tenant.features === 'forbidden'
      ? featuresSchema.parse({})
      : featuresSchema.parse(state.tenant.features);
  return {
    state,
    run: state.syncRuns,
    at: clock.now().toISOString(),
    features,
    tally: { adds: 0, updates: 0, deletes: 0, errors: 0 },
  };
}
