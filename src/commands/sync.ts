// `syncmatch sync [--wait <identity>]`: start a delta sync on the Entra Connect server (waiting out
// "busy"); with --wait, poll until that user is matched and print the verdict.
import { collectSnapshot } from '../app/collect-snapshot.js';
import type { SyncProgress } from '../app/services.js';
import { syncAndVerify, triggerSync } from '../app/sync-and-verify.js';
import { systemClock } from '../adapters/system-clock.js';
import { diagnose } from '../core/diagnose.js';
import { EXIT } from '../core/errors.js';
import { parseIdentity } from '../core/identity-input.js';
import { openEnvironment } from './environment.js';
import type { GlobalOptions } from './global-options.js';
import { createOutput } from './output.js';

export interface SyncOptions extends GlobalOptions {
  wait?: string;
  timeout?: number;
  transport?: string;
}

export async function syncCommand(opts: SyncOptions): Promise<number> {
  const out = createOutput(opts);
  if (opts.wait !== undefined) parseIdentity(opts.wait);
  const lab = opts.lab !== undefined && opts.lab !== false;
  if (lab && opts.transport !== undefined) {
    out.status(
      `--transport ${opts.transport} is ignored with --lab: the lab's own sync engine runs the cycle.`,
    );
  }
  const env = await openEnvironment(opts);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const timeoutMs = (opts.timeout ?? 300) * 1000;
  const progress = (p: SyncProgress) => {
    if (p.phase === 'busy' || p.phase === 'cycle' || opts.verbose)
      out.status(`[${Math.round(p.elapsedMs / 1000)} s] ${p.detail}`);
  };
  try {
    if (opts.wait === undefined) {
      out.status(`Starting a delta sync via ${env.trigger.name}…`);
      const r = await triggerSync(
        { trigger: env.trigger, clock: systemClock, busyDeadlineMs: timeoutMs },
        progress,
        controller.signal,
      );
      if (!r.ok) {
        if (out.json) out.json_({ started: false, detail: r.verdict.detail });
        else out.status(r.verdict.detail);
        return EXIT.failure;
      }
      const notes = r.started.notes ?? [];
      if (out.json) out.json_({ started: true, output: r.output.trim(), notes });
      else {
        out.data(`Delta sync started: ${r.output.trim().split(/\r?\n/).pop()}`);
        for (const note of notes) out.data(`  note: ${note}`);
      }
      return EXIT.ok;
    }
    const deps = { directory: env.directory, tenant: env.tenant, sync: env.sync };
    const read = () => collectSnapshot(deps, opts.wait!, undefined, controller.signal).then(diagnose);
    const before = await read();
    // The identity is resolved before any sync starts: a user who is not there (or is not one
    // user) would only be polled for until the timeout.
    const unresolved = before.findings.find(
      (f) => f.code === 'AD_USER_NOT_FOUND' || f.code === 'AD_IDENTITY_AMBIGUOUS',
    );
    if (unresolved) {
      if (out.json) out.json_({ started: false, verdict: 'not-resolved', finding: unresolved });
      else out.status(`${unresolved.message}\nNo sync was started: there is no single user to wait for.`);
      return EXIT.problems;
    }
    out.status(
      `Starting a delta sync via ${env.trigger.name}, then waiting up to ${timeoutMs / 1000} s for ${opts.wait}…`,
    );
    const verdict = await syncAndVerify(
      {
        trigger: env.trigger,
        tenant: env.tenant,
        rediagnose: read,
        clock: systemClock,
        timeoutMs,
        busyDeadlineMs: timeoutMs,
      },
      before,
      progress,
      controller.signal,
    );
    if (out.json) out.json_(verdict);
    else {
      out.data(`${verdict.verdict === 'matched' ? '✓' : '✗'} ${verdict.detail}`);
      for (const line of verdict.syncReport) out.data(`  sync: ${line.trim()}`);
    }
    return verdict.verdict === 'matched'
      ? EXIT.ok
      : verdict.verdict === 'sync-failed'
        ? EXIT.failure
        : EXIT.problems;
  } finally {
    process.off('SIGINT', onSigint);
    await env.close();
  }
}
