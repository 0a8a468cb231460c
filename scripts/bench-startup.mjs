// Start-up benchmark: median wall time of `node dist/cli.js --version` and `--help` (which must not
// load Ink or React). Usage: node scripts/bench-startup.mjs [runs=21]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const runs = Number(process.argv[2] ?? 21);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(args) {
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return median(xs);
}

const base = (() => {
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(xs);
})();

console.log(`Node ${process.version}, ${runs} runs each, median wall time`);
console.log(`  node -e 0            ${base.toFixed(0)} ms`);
console.log(`  syncmatch --version  ${time(['--version']).toFixed(0)} ms`);
console.log(`  syncmatch --help     ${time(['--help']).toFixed(0)} ms`);
console.log(
  `  syncmatch convert …  ${time(['convert', '35918bc9-196d-40ea-9779-889d79b753f0']).toFixed(0)} ms`,
);
