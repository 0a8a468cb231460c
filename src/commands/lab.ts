// `syncmatch lab [scenario]`: practise on the built-in lab. Without a scenario, a picker shows each
// one with its description; --list prints them.
import { UsageError } from '../core/errors.js';
import { listShippedScenarios, loadScenario } from '../lab/scenario-loader.js';
import { runLabWizard } from './lab-wizard.js';
import type { GlobalOptions } from './global-options.js';
import { colorEnabled, createOutput } from './output.js';
import { wrap } from './report.js';
import { EXIT } from '../core/errors.js';

export async function labCommand(
  scenario: string | undefined,
  opts: GlobalOptions & { list?: boolean },
  note?: string,
): Promise<number> {
  const out = createOutput(opts);
  if (scenario !== undefined && (opts.json || opts.list)) {
    // `lab --json <file>` describes that scenario (validated in full), never the shipped list.
    const loaded = await loadScenario(scenario);
    const summary = {
      name: loaded.name,
      description: loaded.description,
      identity: loaded.identity,
      ...(loaded.lesson ? { lesson: loaded.lesson } : {}),
      adObjects: loaded.ad.objects.length,
      cloudUsers: loaded.tenant.users.length,
    };
    if (out.json) out.json_(summary);
    else
      out.data(
        `${out.paint('bold', summary.name)}\n${wrap(summary.description, 76)
          .map((l) => `    ${l}`)
          .join('\n')}\n`,
      );
    return EXIT.ok;
  }
  const scenarios = await listShippedScenarios();
  if (opts.list || opts.json) {
    if (out.json) out.json_(scenarios.map((s) => ({ name: s.name, description: s.description })));
    else
      for (const s of scenarios)
        out.data(
          `${out.paint('bold', s.name)}\n${wrap(s.description, 76)
            .map((l) => `    ${l}`)
            .join('\n')}\n`,
        );
    return EXIT.ok;
  }
  let chosen = scenario;
  if (chosen === undefined) {
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      throw new UsageError(
        'Choose a scenario: the picker needs an interactive terminal.',
        `syncmatch lab <scenario>; the scenarios are: ${scenarios.map((s) => s.name).join(', ')}.`,
      );
    }
    const { pickScenario } = await import('../ui/lab-picker.js');
    const picked = await pickScenario(scenarios, { color: colorEnabled(opts), note });
    if (picked === null) return EXIT.ok;
    chosen = picked;
  }
  return runLabWizard(chosen, undefined, opts);
}
