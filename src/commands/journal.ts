// `syncmatch journal` lists every journalled write; `syncmatch journal undo <entry>` reverts a
// reversible one after showing what will change and asking (or with --yes). Data on stdout,
// status and the prompt on stderr.
import { createInterface } from 'node:readline/promises';
import { openJsonlJournal } from '../adapters/journal/jsonl-journal.js';
import { defaultJournalPath, labJournalPath } from '../adapters/journal/location.js';
import { operatorName } from '../adapters/journal/operator.js';
import { isUnfinished } from '../adapters/journal/journal-writes.js';
import { applyUndo, planUndo } from '../app/undo.js';
import type { UndoPlan } from '../app/undo.js';
import { EXIT, UsageError, UserFacingError } from '../core/errors.js';
import type { JournalContents, JournalWrite } from '../ports.js';
import type { GlobalOptions } from './global-options.js';
import { askLine } from './ask-line.js';
import type { JournalCommandIo } from './journal-io.js';
import { createOutput } from './output.js';
import { refuseWhenReadOnly } from './read-only.js';
import type { Output } from './output.js';

export type { JournalCommandIo, UndoEnvironment } from './journal-io.js';

function defaultIo(opts: GlobalOptions): JournalCommandIo {
  return {
    out: createOutput(opts),
    // The lab keeps its own journal, so practice never mixes with writes to a real tenant.
    journalPath: (o) => (o.lab ? labJournalPath() : defaultJournalPath()),
    openEnvironment: async (o) => {
      const { openEnvironment } = await import('./environment.js');
      return openEnvironment(o);
    },
    operator: operatorName,
    interactive: () => Boolean(process.stdin.isTTY && process.stderr.isTTY),
    ask: askLine,
    confirm: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return /^\s*y(es)?\s*$/i.test(await rl.question(question));
      } finally {
        rl.close();
      }
    },
  };
}

export async function journalListCommand(
  opts: GlobalOptions,
  io: Partial<JournalCommandIo> = {},
): Promise<number> {
  const { out, journalPath } = { ...defaultIo(opts), ...io };
  const path = journalPath(opts);
  const journal = openJsonlJournal(path);
  const contents = await journal.read();
  const unfinished = contents.writes.filter(isUnfinished).map((w) => w.id);
  if (out.json) {
    out.json_({ path, entries: contents.entries, unfinished, problems: contents.problems });
    return EXIT.ok;
  }
  for (const problem of contents.problems) out.status(out.paint('yellow', `warning: ${problem}`));
  const inLab =
    (opts.lab !== undefined && opts.lab !== false) || journalPath({ ...opts, lab: true }) === path;
  const labHint = "Lab runs keep their own journal: 'syncmatch journal --lab' lists them.";
  if (contents.writes.length === 0) {
    out.status(`No writes journalled yet (${path}).`);
    if (!inLab) out.status(labHint);
    return EXIT.ok;
  }
  const tenants = new Set(contents.writes.map((w) => (w.intent ?? w.result)!.tenant));
  out.status(`Journal: ${path}${tenants.size === 1 ? ` (tenant ${[...tenants][0]})` : ''}`);
  out.data(table(contents, out, tenants.size > 1));
  if (unfinished.length > 0) {
    out.status(
      out.paint(
        'yellow',
        `! ${unfinished.length === 1 ? 'One write has' : `${unfinished.length} writes have`} no known result: `,
      ) +
        'the program stopped (or was cut off) mid-write. Diagnose that user again to see what the tenant holds now.',
    );
  }
  out.status('Revert a reversible write: syncmatch journal undo <id>');
  if (!inLab) out.status(labHint);
  return EXIT.ok;
}

export async function journalUndoCommand(
  given: string | undefined,
  opts: GlobalOptions & { yes?: boolean; batch?: string },
  io: Partial<JournalCommandIo> = {},
): Promise<number> {
  const edges = { ...defaultIo(opts), ...io };
  if (opts.batch !== undefined) {
    if (given !== undefined) {
      throw new UsageError(
        `Give an entry or --batch, not both ("${given}" and --batch ${opts.batch}).`,
        `syncmatch journal undo --batch ${opts.batch}`,
      );
    }
    const { journalUndoBatchCommand } = await import('./journal-undo-batch.js');
    return journalUndoBatchCommand(opts.batch, opts, edges);
  }
  if (given === undefined) {
    throw new UsageError(
      'journal undo needs an entry id, or --batch <id>.',
      'syncmatch journal undo <entry>',
    );
  }
  const entry = given;
  const { out } = edges;
  // Read-only (flag, SYNCMATCH_READ_ONLY or the profile) refuses before anything is read or opened.
  refuseWhenReadOnly(
    opts,
    'Undo writes to the tenant',
    'Run it where read-only is off (flag, SYNCMATCH_READ_ONLY, the profile).',
  );
  const path = edges.journalPath(opts);
  // Refuse what the journal alone can refuse before connecting anywhere.
  const local = openJsonlJournal(path);
  const first = await local.read();
  const early = planUndo(first, entry, tenantOf(first, entry) ?? '');
  if (!early.ok && early.code === 'NOT_FOUND') await sayWhereItIs(edges, opts, entry);
  if (!early.ok) throw refusal(early);
  if (opts.lab !== undefined && opts.lab !== false) {
    throw new UserFacingError(
      `${early.id} was written in a lab run, and every lab run starts again from its scenario: the tenant it changed no longer exists, so there is nothing to revert.`,
      'UNDO_LAB',
      'Open the scenario again (syncmatch lab) to practise; undo works on real tenants.',
    );
  }
  if (!opts.yes && (opts.json || !edges.interactive())) {
    throw new UsageError(
      '--yes required when not running interactively.',
      `Check what it will change with 'syncmatch journal', then run 'syncmatch journal undo ${entry.trim()} --yes'.`,
    );
  }

  const env = await edges.openEnvironment(opts);
  try {
    const journal = env.journal ?? local;
    const plan = planUndo(await journal.read(), entry, env.tenant.tenantLabel);
    if (!plan.ok) throw refusal(plan);
    out.status(plan.summary);
    out.status(`Guard: ${plan.step.precondition.description}`);
    if (!opts.yes && !(await edges.confirm('Revert it? [y/N] '))) {
      out.status('Cancelled: nothing was changed.');
      return EXIT.cancelled;
    }
    const controller = new AbortController();
    const onInterrupt = () => controller.abort();
    process.once('SIGINT', onInterrupt);
    try {
      const outcome = await applyUndo(
        {
          tenant: env.tenant,
          journal,
          operator: edges.operator(),
          ...(env.directory && env.onPremWriter
            ? { onPrem: { directory: env.directory, writer: env.onPremWriter } }
            : {}),
        },
        plan,
        controller.signal,
      );
      if (out.json) out.json_({ undone: plan.id, outcome });
      else out.status(outcome.status === 'done' ? out.paint('green', outcome.detail) : outcome.detail);
      if (outcome.journalId && !out.json) out.status(`Journalled as ${outcome.journalId}.`);
      return outcome.status === 'done'
        ? EXIT.ok
        : outcome.status === 'skipped'
          ? EXIT.cancelled
          : EXIT.failure;
    } finally {
      process.removeListener('SIGINT', onInterrupt);
    }
  } finally {
    await env.close();
  }
}

