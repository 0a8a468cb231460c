// `syncmatch journal undo --batch <id>`: every write of a batch fix reverted (app/batch/undo-batch.ts),
// after the list of what will change and one typed confirmation (the number of writes), or --yes
// without a terminal. In the lab it opens the lab the batch left (saved beside its record) and
// saves it again afterwards; without that file there is nothing to revert, as for one entry.
import { savedLabFile } from '../adapters/journal/batch-records.js';
import { openJsonlJournal } from '../adapters/journal/jsonl-journal.js';
import { planBatchUndo, undoBatch, type BatchUndoPlan } from '../app/batch/undo-batch.js';
import { EXIT, UsageError, UserFacingError } from '../core/errors.js';
import type { GlobalOptions } from './global-options.js';
import type { JournalCommandIo, UndoEnvironment } from './journal-io.js';
import { refuseWhenReadOnly } from './read-only.js';
import { wrapLine } from '../ui/wrap.js';
import { openSavedLab } from './saved-lab.js';

const SHOWN = 20;

function planLines(plan: BatchUndoPlan): string[] {
  const users = new Set(plan.undos.map((u) => u.original.batchUser ?? u.original.target.id)).size;
  const lines = [
    `Batch ${plan.batchId}: ${plan.undos.length} of its ${plan.writes} writes to revert (${users} users), ` +
      `${plan.refused.length} that cannot be, ${plan.alreadyUndone} already reverted.`,
  ];
  for (const u of plan.undos.slice(0, SHOWN)) lines.push(`  ${u.summary}`);
  if (plan.undos.length > SHOWN)
    lines.push(`  … and ${plan.undos.length - SHOWN} more (syncmatch journal lists them).`);
  if (plan.refused.length > 0) lines.push('Not reverted:');
  for (const r of plan.refused.slice(0, SHOWN)) lines.push(`  ${r.reason}`);
  if (plan.refused.length > SHOWN) lines.push(`  … and ${plan.refused.length - SHOWN} more.`);
  return lines;
}

export async function journalUndoBatchCommand(
  batchId: string,
  opts: GlobalOptions & { yes?: boolean },
  edges: JournalCommandIo,
): Promise<number> {
  const { out } = edges;
  refuseWhenReadOnly(
    opts,
    'Undo writes to the tenant',
    'Run it where read-only is off (flag, SYNCMATCH_READ_ONLY, the profile).',
  );
  const id = batchId.trim();
  const path = edges.journalPath(opts);
  const labFile = savedLabFile(path, id); // also refuses an id that is not one
  const first = await openJsonlJournal(path).read();
  const tenant = first.writes.find((w) => (w.intent ?? w.result)?.batch === id)?.intent?.tenant;
  if (!tenant) {
    throw new UsageError(
      `No write of batch ${id} is in the journal ${path}.`,
      opts.lab
        ? 'Batches run without --lab are in the main journal: drop --lab.'
        : "Batches run in the lab are in the lab's journal: add --lab.",
    );
  }
  if (!opts.yes && (opts.json || !edges.interactive())) {
    throw new UsageError(
      '--yes required when not running interactively.',
      `Check what it will change with 'syncmatch journal', then run 'syncmatch journal undo --batch ${id} --yes'.`,
    );
  }
  const inLab = opts.lab !== undefined && opts.lab !== false;
  const env: UndoEnvironment | null = inLab ? await openSavedLab(labFile, opts, out, 'undo') : null;
  if (inLab && !env) {
    throw new UserFacingError(
      `Batch ${id} was written in a lab run whose lab was not saved, so the tenant it changed no longer exists: there is nothing to revert.`,
      'UNDO_LAB',
      'Open the scenario again (syncmatch lab) to practise; undo works on real tenants and on labs a batch saved.',
    );
  }
  const opened = env ?? (await edges.openEnvironment(opts));
  try {
    const journal = opened.journal ?? openJsonlJournal(path);
    const plan = planBatchUndo(await journal.read(), id, opened.tenant.tenantLabel);
    if (!out.json) out.data(planLines(plan).join('\n'), { wrap: wrapLine });
    if (plan.undos.length === 0) {
      if (out.json) out.json_({ batch: id, plan: jsonPlan(plan), outcomes: [] });
      else out.status('Nothing to revert.');
      return plan.refused.length > 0 ? EXIT.problems : EXIT.ok;
    }
    if (!opts.yes) {
      const n = plan.undos.length;
      const answer = await edges.ask(`\nType ${n} to revert ${n} writes; anything else cancels: `);
      if (answer === null || answer.trim() !== String(n)) {
        out.status('Cancelled: nothing was changed.');
        return EXIT.cancelled;
      }
    }
    const controller = new AbortController();
    const onInterrupt = () => {
      if (!controller.signal.aborted)
        out.status('Stopping: undos under way finish and are journalled; nothing new is sent.');
      controller.abort();
    };
    process.on('SIGINT', onInterrupt);
    let lastAt = 0;
    let result;
    try {
      result = await undoBatch(
        {
          tenant: opened.tenant,
          journal,
          operator: edges.operator(),
          secrets: opened.secrets,
          ...(opened.directory && opened.onPremWriter
            ? { onPrem: { directory: opened.directory, writer: opened.onPremWriter } }
            : {}),
        },
        plan,
        {
          signal: controller.signal,
          onProgress: (done, total) => {
            if (Date.now() - lastAt < 1000 && done !== total) return;
            lastAt = Date.now();
            out.status(`Reverting: ${done} of ${total}`);
          },
        },
      );
    } finally {
      process.off('SIGINT', onInterrupt);
      if (opened.saveLab)
        await opened
          .saveLab(labFile, id)
          .catch(() => out.status(`! The lab could not be saved again to ${labFile}.`));
    }
    const failed = result.outcomes.filter((o) => o.outcome.status !== 'done');
    const undone = result.outcomes.length - failed.length;
    if (out.json)
      out.json_({ batch: id, plan: jsonPlan(plan), outcomes: result.outcomes, cancelled: result.cancelled });
    else {
      out.data(`\nReverted ${undone} of ${plan.undos.length} writes of batch ${id}.`, { wrap: wrapLine });
      // The first failure in full (with what to try); the others' first sentence, which names the user.
      failed.slice(0, SHOWN).forEach((f, i) => {
        const detail = i === 0 ? f.outcome.detail : (f.outcome.detail.split(/(?<=[.!?])\s/)[0] ?? '');
        out.data(`  ✗ ${f.id}: ${detail}`, { wrap: wrapLine });
      });
      if (failed.length > SHOWN)
        out.data(`  … and ${failed.length - SHOWN} more (syncmatch journal lists them).`);
      const left = plan.undos.length - result.outcomes.length;
      if (left > 0)
        out.data(
          `${left} not tried (${result.cancelled ? 'stopped' : 'an earlier write of the same user could not be reverted first'}): run the same command again to revert them.`,
        );
    }
    if (result.cancelled) return EXIT.cancelled;
    if (failed.length > 0) return EXIT.failure;
    return undone < plan.undos.length || plan.refused.length > 0 ? EXIT.problems : EXIT.ok;
  } finally {
    await opened.close();
  }
}

function jsonPlan(plan: BatchUndoPlan) {
  return {
    toRevert: plan.undos.map((u) => ({
      id: u.id,
      step: u.original.step,
      target: u.original.target,
      summary: u.summary,
    })),
    refused: plan.refused,
    alreadyUndone: plan.alreadyUndone,
    writes: plan.writes,
  };
}
