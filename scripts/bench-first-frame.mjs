// First frame of the wizard (issue 5: ≤ 400 ms median on Node 20 here): runs the built CLI in a
// pseudo-terminal (util-linux `script`) and times from spawn until the wizard's header is on the
// screen, then stops it. Usage: npm run build && node scripts/bench-first-frame.mjs [runs=11]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchEnvironments } from './bench-env.mjs';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const runs = Number(process.argv[2] ?? 11);
const args = process.argv[3] ?? '--lab stale-immutable-id jdoe';

function once(env) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('script', ['-qfc', `${process.execPath} ${cli} ${args}`, '/dev/null'], {
      env: { ...env, NO_COLOR: '1', SYNCMATCH_LAB_JOURNAL: '/dev/null', COLUMNS: '80', LINES: '24' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let seen = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no frame within 10 s; saw: ${seen.slice(0, 300)}`));
    }, 10_000);
    child.stdout.on('data', (d) => {
      seen += d.toString();
      // eslint-disable-next-line no-control-regex
      if (seen.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').includes('syncmatch ·')) {
        const ms = performance.now() - t0;
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve(ms);
      }
    });
  });
}

console.log(`Node ${process.version}: first wizard frame (${args}), ${runs} runs`);
for (const { label, env } of benchEnvironments()) {
  await once(env); // warm the disk cache
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await once(env));
  times.sort((a, b) => a - b);
  console.log(
    `  ${label}: median ${times[Math.floor(runs / 2)].toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[runs - 1].toFixed(0)} ms`,
  );
}