/**
 * An entry missing here may be in the other journal (lab runs keep their own): say where it is
 * and how to list it, instead of "no such entry" (issue 13 point 7).
 */
async function sayWhereItIs(edges: JournalCommandIo, opts: GlobalOptions, entry: string): Promise<void> {
  const inLab = opts.lab !== undefined && opts.lab !== false;
  const otherPath = edges.journalPath({ ...opts, lab: inLab ? undefined : true });
  if (otherPath === edges.journalPath(opts)) return;
  let other: JournalContents;
  try {
    other = await openJsonlJournal(otherPath).read();
  } catch {
    return;
  }
  const id = entry.trim().toLowerCase();
  const found = other.writes.find((w) => w.id.toLowerCase() === id);
  if (!found) return;
  if (inLab) {
    throw new UserFacingError(
      `Entry ${found.id} is not a lab entry: it is in the journal of real tenants, ${otherPath}.`,
      'UNDO_OTHER_JOURNAL',
      `Run 'syncmatch journal undo ${found.id}' without --lab (with the --profile of tenant ${found.intent?.tenant ?? 'it was written in'}).`,
    );
  }
  throw new UserFacingError(
    `Entry ${found.id} was written in a lab run: it is in the lab journal, ${otherPath}. Every lab run starts again from its scenario, so the tenant it changed no longer exists and there is nothing to revert.`,
    'UNDO_LAB',
    "List the lab's entries with 'syncmatch journal --lab'.",
  );
}

function tenantOf(contents: JournalContents, entry: string): string | undefined {
  const id = entry.trim().toLowerCase();
  return contents.writes.find((w) => w.id.toLowerCase() === id)?.intent?.tenant;
}

function refusal(plan: Extract<UndoPlan, { ok: false }>): UserFacingError {
  if (plan.code === 'NOT_FOUND') return new UsageError(plan.reason, plan.hint);
  return new UserFacingError(plan.reason, `UNDO_${plan.code}`, plan.hint);
}

const HEADERS = ['ID', 'TIME (UTC)', 'TENANT', 'USER', 'STEP', 'RESULT'];
const TENANT_COLUMN = 2;

/** One row per write; the tenant column only when the journal spans more than one tenant. */
function table(contents: JournalContents, out: Output, withTenant: boolean): string {
  const undoneBy = new Map<string, string>();
  for (const w of contents.writes) {
    if (w.intent?.undoOf && w.result?.result === 'done') undoneBy.set(w.intent.undoOf, w.id);
  }
  const keep = <T>(cells: T[]) => cells.filter((_, i) => withTenant || i !== TENANT_COLUMN);
  const headers = keep(HEADERS);
  const rows = contents.writes.map((w) => keep(row(w, undoneBy.get(w.id))));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.text.length)));
  const line = (cells: { text: string; flag?: boolean }[]) =>
    cells
      .map((c, i) => {
        const padded = i === cells.length - 1 ? c.text : c.text.padEnd(widths[i]!);
        return c.flag ? out.paint('yellow', padded) : padded;
      })
      .join('  ');
  return [line(headers.map((text) => ({ text }))), ...rows.map(line)].join('\n');
}

function row(w: JournalWrite, undoneBy: string | undefined): { text: string; flag?: boolean }[] {
  const e = (w.intent ?? w.result)!;
  const time = /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(e.at) ? `${e.at.slice(0, 10)} ${e.at.slice(11, 16)}` : e.at;
  const step = e.undoOf ? `${e.step} (undo of ${e.undoOf})` : e.step;
  let result: { text: string; flag?: boolean };
  if (isUnfinished(w)) result = { text: w.result ? '! unknown' : '! no result', flag: true };
  else if (!w.intent) result = { text: `${w.result?.result ?? '?'} (intent unreadable)`, flag: true };
  else result = { text: w.result!.result ?? '?' };
  if (undoneBy) result = { text: `${result.text}, undone by ${undoneBy}` };
  else if (result.text === 'done' && e.reversible) result = { text: 'done (reversible)' };
  const upn = e.target.userPrincipalName ?? e.target.id;
  return [{ text: w.id }, { text: time }, { text: e.tenant }, { text: upn }, { text: step }, result];
}
