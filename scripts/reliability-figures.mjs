#!/usr/bin/env node
// Regenerates the figures of the README's reliability section from the reliability suite
// (test/reliability): builds the CLI, runs the suite once with vitest's JSON reporter while the
// fault runs append their own figures (SYNCMATCH_RELIABILITY_FIGURES), and prints a markdown table.
//   node scripts/reliability-figures.mjs [--no-build] [--json]
// Deterministic: the corpus and the injected faults are fixed. Bounded: the run is killed after
// 15 minutes. Exits 1 when any figure that should be 0 is not (or the suite failed).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const dir = mkdtempSync(join(tmpdir(), 'syncmatch-figures-'));
const figuresFile = join(dir, 'figures.jsonl');
const reportFile = join(dir, 'report.json');
const LIMIT_MS = 15 * 60 * 1000;

function run(command, commandArgs, env = {}) {
  const r = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
    timeout: LIMIT_MS,
  });
  if (r.error) throw r.error;
  return r.status;
}

try {
  if (!args.has('--no-build')) {
    process.stderr.write('Building the CLI (npm run build)…\n');
    if (run('npm', ['run', '--silent', 'build']) !== 0) throw new Error('npm run build failed');
  }
  process.stderr.write('Running test/reliability…\n');
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const status = run(
    process.execPath,
    [vitest, 'run', 'test/reliability', '--reporter=json', `--outputFile=${reportFile}`, '--silent'],
    { SYNCMATCH_RELIABILITY_FIGURES: figuresFile },
  );
  if (!existsSync(reportFile)) throw new Error(`vitest wrote no report (exit ${status})`);

  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const tests = report.testResults.flatMap((file) => file.assertionResults);
  const under = (prefix) => tests.filter((t) => (t.ancestorTitles[0] ?? '').startsWith(prefix));
  const ran = (list) => list.filter((t) => t.status === 'passed' || t.status === 'failed');
  const failed = (list) => list.filter((t) => t.status === 'failed');
  const skipped = (list) => list.filter((t) => t.status !== 'passed' && t.status !== 'failed');

  // Inputs: one test per corpus entry and path (lab, Samba DC, built CLI, screens, …).
  const inputs = under('inputs:');
  const paths = new Map();
  for (const t of ran(inputs)) {
    const path = t.ancestorTitles[0].replace(/^inputs: /, '').replace(/ \(.*$/, '');
    paths.set(path, (paths.get(path) ?? 0) + 1);
  }

  // Hostile invocations (issue 14): each test is titled "<class>: <case>"; counted per class.
  const classes = new Map();
  for (const t of ran(inputs).filter((t) =>
    t.ancestorTitles[0].startsWith('inputs: built CLI invocations'),
  )) {
    const kind = t.title.split(':')[0];
    const c = classes.get(kind) ?? { tried: 0, failed: 0 };
    c.tried++;
    if (t.status === 'failed') c.failed++;
    classes.set(kind, c);
  }

  // Faults: every fault run records its own figures (in-process runs: the simulator's request log
  // against the journal; each Ctrl-C in tmux: the journal's consistency afterwards).
  const runs = existsSync(figuresFile)
    ? readFileSync(figuresFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  const ctrlC = under('Ctrl-C');
  const faultTests = under('faults:');
  const faultsInjected = runs.reduce((n, r) => n + r.faults, 0);
  const lostRuns = runs.filter((r) => r.dataProblems.length > 0);
  const writesSent = runs.reduce((n, r) => n + r.writesSent, 0);
  const unjournalled = runs.reduce((n, r) => n + r.writesWithoutJournal, 0);

  const figures = {
    inputsTried: ran(inputs).length,
    inputFailures: failed(inputs).length,
    inputsByPath: Object.fromEntries(paths),
    invocationsByClass: Object.fromEntries(classes),
    faultRuns: runs.length,
    faultsInjected,
    runsThatLostOrCorruptedData: lostRuns.length,
    faultChecksFailed: failed(faultTests).length + failed(ctrlC).length,
    writesSent,
    writesWithoutJournalEntry: unjournalled,
    skippedTests: skipped([...inputs, ...faultTests, ...ctrlC]).length,
    suiteExit: status,
  };

  if (args.has('--json')) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } else {
    const byPath = [...paths].map(([p, n]) => `${p} ${n}`).join(', ');
    const rows = [
      ['Hostile inputs tried (corpus entries × paths)', `${figures.inputsTried} (${byPath})`],
      ['… that failed (wrong object, unclear error, stack trace)', figures.inputFailures],
      ...[...classes].map(([kind, c]) => [
        `… hostile invocations: ${kind}`,
        `${c.tried} tried, ${c.failed} failed`,
      ]),
      ['Faults injected', `${figures.faultsInjected} in ${figures.faultRuns} runs`],
      ['Runs that lost or corrupted data', figures.runsThatLostOrCorruptedData],
      ['Writes the tenant received during in-process fault runs', figures.writesSent],
      ['Writes without a journal entry', figures.writesWithoutJournalEntry],
    ];
    process.stdout.write('| figure | value |\n| --- | --- |\n');
    for (const [k, v] of rows) process.stdout.write(`| ${k} | ${v} |\n`);
    if (figures.skippedTests > 0) {
      process.stdout.write(
        `\n${figures.skippedTests} reliability tests were skipped (a test service was not running: bash scripts/test-services/start.sh).\n`,
      );
    }
  }
  for (const t of failed(tests))
    process.stderr.write(`failed: ${[...t.ancestorTitles, t.title].join(' > ')}\n`);
  for (const r of lostRuns)
    process.stderr.write(`data problem in "${r.run}": ${r.dataProblems.join('; ')}\n`);
  const bad =
    figures.inputFailures +
    figures.runsThatLostOrCorruptedData +
    figures.writesWithoutJournalEntry +
    figures.faultChecksFailed;
  process.exitCode = bad > 0 || status !== 0 ? 1 : 0;
} catch (error) {
  process.stderr.write(`reliability-figures: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
