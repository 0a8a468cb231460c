// Loads a lab scenario: a shipped one by name (assets/scenarios/<name>.json) or any JSON file by
// path. A bad file is refused with the JSON path of each problem, never with a stack trace.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXIT, UserFacingError } from '../core/errors.js';
import { readScenarioText, shippedNames, shippedScenariosDir, withoutBom } from './scenario-files.js';
import { forestProblems } from './lab-forests.js';
import { describeScenarioIssues, scenarioSchema, type Scenario } from './scenario-schema.js';

/** A shipped scenario as the picker lists it. */
export interface ScenarioSummary {
  name: string;
  description: string;
  lesson?: string;
  file: string;
}

/** Parses and validates scenario text; `source` names the file in messages. */
export function parseScenario(text: string, source: string): Scenario {
  let data: unknown;
  try {
    // A bad scenario file is a usage error (exit 2), as the README says; a BOM is no error at all.
    data = JSON.parse(withoutBom(text));
  } catch (e) {
    throw new UserFacingError(
      `The scenario ${source} is not valid JSON: ${(e as Error).message}.`,
      'SCENARIO_BAD_JSON',
      'Fix the JSON syntax at the position named above (a trailing comma or a missing quote, usually).',
      EXIT.usage,
    );
  }
  return checkScenario(data, source);
}

/** Validates a scenario already parsed from JSON (a scenario file's, or a saved lab's). */
export function checkScenario(data: unknown, source: string): Scenario {
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) {
    const lines = describeScenarioIssues(parsed.error);
    const more = parsed.error.issues.length - lines.length;
    throw new UserFacingError(
      `The scenario ${source} does not match the scenario format:\n  ${lines.join('\n  ')}${more > 0 ? `\n  … and ${more} more` : ''}`,
      'SCENARIO_INVALID',
      'Compare it with a shipped scenario in assets/scenarios/ (`syncmatch lab` lists them).',
      EXIT.usage,
    );
  }
  const problems = consistencyProblems(parsed.data);
  if (problems.length > 0) {
    throw new UserFacingError(
      `The scenario ${source} is inconsistent:\n  ${problems.slice(0, 5).join('\n  ')}`,
      'SCENARIO_INVALID',
      'Every objectGUID and every cloud object id must be unique, and every AD object in a domain of ad.forests.',
      EXIT.usage,
    );
  }
  return parsed.data;
}

/** Duplicates zod cannot see: two AD objects with one objectGUID, two cloud objects with one id. */
function consistencyProblems(s: Scenario): string[] {
  const out: string[] = [];
  const seen = new Map<string, string>();
  s.ad.objects.forEach((o, i) => {
    const k = o.objectGUID.toLowerCase().replace(/[{}]/g, '');
    const path = `$.ad.objects[${i}].objectGUID`;
    const first = seen.get(k);
    if (first) out.push(`${path}: the same objectGUID as ${first}`);
    else seen.set(k, path);
  });
  out.push(...forestProblems(s.ad));
  const ids = new Map<string, string>();
  const lists = ['users', 'deletedUsers', 'groups', 'contacts'] as const;
  for (const list of lists) {
    s.tenant[list].forEach((o, i) => {
      const k = o.id.toLowerCase();
      const path = `$.tenant.${list}[${i}].id`;
      const first = ids.get(k);
      if (first) out.push(`${path}: the same id as ${first}`);
      else ids.set(k, path);
    });
  }
  return out;
}

/** Loads a shipped scenario by name, or a scenario file by path. */
export async function loadScenario(ref: string): Promise<Scenario> {
  const { text, source } = await readScenarioText(ref);
  return parseScenario(text, source);
}

/** Every shipped scenario with its description, sorted by name. Invalid files are skipped here
 *  (the shipped-scenario test keeps them valid); loading one by name reports its problems. */
export async function listShippedScenarios(): Promise<ScenarioSummary[]> {
  const out: ScenarioSummary[] = [];
  for (const name of shippedNames()) {
    const file = join(shippedScenariosDir(), `${name}.json`);
    try {
      const s = parseScenario(await readFile(file, 'utf8'), `"${name}"`);
      out.push({ name: s.name, description: s.description, ...(s.lesson ? { lesson: s.lesson } : {}), file });
    } catch {
      continue;
    }
  }
  return out;
}
