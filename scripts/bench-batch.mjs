// Batch fix speed and memory (issue 18): N users who all need a hard match (the generator's
// stale-immutable-id case for everyone), in the lab at a given latency per request (Graph and
// LDAP). Two measures, each size in its own process:
// - in process (default): planning is timed apart; the figure is from confirmation to every user
//   verified (writes in $batch groups, one sync, every user re-diagnosed), and the process's peak
//   RSS. The child does what `fix --batch` does (fix-batch.ts), the heap growth setting included.
// - --cli: the batch as a user runs it, `syncmatch fix --batch-finding STALE_IMMUTABLE_ID --lab
//   <file> --yes --json` through the built CLI, whole process (Node's start, the lab and its HTTPS
//   Graph simulator, the scan that finds the users, planning, writes, sync, verification, the JSON):
//   wall time and peak RSS (getrusage, read by a preloaded exit hook).
// Goals (2 cores): 1 000 users at 200 ms ≤ 30 s; 10 000 at 0 ms ≤ 60 s; ≤ 500 MB.
// Usage: npm run build && node scripts/bench-batch.mjs [1000@200,10000@0] [--cli] [--write-budget 3000/150s]
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};

async function child(n, latency, budget) {
  const { generateScenario } = await import('../dist/lab/generator/generate.js');
  const { openLabEnvironment } = await import('../dist/commands/lab-environment.js');
  const { createWizardServices } = await import('../dist/app/wizard-services.js');
  const { openJsonlJournal } = await import('../dist/adapters/journal/jsonl-journal.js');
  const { openBatchRecords } = await import('../dist/adapters/journal/batch-records.js');
  const { systemClock } = await import('../dist/adapters/system-clock.js');
  const { planBatch } = await import('../dist/app/batch/plan-batch.js');
  const { newBatchRecord, runBatch } = await import('../dist/app/batch/run-batch.js');
  const { parseWriteBudget } = await import('../dist/lab/graph-simulator/write-budget.js');
  const { limitHeapGrowth } = await import('../dist/adapters/heap-growth.js');
  limitHeapGrowth(); // as fix-batch.ts does before it plans
  const dir = mkdtempSync(join(tmpdir(), 'bench-batch-'));
  const scenario = generateScenario({ users: n, seed: 'bench-batch', onlyCase: 'stale-immutable-id' });
  const env = await openLabEnvironment(scenario, { labLatency: latency });
  if (budget) env.simulator.writeBudget.set(parseWriteBudget(budget));
  const journal = openJsonlJournal(join(dir, 'lab-journal.jsonl'));
  const services = createWizardServices({
    ...env,
    journal,
    clock: systemClock,
    operator: 'bench',
    undoCommand: null,
  });
  const deps = {
    diagnose: (identity, signal) => services.diagnose(identity, () => {}, signal),
    ops: env.batchOps,
    journal,
    records: openBatchRecords(journal.path),
    tenant: env.tenant,
    trigger: env.trigger,
    clock: systemClock,
    operator: 'bench',
  };
  const guids = scenario.ad.objects.filter((o) => o.objectClass === 'user').map((o) => o.objectGUID);
  let t = performance.now();
  const plan = await planBatch(deps, guids, { allowPurge: false });
  const planMs = performance.now() - t;
  t = performance.now();
  const result = await runBatch(deps, plan, newBatchRecord(deps, plan, 'bench', false));
  const runMs = performance.now() - t;
  const out = {
    n,
    latency,
    toWrite: plan.toWrite,
    writes: plan.writes,
    matched: result.counts.matched,
    exitCode: result.exitCode,
    planS: +(planMs / 1000).toFixed(1),
    confirmToVerifiedS: +(runMs / 1000).toFixed(1),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    throttledRetries: result.throttled.retries,
    throttledWaitS: +(result.throttled.waitedMs / 1000).toFixed(1),
  };
  await env.close();
  rmSync(dir, { recursive: true, force: true });
  process.send(out);
}

if (process.env.BENCH_BATCH_CHILD) {
  const [n, latency] = process.env.BENCH_BATCH_CHILD.split('@').map(Number);
  await child(n, latency, process.env.BENCH_BATCH_BUDGET || null);
  process.exit(0);
}

const sizes = (args.find((a) => /^\d+@\d+(,\d+@\d+)*$/.test(a)) ?? '1000@200,10000@0').split(',');
const budget = value('--write-budget', '');
const viaCli = args.includes('--cli');
console.log(
  `node ${process.version}, ${(await import('node:os')).cpus().length} cores, load ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}${budget ? `, write budget ${budget}` : ''}${viaCli ? ', through the built CLI' : ''}`,
);
const goalOf = (latency) => (latency >= 200 ? 30 : 60);

async function inProcess(size) {
  const figure = await new Promise((resolve, reject) => {
    const c = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, BENCH_BATCH_CHILD: size, BENCH_BATCH_BUDGET: budget },
    });
    c.once('message', resolve);
    c.once('exit', (code) => (code ? reject(new Error(`child exited ${code}`)) : undefined));
  });
  console.log(
    `${figure.n} users @ ${figure.latency} ms: planned ${figure.toWrite} to write in ${figure.planS} s; confirmation → ${figure.matched} verified in ${figure.confirmToVerifiedS} s (goal ≤ ${goalOf(figure.latency)} s), exit ${figure.exitCode}, peak RSS ${figure.peakRssMB} MB (goal ≤ 500 MB)` +
      (figure.throttledRetries
        ? `, ${figure.throttledRetries} writes throttled, ${figure.throttledWaitS} s waited`
        : ''),
  );
}

async function throughCli(size, dir) {
  const [n, latency] = size.split('@').map(Number);
  const { generateScenario } = await import('../dist/lab/generator/generate.js');
  const file = join(dir, `lab-${n}.json`);
  writeFileSync(
    file,
    JSON.stringify(generateScenario({ users: n, seed: 'bench-batch', onlyCase: 'stale-immutable-id' })),
  );
  const root = fileURLToPath(new URL('..', import.meta.url));
  const rssFile = join(dir, 'rss');
  const cliArgs = [
    'fix',
    '--batch-finding',
    'STALE_IMMUTABLE_ID',
    '--lab',
    file,
    '--lab-latency',
    String(latency),
    '--yes',
    '--json',
  ];
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(root, 'scripts', 'lib', 'peak-rss.mjs')).href,
        join(root, 'dist', 'cli.js'),
        ...cliArgs,
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          PEAK_RSS_FILE: rssFile,
          NO_COLOR: '1',
          CI: '1',
          SYNCMATCH_LAB_JOURNAL: join(dir, 'lab-journal.jsonl'),
          ...(budget ? { SYNCMATCH_LAB_WRITE_BUDGET: budget } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (c) => resolve({ code: c, stdout: out, stderr: err }));
  });
  const wallS = (performance.now() - started) / 1000;
  let result;
  try {
    result = JSON.parse(stdout).result;
  } catch {
    throw new Error(`fix --batch-finding exited ${code} without JSON: ${stderr.slice(-2000)}`);
  }
  const peakMB = Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024);
  console.log(
    `${n} users @ ${latency} ms, fix --batch-finding … --yes --json, whole process (scan, plan, write, sync, verify): ${wallS.toFixed(1)} s wall, ${result?.counts?.matched ?? 0} matched, exit ${code}, peak RSS ${peakMB} MB (goal ≤ 500 MB)`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'bench-batch-cli-'));
try {
  for (const size of sizes) await (viaCli ? throughCli(size, dir) : inProcess(size));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
