// The command tree (commander). Each action import()s its module, so only the command that runs
// is loaded.
import { Command, Option } from 'commander';
import { version } from './version.js';
import {
  MAX_GENERATED_USERS,
  MAX_LAB_LATENCY_MS,
  MAX_TIMEOUT_SECONDS,
  wholeNumber,
} from './numeric-flags.js';
import type { GlobalOptions } from './global-options.js';
import { terminalText } from './output.js';
import { SETTING_KEYS, environmentHelp } from '../adapters/config/setting-keys.js';

const EXIT_HELP = `
Exit codes:
  0    success, nothing wrong (or matched)
  1    runtime failure (connection, permission, a failed write)
  2    usage error (bad flag, bad identity, bad value)
  3    problems found, or not matched
  130  cancelled (Ctrl-C)

Without --lab, settings come from the config profile (syncmatch setup), flags and SYNCMATCH_* variables.
Run 'npm start' (or 'syncmatch lab') to practise on the built-in lab.`;

/** Sets the exit code the command produced, read back by run(). */
export function setExit(cmd: Command, code: number): void {
  let root = cmd;
  while (root.parent) root = root.parent;
  root.setOptionValue('__exitCode', code);
}

export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

export function buildProgram(): Command {
  const program = new Command('syncmatch');
  // Set before any subcommand is added: subcommands copy these settings when they are created.
  program.exitOverride().configureOutput({
    writeErr: (s) => process.stderr.write(s),
    // commander quotes what was typed (an unknown option may be a pasted secret or an ESC).
    outputError: (s, write) => write(terminalText(s.replace(/^error: /, 'syncmatch: '))),
  });
  program
    .description(
      'Walks one on-premises AD user to a verified match with its Microsoft Entra ID cloud user.\n' +
        'With an identity (sAMAccountName, UPN, mail, DN, objectGUID or immutableId) it opens the wizard.',
    )
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--json', 'machine output on stdout: no colour, no prompts')
    .option('--no-color', 'no colour (NO_COLOR is honoured too)')
    .option('--verbose', 'more detail on stderr')
    .addOption(
      new Option('--lab [scenario]', 'use the built-in lab: a shipped scenario name or a scenario file'),
    )
    .addOption(
      new Option(
        '--lab-latency <ms>',
        `lab only: added latency per Graph request and LDAP search (0–${MAX_LAB_LATENCY_MS} ms)`,
      ).argParser(wholeNumber(0, MAX_LAB_LATENCY_MS, 'ms')),
    )
    .option('--profile <name>', 'config profile (a customer)', undefined)
    .option('--read-only', 'never write; hide fix steps')
    .option('--insecure-tls', 'labs only: skip LDAP certificate checks (never for Graph)')
    .option('--report <file>', 'wizard, diagnose, fix: also write the ticket-ready summary as Markdown')
    .option('--force', 'overwrite the --report file if it exists')
    .addHelpText('after', EXIT_HELP)
    .showSuggestionAfterError()
    .argument('[identity]', 'the user to walk through (prompted when omitted)')
    .action(async (identity: string | undefined, _opts, cmd: Command) => {
      const { wizardCommand } = await import('./wizard.js');
      setExit(cmd, await wizardCommand(identity, globals(cmd)));
    });

  program
    .command('diagnose')
    .description('read AD and the tenant, explain every finding, propose a plan')
    .argument('<identity>', 'sAMAccountName, UPN, mail, DN, objectGUID or immutableId')
    .option(
      '--handoff <file>',
      'write a case file for "fix --from" (who, when, tenant, snapshot digest, findings, plan)',
    )
    .action(async (identity: string, opts: { handoff?: string }, cmd: Command) => {
      const { diagnoseCommand } = await import('./diagnose.js');
      setExit(cmd, await diagnoseCommand(identity, { ...globals(cmd), ...opts }));
    });

  program
    .command('fix')
    .description('diagnose, then apply the plan step by step (each write confirmed)')
    .argument('[identity]', 'sAMAccountName, UPN, mail, DN, objectGUID or immutableId (or --from)')
    .option('-y, --yes', 'apply without asking (required when not interactive)')
    .option(
      '--timeout <seconds>',
      'how long to wait for the sync to land',
      wholeNumber(1, MAX_TIMEOUT_SECONDS, 'seconds'),
    )
    .option('--from <file>', 'continue from a case file written by "diagnose --handoff"')
    .option('--max-age <hours>', 'refuse a --from case older than this (default 24)', posInt)
    .option('--batch <file>', 'fix many users: one identity per line, or the CSV of scan --csv')
    .option('--batch-finding <code>', 'fix every user with this finding (e.g. STALE_IMMUTABLE_ID)')
    .option('--scope <dn...>', 'with --batch-finding: only users under these OU DNs')
    .option('--resume <batch>', 'finish a batch that stopped, skipping what is done')
    .option('--allow-purge', 'with --yes or a batch: allow a permanent delete from the recycle bin')
    .option('--batch-report <file>', 'write the batch result to a new .csv or .md file')
    .option('--dry-run', 'with a batch: plan it and report the plan; write nothing, start no sync')
    .action(async (identity: string | undefined, opts: Record<string, unknown>, cmd: Command) => {
      const all = { ...globals(cmd), ...opts };
      if (['batch', 'batchFinding', 'resume'].some((k) => opts[k] !== undefined)) {
        const { fixBatchCommand } = await import('./fix-batch.js');
        return setExit(cmd, await fixBatchCommand(identity, all));
      }
      const { fixCommand } = await import('./fix.js');
      setExit(cmd, await fixCommand(identity, all));
    });

  program
    .command('convert')
    .description('convert between objectGUID, GUID string, immutableId and LDAP filter bytes')
    .argument(
      '<value>',
      'a GUID (dashes optional), an immutableId (base64), \\xx bytes, hex bytes (AA F7 …) or decimal bytes ({170, 247, …})',
    )
    .option('--as <reading>', '32 hex digits: read them as a guid (ToString("N")) or as bytes (octet string)')
    .action(async (value: string, opts: { as?: string }, cmd: Command) => {
      const { convertCommand } = await import('./convert.js');
      setExit(cmd, convertCommand(value, { ...globals(cmd), ...opts }));
    });

  program
    .command('sync')
    .description('start a delta sync on the Entra Connect server; with --wait, verify the user matched')
    .option('--wait <identity>', 'after the sync, wait until this user is matched')
    .option(
      '--timeout <seconds>',
      'how long to wait (default 300)',
      wholeNumber(1, MAX_TIMEOUT_SECONDS, 'seconds'),
    )
    .option('--transport <name>', 'ssh, winrm, local, command or lab (overrides the config)')
    .action(async (opts: { wait?: string; timeout?: number; transport?: string }, cmd: Command) => {
      const { syncCommand } = await import('./sync.js');
      setExit(cmd, await syncCommand({ ...globals(cmd), ...opts }));
    });

  program
    .command('lab')
    .description('open the wizard on a lab scenario (a picker when none is given)')
    .argument('[scenario]', 'a shipped scenario name or a scenario file')
    .option('--list', 'list the shipped scenarios')
    .action(async (scenario: string | undefined, opts: { list?: boolean }, cmd: Command) => {
      const { labCommand } = await import('./lab.js');
      setExit(cmd, await labCommand(scenario, { ...globals(cmd), ...opts }));
    });

  const setup = program
    .command('setup')
    .description(
      'configure AD, the tenant and the sync server for a profile: a short wizard in a terminal, or flags for a ' +
        'script (no secret is stored, only where each one comes from)',
    )
    .option('--check', 'test every configured connection and print what works')
    .option('--list', 'list the profiles and where the config file is')
    .option('--default', 'make this profile the default one')
    .option(
      '--forest <name>',
      'the AD flags set this forest of the profile (several forests; added when new)',
    )
    .option(
      '--gc-url <url...>',
      'with --forest: its Global Catalog (ldaps://gc:3269, or ldap://gc:3268 + --gc-starttls)',
    )
    .option('--gc-starttls', 'with --forest: StartTLS on the Global Catalog ldap:// URL');
  for (const key of SETTING_KEYS) {
    if (!key.flag || key.flagProp === 'readOnly') continue;
    const many = key.kind === 'list' || key.kind === 'dnList';
    const option = new Option(
      key.kind === 'bool' ? key.flag : `${key.flag} <${many ? 'value...' : 'value'}>`,
      key.help,
    );
    if (key.kind === 'int' || key.kind === 'seconds')
      option.argParser(key.kind === 'seconds' ? wholeNumber(1, 3600, 'seconds') : wholeNumber(1, 65535));
    setup.addOption(option);
  }
  setup
    .addHelpText(
      'after',
      `\nEnvironment variables (config file < environment < flags):\n${environmentHelp()}`,
    )
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      const { setupCommand } = await import('./setup.js');
      setExit(cmd, await setupCommand({ ...globals(cmd), ...opts }));
    });

  const journal = program
    .command('journal')
    .description('list the write journal (every write, before and after)')
    .action(async (_opts, cmd: Command) => {
      const { journalListCommand } = await import('./journal.js');
      setExit(cmd, await journalListCommand(globals(cmd)));
    });
  journal
    .command('undo')
    .description('revert a reversible journalled write, or every write of a batch (asks first)')
    .argument('[entry]', 'the entry id shown by syncmatch journal')
    .option('--batch <id>', 'revert every write of this batch fix, newest first')
    .option('-y, --yes', 'revert without asking')
    .action(async (entry: string | undefined, opts: { yes?: boolean; batch?: string }, cmd: Command) => {
      const { journalUndoCommand } = await import('./journal.js');
      setExit(cmd, await journalUndoCommand(entry, { ...globals(cmd), ...opts }));
    });

  program
    .command('scan')
    .description(
      'forecast the next sync for every AD user in scope: who matches, who fails and why, who ' +
        'becomes a duplicate, and the cloud users nobody claims (reads the whole directory and tenant)',
    )
    .option('--scope <dn...>', 'OU DNs whose users are forecast (default: the sync scope)')
    .option('--csv <file>', 'write one row per AD user to a CSV file (- for stdout)')
    .option('--force', 'replace the --csv file if it exists')
    .action(async (opts: { scope?: string[]; csv?: string; force?: boolean }, cmd: Command) => {
      const { scanCommand } = await import('./scan.js');
      setExit(cmd, await scanCommand({ ...globals(cmd), ...opts }));
    });

  program.commands
    .find((c) => c.name() === 'lab')
    ?.command('generate')
    .description('write a large generated lab scenario: a realistic mix of every shipped case')
    .requiredOption(
      '--users <n>',
      `AD users to generate (1–${MAX_GENERATED_USERS})`,
      wholeNumber(1, MAX_GENERATED_USERS),
    )
    .option('--seed <s>', 'the same seed gives the same scenario (default: syncmatch)')
    .option(
      '--cloud-users <n>',
      'cloud users to aim for (default: as many as AD users)',
      wholeNumber(0, MAX_GENERATED_USERS),
    )
    .option('--out <file>', 'the scenario file to write (default: stdout)')
    .option('--force', 'replace the --out file if it exists')
    .action(
      async (
        opts: { users: number; seed?: string; cloudUsers?: number; out?: string; force?: boolean },
        cmd: Command,
      ) => {
        const { labGenerateCommand } = await import('./lab-generate.js');
        setExit(cmd, await labGenerateCommand({ ...globals(cmd), ...opts }));
      },
    );

  return program;
}

// For flags added elsewhere: the same strict reading (digits only, ./numeric-flags.ts), unbounded;
// prefer wholeNumber(min, max) with a real range.
export function nonNegInt(v: string): number {
  return wholeNumber(0, Number.MAX_SAFE_INTEGER)(v);
}
export function posInt(v: string): number {
  return wholeNumber(1, Number.MAX_SAFE_INTEGER)(v);
}
