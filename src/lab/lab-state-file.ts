// The lab's directory and tenant as a file, so a batch stopped in the lab can be resumed in another
// process (issue 18). A real tenant keeps its state between runs; the lab lives in the process that
// opened it, so a lab batch saves it beside its record and `fix --resume <id> --lab` opens the lab
// from there: the writes made, the joins the sync engine made, and its run count, as they were
// left. The file is a scenario (the same format and validation as a scenario file) with the sync
// engine's joins beside it; the lab holds no secret.
import type { LabState } from './lab-state.js';
import { checkScenario } from './scenario-loader.js';
import type { Scenario } from './scenario-schema.js';
import { UserFacingError } from '../core/errors.js';

export interface SavedLab {
  /** The scenario as the lab now holds it (AD, sync settings, tenant). */
  scenario: Scenario;
  /** The sync engine's joins (AD objectGUID → cloud user id) and how many cycles ran. */
  joins: Record<string, string>;
  syncRuns: number;
  savedAt: string;
  /** The batch that saved it. */
  batch: string;
}

export function labStateJson(state: LabState, batch: string, now: Date): string {
  const saved: SavedLab = {
    scenario: { ...state.scenario, ad: state.ad, sync: state.sync, tenant: state.tenant },
    joins: state.joins,
    syncRuns: state.syncRuns,
    savedAt: now.toISOString(),
    batch,
  };
  return JSON.stringify(saved);
}

/** Reads a saved lab; a file that is not one is an error with a sentence, never half a lab. */
export function parseSavedLab(text: string, source: string): SavedLab {
  let data: Partial<SavedLab>;
  try {
    data = JSON.parse(text) as Partial<SavedLab>;
  } catch {
    throw new UserFacingError(`The saved lab ${source} is not valid JSON.`, 'LAB_STATE_INVALID');
  }
  const joins = data.joins;
  const joinsOk =
    typeof joins === 'object' &&
    joins !== null &&
    !Array.isArray(joins) &&
    Object.values(joins).every((v) => typeof v === 'string');
  if (
    typeof data.scenario !== 'object' ||
    data.scenario === null ||
    !joinsOk ||
    typeof data.syncRuns !== 'number' ||
    typeof data.savedAt !== 'string' ||
    typeof data.batch !== 'string'
  ) {
    throw new UserFacingError(`The saved lab ${source} is not a saved lab.`, 'LAB_STATE_INVALID');
  }
  const scenario = checkScenario(data.scenario, source);
  return { scenario, joins: joins!, syncRuns: data.syncRuns, savedAt: data.savedAt, batch: data.batch };
}
