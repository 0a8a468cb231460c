// The environments the start-up benchmarks measure in. On Node 20, NODE_EXTRA_CA_CERTS makes
// every process parse its certificate file and build Node's whole root store before any
// JavaScript runs (~90 ms for the 144-certificate system bundle on this machine kind; Node 22+
// does it lazily). So the benchmarks report Node's default environment and, when the caller has
// the variable set, that environment too: the difference is Node's, not syncmatch's.
export function benchEnvironments() {
  const { NODE_EXTRA_CA_CERTS: extra, ...clean } = process.env;
  const out = [{ label: "Node's default environment", env: clean }];
  if (extra) out.push({ label: `with NODE_EXTRA_CA_CERTS=${extra}`, env: process.env });
  return out;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
