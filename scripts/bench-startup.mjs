// Start-up benchmark (issue 2: `--version` median ≤ 100 ms on Node 20 here): median wall time of
// `node dist/cli.js --version`, `--help` (neither loads Ink or React) and `convert`, beside a bare
// `node -e 0`. Usage: npm run build && node scripts/bench-startup.mjs [runs=21]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchEnvironments, median } from './bench-env.mjs';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const runs = Number(process.argv[2] ?? 21);

function time(args, env) {
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return `${median(xs).toFixed(0)} ms`.padStart(7);
}

console.log(`Node ${process.version}, ${runs} runs each, median wall time`);
for (const { label, env } of benchEnvironments()) {
  console.log(`${label}:`);
  console.log(`  node -e 0            ${time(['-e', '0'], env)}`);
  console.log(`  syncmatch --version  ${time([cli, '--version'], env)}`);
  console.log(`  syncmatch --help     ${time([cli, '--help'], env)}`);
  console.log(
    `  syncmatch convert …  ${time([cli, 'convert', '35918bc9-196d-40ea-9779-889d79b753f0'], env)}`,
  );
}
