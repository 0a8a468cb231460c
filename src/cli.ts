#!/usr/bin/env node
// The entry: thin on purpose. Commands and the Ink UI load with import() only when they run, so
// --version and --help stay fast (importing ink costs ~320 ms on Node 20).
import { version } from './commands/version.js';

// `syncmatch … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // The common probe answers before the command tree (commander) is even loaded.
  process.stdout.write(`${version()}\n`);
} else {
  const { run } = await import('./commands/run.js');
  process.exitCode = await run(process.argv);
}
