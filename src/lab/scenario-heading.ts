// What the wizard's first frame shows of a lab scenario: its name and the identity it suggests.
// A shipped scenario's heading is read without the schema (zod stays off the first frame's path);
// the shipped files are validated by the tests, and again in full when the lab opens just after
// the frame. A file given by path is validated in full first, so its problems are reported before
// anything is drawn.
import { readScenarioText } from './scenario-files.js';
import type { Scenario } from './scenario-schema.js';

export interface ScenarioHeading {
  name: string;
  identity: string;
  /** The validated scenario, when validating it was needed to read the heading. */
  scenario?: Scenario;
}

export async function readScenarioHeading(ref: string): Promise<ScenarioHeading> {
  const { text, source, shipped } = await readScenarioText(ref);
  if (shipped) {
    const heading = headingOf(text);
    if (heading) return heading;
  }
  const { parseScenario } = await import('./scenario-loader.js');
  const scenario = parseScenario(text, source);
  return { name: scenario.name, identity: scenario.identity, scenario };
}

function headingOf(text: string): ScenarioHeading | null {
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null) return null;
    const { name, identity } = data as Record<string, unknown>;
    return typeof name === 'string' && typeof identity === 'string' ? { name, identity } : null;
  } catch {
    return null;
  }
}
