#!/usr/bin/env node
// The entry: thin on purpose. Commands and the Ink UI load with import() only when they run, so
// --version and --help stay fast (importing ink costs ~320 ms on Node 20).
import { run } from './commands/run.js';

process.exitCode = await run(process.argv);
