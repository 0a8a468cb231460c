// Hints quote commands ("run 'syncmatch sync --wait jdoe'"). Written once as `syncmatch …`, they
// are shown the way this run was started, so they work as typed: `npx syncmatch …` where the
// package is installed but not on PATH, `npm start -- …` in a checkout, and with `--lab <scenario>`
// kept for the commands that read or change the directory when the run is a lab run.

export interface Invocation {
  /** What to type instead of `syncmatch` (e.g. "npx syncmatch", "npm start --"). */
  prefix: string;
  /** The lab scenario of this run, kept on the commands that need it. */
  lab?: string;
}

const SUBCOMMAND =
  /\bsyncmatch((?: --profile \S+)?) (diagnose|fix|sync|journal|setup|lab|convert|scan)\b([^'"`\n]*)/g;
const NEEDS_LAB = new Set(['diagnose', 'fix', 'sync', 'scan', 'journal']);

/** The text with every quoted `syncmatch <command>` as this run would type it. */
export function rewriteCommands(text: string, how: Invocation): string {
  if (how.prefix === 'syncmatch' && !how.lab) return text;
  return text
    .replace(SUBCOMMAND, (_all, profile: string, command: string, rest: string) => {
      const lab = how.lab && NEEDS_LAB.has(command) && !/--lab\b/.test(rest) ? ` --lab ${how.lab}` : '';
      return `${how.prefix}${profile} ${command}${lab}${rest}`;
    })
    .replace(/\bsyncmatch(?= --lab\b)/g, how.prefix);
}

/** Every string inside `value` rewritten (a new object only where something changed). */
export function rewriteCommandsDeep<T>(value: T, how: Invocation): T {
  if (how.prefix === 'syncmatch' && !how.lab) return value;
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return v.includes('syncmatch ') ? rewriteCommands(v, how) : v;
    if (typeof v !== 'object' || v === null) return v;
    if (Array.isArray(v)) {
      const items = v.map(visit);
      return items.some((x, i) => x !== v[i]) ? items : v;
    }
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const y = visit(x);
      if (y !== x) changed = true;
      out[k] = y;
    }
    return changed ? out : v;
  };
  return visit(value) as T;
}
