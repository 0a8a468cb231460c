// Parses argv, runs one command, and turns every outcome into an exit code.
// Expected failures print one sentence (and what to try); bugs say they are bugs.
import { CommanderError } from 'commander';
import { rewriteCommands, type Invocation } from '../core/command-hints.js';
import { EXIT, UserFacingError } from '../core/errors.js';
import { invocationFor } from './invocation.js';
import { messageText, terminalText } from './output.js';
import { buildProgram } from './program.js';

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  let exit: number = EXIT.ok;
  try {
    await program.parseAsync(argv);
    exit = program.getOptionValue('__exitCode') ?? EXIT.ok;
  } catch (error) {
    exit = report(error, Boolean(program.opts().verbose), invocationFor(program.opts()));
  }
  return exit;
}

function report(error: unknown, verbose: boolean, how: Invocation): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    if (error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof UserFacingError) {
    // Messages may quote what a server or a directory said: never raw control characters.
    // …and may quote a secret (a password in a host name): every line passes the redactor too.
    process.stderr.write(`syncmatch: ${messageText(rewriteCommands(error.message, how))}\n`);
    if (error.hint) process.stderr.write(`  Try: ${messageText(rewriteCommands(error.hint, how))}\n`);
    if (verbose && error.cause) process.stderr.write(`  Cause: ${messageText(String(error.cause))}\n`);
    return error.exitCode;
  }
  if (isAbort(error)) {
    process.stderr.write('syncmatch: cancelled.\n');
    return EXIT.cancelled;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`syncmatch: unexpected error (this is a bug): ${messageText(message)}\n`);
  if (verbose && error instanceof Error && error.stack)
    process.stderr.write(`${terminalText(error.stack)}\n`);
  else process.stderr.write('  Run again with --verbose for details, and report it with that output.\n');
  return EXIT.failure;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'CancelledError');
}
