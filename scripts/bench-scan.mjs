// Scan speed and memory (issue 9): N AD users × N cloud users from the lab generator, in process.
// Reading is the bulk read through the in-memory AD (pages of 500) and, by default, straight from
// the lab state for the tenant (LabTenantBulkReader: the same CloudView the Graph bulk reader
// builds, as test/lab/bulk-readers.test.ts checks) — or, with --via-simulator, through the HTTPS
// Graph simulator and the real Graph adapter. Then indexes + the rules (diagnose) + the forecast
// for every user. Each size runs in its own process, so its peak RSS is its own.
// Goal: 50 000 × 50 000 in ≤ 20 s and ≤ 500 MB peak, cost growing linearly.
// Usage: npm run build && node scripts/bench-scan.mjs [10000,50000,100000] [--via-simulator] [--seed S]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};

async function child(n, viaSimulator, seed) {
  const { generateScenario } = await import('../dist/lab/generator/generate.js');
  const { LabDirectoryBulkReader, LabTenantBulkReader } = await import('../dist/lab/bulk-readers.js');
  const { createScanner } = await import('../dist/core/scan/scanner.js');
  const ms = () => performance.now();
  const cpu = () => process.cpuUsage().user / 1000;

  let t = ms();
  const scenario = generateScenario({ users: n, seed });
  // The lab state without createLabState's deep copies: the benchmark measures the scan, not them.
  const state = {
    scenario,
    ad: scenario.ad,
    sync: scenario.sync,
    tenant: scenario.tenant,
    syncLog: [],
    syncRuns: 0,
    busyCalls: 0,
    joins: {},
  };
  const generateMs = ms() - t;
  const rssAfterGenerate = process.memoryUsage().rss;

  let simulator;
  let graph;
  let tenantReader = new LabTenantBulkReader(state);
  if (viaSimulator) {
    const { startGraphSimulator } = await import('../dist/lab/graph-simulator/server.js');
    const { createGraphClient } = await import('../dist/adapters/graph/client.js');
    const { GraphBulkReader } = await import('../dist/adapters/graph/bulk-reader.js');
    simulator = await startGraphSimulator(state, {});
    graph = createGraphClient({
      baseUrl: simulator.baseUrl,
      ca: simulator.ca,
      getAccessToken: async () => simulator.token,
    });
    tenantReader = new GraphBulkReader(graph.client);
  }

  const cpu0 = cpu();
  const start = ms();
  let pages = 0;
  const [objects, tenant] = await Promise.all([
    new LabDirectoryBulkReader(state).readAll(() => pages++),
    tenantReader.readAll(() => pages++),
  ]);
  const readMs = ms() - start;
  t = ms();
  const scanner = createScanner({ objects, tenant, sync: scenario.sync, scope: [] });
  const indexMs = ms() - t;
  t = ms();
  const forecasts = scanner.users.map((u) => scanner.forecastUser(u));
  const rulesMs = ms() - t;
  t = ms();
  const result = scanner.finish(forecasts);
  const finishMs = ms() - t;
  const totalMs = ms() - start;
  const cpuMs = cpu() - cpu0;
  await graph?.close();
  await simulator?.close();
  return {
    n,
    adObjects: objects.length,
    cloudUsers: tenant.users.length,
    forecast: result.summary.forecast,
    problems: result.summary.problems,
    pages,
    generateMs,
    readMs,
    indexMs,
    rulesMs,
    finishMs,
    totalMs,
    cpuMs,
    rssAfterGenerateMb: rssAfterGenerate / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1e3,
  };
}

if (flag('--child')) {
  const r = await child(Number(value('--child')), flag('--via-simulator'), value('--seed', 'bench'));
  process.send(r);
  process.exit(0);
}

const sizes = (args.find((a) => /^\d[\d,]*$/.test(a)) ?? '10000,50000,100000').split(',').map(Number);
const via = flag('--via-simulator');
const seed = value('--seed', 'bench');
const script = fileURLToPath(import.meta.url);
const rows = [];
for (const n of sizes) {
  const r = await new Promise((resolve, reject) => {
    const p = fork(script, ['--child', String(n), '--seed', seed, ...(via ? ['--via-simulator'] : [])]);
    p.once('message', resolve);
    p.once('error', reject);
    p.once('exit', (code) => code !== 0 && reject(new Error(`size ${n} exited with ${code}`)));
  });
  rows.push(r);
  process.stderr.write(`${n}: ${(r.totalMs / 1000).toFixed(1)} s, peak ${r.peakRssMb.toFixed(0)} MB\n`);
}

const s = (v) => (v / 1000).toFixed(1);
console.log(
  `Node ${process.version}, ${via ? 'tenant through the HTTPS Graph simulator' : 'tenant straight from the lab state'}, AD through the in-memory AD (pages of 500), seed ${seed}`,
);
console.log(
  '| AD users × cloud users | read | index | rules + forecast | total | CPU | per user | peak RSS (incl. the generated lab) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.n.toLocaleString('en')} × ${r.cloudUsers.toLocaleString('en')} | ${s(r.readMs)} s | ${s(r.indexMs)} s | ${s(r.rulesMs + r.finishMs)} s | ${s(r.totalMs)} s | ${s(r.cpuMs)} s | ${((r.totalMs * 1000) / r.n).toFixed(0)} µs | ${r.peakRssMb.toFixed(0)} MB (lab alone ${r.rssAfterGenerateMb.toFixed(0)} MB) |`,
  );
}
const base = rows[0];
if (rows.length > 1) {
  console.log(
    `Cost per user relative to ${base.n.toLocaleString('en')}: ${rows.map((r) => `${r.n.toLocaleString('en')} → ${(r.totalMs / r.n / (base.totalMs / base.n)).toFixed(2)}×`).join(', ')}`,
  );
}
const goal = rows.find((r) => r.n === 50000);
if (goal) {
  const ok = goal.totalMs <= 20000 && goal.peakRssMb <= 500;
  console.log(
    `Goal 50 000 × 50 000 ≤ 20 s and ≤ 500 MB: ${ok ? 'met' : 'NOT met'} (${s(goal.totalMs)} s, ${goal.peakRssMb.toFixed(0)} MB)`,
  );
}
