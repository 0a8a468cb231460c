#!/usr/bin/env node
// The entry: thin on purpose. Commands and the Ink UI load with import() only when they run, so
// --version and --help stay fast (importing ink costs ~320 ms on Node 20).
import { run } from './commands/run.js';

// `syncmatch … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await run(process.argv);
