// The scan as a user gets it (issue 18): `syncmatch lab generate --users N` to a file, then
// `syncmatch scan --lab <file> --json` through the built CLI, whole process (Node's start, loading
// and validating the scenario, the lab's HTTPS Graph simulator, the real Graph adapter's paged
// reads, the forecast, the JSON on stdout). Wall time and the process's peak RSS (getrusage, read
// by a preloaded exit hook), plus its CPU time, for each size; cost per user shows linearity.
// Goal (2 cores): 50 000 × 50 000 in ≤ 10 s and ≤ 700 MB peak.
// Usage: npm run build && node scripts/bench-scan-cli.mjs [10000,50000,100000]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const hook = pathToFileURL(join(root, 'scripts', 'lib', 'peak-rss.mjs')).href;
const sizes = (process.argv.slice(2).find((a) => /^\d+(,\d+)*$/.test(a)) ?? '10000,50000,100000')
  .split(',')
  .map(Number);
const dir = mkdtempSync(join(tmpdir(), 'bench-scan-cli-'));

function measure(args) {
  const rssFile = join(dir, 'rss');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', hook, cli, ...args], {
      env: { ...process.env, PEAK_RSS_FILE: rssFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let bytes = 0;
    child.stdout.on('data', (d) => (bytes += d.length));
    child.stderr.resume();
    child.on('error', reject);
    child.on('exit', (code) => {
      const wall = performance.now() - started;
      const usage = child.resourceUsage?.();
      resolve({
        code,
        wallS: wall / 1000,
        peakMB: Number(readFileSync(rssFile, 'utf8')) / 1024,
        bytes,
        usage,
      });
    });
  });
}

console.log(
  `node ${process.version}, ${cpus().length} cores, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
try {
  for (const n of sizes) {
    const file = join(dir, `lab-${n}.json`);
    const gen = await measure(['lab', 'generate', '--users', String(n), '--seed', 'bench', '--out', file]);
    if (gen.code !== 0) throw new Error(`lab generate exited ${gen.code}`);
    const scan = await measure(['scan', '--lab', file, '--json']);
    if (scan.code !== 0 && scan.code !== 3) throw new Error(`scan exited ${scan.code}`);
    console.log(
      `${n} × ${n}: scan --json ${scan.wallS.toFixed(1)} s wall, peak RSS ${Math.round(scan.peakMB)} MB, ` +
        `${((scan.wallS * 1e6) / n).toFixed(0)} µs per user, ${(scan.bytes / 1048576).toFixed(0)} MB of JSON` +
        `  (lab generate: ${gen.wallS.toFixed(1)} s, ${Math.round(gen.peakMB)} MB)` +
        (n === 50000 ? `  goal ≤ 10 s, ≤ 700 MB` : ''),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
