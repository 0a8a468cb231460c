// `syncmatch lab generate --users N --seed S [--out file]`: a large lab scenario (issue 9), the
// same for the same seed. Written to a file, or to stdout when no --out is given.
import { EXIT, UsageError } from '../core/errors.js';
import { generateScenario } from '../lab/generator/generate.js';
import type { GlobalOptions } from './global-options.js';
import { MAX_GENERATED_USERS } from './numeric-flags.js';
import { createOutput } from './output.js';
import { checkOutputFile, writeOutputFile } from './output-file.js';

export interface LabGenerateOptions extends GlobalOptions {
  users: number;
  seed?: string;
  cloudUsers?: number;
  out?: string;
  /** Replace an existing --out file. */
  force?: boolean;
}

export { MAX_GENERATED_USERS };

export async function labGenerateCommand(opts: LabGenerateOptions): Promise<number> {
  const out = createOutput(opts);
  for (const [flag, n] of [
    ['--users', opts.users],
    ['--cloud-users', opts.cloudUsers],
  ] as const) {
    if (n !== undefined && n > MAX_GENERATED_USERS) {
      throw new UsageError(
        `${flag} ${n} is more than ${MAX_GENERATED_USERS} users.`,
        `Use ${flag} ${MAX_GENERATED_USERS} or fewer.`,
      );
    }
  }
  // Checked before generating: an existing file (without --force) or an unwritable folder.
  const outOptions = { flag: '--out', force: opts.force === true };
  const file =
    opts.out === undefined || opts.out === '-' ? null : await checkOutputFile(opts.out, outOptions);
  const seed = opts.seed ?? 'syncmatch';
  const scenario = generateScenario({
    users: opts.users,
    seed,
    ...(opts.cloudUsers !== undefined ? { cloudUsers: opts.cloudUsers } : {}),
  });
  const text = `${JSON.stringify(scenario, null, opts.users > 20_000 ? undefined : 2)}\n`;
  if (file === null) {
    process.stdout.write(text);
    return EXIT.ok;
  }
  await writeOutputFile(file, text, outOptions);
  const users = scenario.ad.objects.filter((o) => o.objectClass === 'user').length;
  out.status(
    `Wrote ${file}: ${users} AD users, ${scenario.tenant.users.length} cloud users (seed ${seed}).\n` +
      `  Forecast it: syncmatch scan --lab ${opts.out}\n  Walk one user: syncmatch --lab ${opts.out} ${scenario.identity}`,
  );
  return EXIT.ok;
}
