// Diagnosis speed (issue 4): against the lab with a per-request latency, a full diagnosis makes at
// most 3 sequential Graph round trips and 2 LDAP round trips, so its wall time exceeds the
// zero-latency run by less than 700 ms at 200 ms latency.
// Usage: npm run build && node scripts/bench-diagnose.mjs [runs=7] [scenario=recycle-bin-leftover]
import { collectSnapshot } from '../dist/app/collect-snapshot.js';
import { openLabEnvironment } from '../dist/commands/lab-environment.js';
import { diagnose } from '../dist/core/diagnose.js';

const runs = Number(process.argv[2] ?? 7);
const scenario = process.argv[3] ?? 'recycle-bin-leftover';

async function measure(latency) {
  const env = await openLabEnvironment(scenario, { labLatency: latency });
  const times = [];
  let rounds = 0;
  let requests = 0;
  try {
    for (let i = 0; i < runs + 1; i++) {
      env.simulator.log.clear();
      const t = performance.now();
      const s = await collectSnapshot(
        { directory: env.directory, tenant: env.tenant, sync: env.sync },
        env.suggestedIdentity,
      );
      diagnose(s);
      const ms = performance.now() - t;
      if (i > 0) times.push(ms); // the first run warms TLS and the JIT
      requests = env.simulator.log.outer().length;
      rounds = env.simulator.log.sequentialRounds();
    }
  } finally {
    await env.close();
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], rounds, requests };
}

const zero = await measure(0);
const slow = await measure(200);
console.log(`Node ${process.version}, scenario ${scenario}, ${runs} runs each (median)`);
console.log(`  latency   0 ms: ${zero.median.toFixed(0)} ms`);
console.log(
  `  latency 200 ms: ${slow.median.toFixed(0)} ms  (${slow.requests} top-level Graph requests, ${slow.rounds} sequential Graph rounds; 2 LDAP searches, one beside the Graph read)`,
);
console.log(`  difference:     ${(slow.median - zero.median).toFixed(0)} ms (goal < 700 ms)`);
