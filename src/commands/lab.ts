// `syncmatch lab [scenario]`: practise on the built-in lab. Without a scenario, a picker shows each
// one with its description; --list prints them.
import { UsageError } from '../core/errors.js';
import { listShippedScenarios, loadScenario } from '../lab/scenario-loader.js';
import { runLabWizard } from './lab-wizard.js';
import type { GlobalOptions } from './global-options.js';
import { colorEnabled, createOutput } from './output.js';
import { wrap } from './report.js';
import { invocation } from './invocation.js';
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
  if (scenario !== undefined) return runLabWizard(scenario, undefined, opts);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError(
      'Choose a scenario: the picker needs an interactive terminal.',
      `${invocation(opts)} lab <scenario>; the scenarios are: ${scenarios.map((s) => s.name).join(', ')}.`,
    );
  }
  // One session walks any number of scenarios: the wizard's Escape on its first screen, or
  // "Another scenario" after a summary, comes back here.
  const { pickScenario } = await import('../ui/lab-picker.js');
  let pickerNote = note;
  for (;;) {
    const picked = await pickScenario(scenarios, { color: colorEnabled(opts), note: pickerNote });
    if (picked === 'quit') return EXIT.ok;
    if (picked === 'cancelled') return EXIT.cancelled;
    let back = false;
    const code = await runLabWizard(picked.name, undefined, opts, () => (back = true));
    if (!back) return code;
    pickerNote = undefined;
  }
}
