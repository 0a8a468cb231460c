// The ticket-ready summary of one run (issue 17): the objects with their ids, the findings, every
// write with before → after, its journal id and its undo (or why there is none, issue 13 point 7),
// the manual steps still pending with their commands, the roles to give back and what to tell the
// user. Plain data: text and Markdown are renderings of it (render.ts).
import { placeText, showPlace } from '../ad-place.js';
import type { StepOutcome } from '../run-results.js';
import type { Diagnosis } from '../diagnosis-types.js';
import type { Severity } from '../findings.js';
import type { PlanStep } from '../plan-types.js';
import type { PowerShellEquivalent } from '../powershell/types.js';

export interface TicketInput {
  /** 'lab: <scenario>' or the profile. */
  environment: string;
  lab: boolean;
  journalPath: string;
  /** The first diagnosis and the latest one (after the sync when there was one). */
  before: Diagnosis | null;
  after: Diagnosis | null;
  outcomes: readonly StepOutcome[];
  /** The run's sync verdict, when a sync ran. */
  syncVerdict?: string | null;
  readOnly?: boolean;
  /** When the summary was made (ISO). */
  at: string;
}

export interface TicketWrite {
  action: PlanStep['action'];
  status: StepOutcome['status'];
  detail: string;
  property: string | null;
  before: string | null;
  after: string | null;
  objectId: string | null;
  journalId: string | null;
  /** The command that reverts it, when one still can. */
  undoCommand: string | null;
  /** Why there is no undo, or until when the command works. */
  undoNote: string;
  /** The same write by hand, for the change record. */
  powershell: PowerShellEquivalent | null;
}

export interface TicketStep {
  action: PlanStep['action'];
  description: string;
  instructions: string[];
  powershell: PowerShellEquivalent | null;
}

export interface Ticket {
  at: string;
  environment: string;
  identity: string;
  matched: boolean;
  verdict: string;
  adObject: {
    dn: string;
    objectGuid: string;
    userPrincipalName: string | null;
    anchor: string | null;
    anchorSource: string | null;
    /** Its domain and forest (issue 21), where several forests are configured or it is a child domain. */
    domain?: string;
  } | null;
  cloudObject: {
    id: string;
    userPrincipalName: string;
    management: string;
    immutableId: string | null;
  } | null;
  findings: { code: string; severity: Severity; message: string }[];
  /** Findings of the latest reading that are still errors. */
  stillWrong: string[];
  writes: TicketWrite[];
  /** Steps not done yet: manual ones, and writes a halted or read-only run left. */
  pending: TicketStep[];
  rolesToGiveBack: string[];
  tellTheUser: string[];
  journalPath: string;
}

const SYNC_UNDO =
  'undo possible until the next sync joins the user: after that Graph refuses edits of a synced user';

/** Why a write has no undo, or until when its command works (issue 13 point 7). */
export function undoNote(
  o: StepOutcome,
  step: PlanStep | undefined,
  ctx: { lab: boolean; matched: boolean; journalPath: string },
): { command: string | null; note: string } {
  if (o.status !== 'done') {
    return {
      command: null,
      note: o.journalId
        ? `no undo: the write did not complete; entry ${o.journalId} records what is known`
        : 'no undo: nothing was written',
    };
  }
  if (step && !step.reversible) {
    return {
      command: null,
      note: `no undo: ${step.action === 'PURGE_DELETED_USER' ? 'a purge is permanent; the object was exported into the journal entry first' : 'this write cannot be reverted'}`,
    };
  }
  if (!o.undoCommand) {
    return {
      command: null,
      note: ctx.lab
        ? 'no undo: a lab run starts again from its scenario each time; the entry is in the lab journal (syncmatch journal --lab)'
        : 'no undo: this write cannot be reverted',
    };
  }
  if (ctx.matched) {
    return {
      command: null,
      note: `no undo any more: the sync has joined the user and Graph refuses edits of a synced user (${o.undoCommand} would be refused); change it in AD instead`,
    };
  }
  return { command: o.undoCommand, note: SYNC_UNDO };
}

/** The plan step an outcome came from: the first unused step of that action, in either plan. */
function stepFor(action: PlanStep['action'], plans: PlanStep[][], used: Set<PlanStep>): PlanStep | undefined {
  for (const plan of plans) {
    const s = plan.find((p) => p.action === action && !used.has(p));
    if (s) {
      used.add(s);
      return s;
    }
  }
  return undefined;
}

export function buildTicket(input: TicketInput): Ticket {
  const first = input.before ?? input.after;
  const latest = input.after ?? input.before;
  const matched = Boolean(latest?.findings.some((f) => f.code === 'ALREADY_MATCHED'));
  const plans = [input.before?.plan ?? [], input.after?.plan ?? []];
  const used = new Set<PlanStep>();
  const writes: TicketWrite[] = [];
  for (const o of input.outcomes) {
    if (o.action === 'MANUAL' || o.action === 'TRIGGER_DELTA_SYNC' || o.action === 'VERIFY_MATCH') continue;
    // An undo (leaving mid-procedure, issue 13 point 4) is no plan step; a write it reverted is undone.
    const step = o.undoOf ? undefined : stepFor(o.action, plans, used);
    const undoneBy = input.outcomes.find(
      (u) => u.undoOf !== undefined && u.status === 'done' && u.undoOf === o.journalId,
    );
    const computed = undoNote(o, step, { lab: input.lab, matched, journalPath: input.journalPath });
    const undo = undoneBy
      ? { command: null, note: `undone by entry ${undoneBy.journalId ?? '(unknown)'}` }
      : o.undoOf && o.status === 'done'
        ? { command: computed.command, note: `the undo of entry ${o.undoOf}; ${computed.note}` }
        : computed;
    writes.push({
      action: o.action,
      status: o.status,
      detail: o.detail,
      property: step?.change?.property ?? null,
      before: step?.change?.before ?? null,
      after: step?.change?.after ?? null,
      objectId: step?.objectId ?? null,
      journalId: o.journalId ?? null,
      undoCommand: undo.command,
      undoNote: undo.note,
      powershell: step?.powershell ?? null,
    });
  }
  const done = input.outcomes.filter((o) => o.status === 'done').map((o) => o.action);
  const remaining = (latest?.plan ?? []).filter((s) => {
    if (s.action === 'TRIGGER_DELTA_SYNC' || s.action === 'VERIFY_MATCH') return false;
    if (s.writes && done.includes(s.action)) return false;
    return true;
  });
  const pending: TicketStep[] = matched
    ? []
    : remaining.map((s) => ({
        action: s.action,
        // A read-only run still lists the writes, for the second line or for doing them by hand.
        description:
          input.readOnly && s.writes
            ? `${s.description} (a write: for someone with write rights, or by hand with its PowerShell)`
            : s.description,
        instructions: s.manual?.instructions ?? [],
        powershell: s.powershell ?? null,
      }));
  const hadRoles = first?.findings.some((f) => f.code === 'ADMIN_ROLE_BLOCKS_MATCH') ?? false;
  const rolesToGiveBack = hadRoles ? (first?.target?.roles ?? []) : [];
  const u = latest?.onPrem ?? null;
  const t = latest?.target ?? null;
  const verdict = matched
    ? 'Matched: the AD user and the cloud user are joined.'
    : (input.syncVerdict ?? (latest ? 'Not matched yet.' : 'The user could not be read.'));
  return {
    at: input.at,
    environment: input.environment,
    identity: latest?.identity ?? '',
    matched,
    verdict,
    adObject: u
      ? {
          dn: u.dn,
          objectGuid: u.objectGuid,
          userPrincipalName: u.userPrincipalName,
          anchor: latest?.expectedImmutableId ?? null,
          anchorSource: latest?.anchorSource ?? null,
          ...(showPlace(u, latest?.forests) ? { domain: placeText(u) } : {}),
        }
      : null,
    cloudObject: t
      ? {
          id: t.id,
          userPrincipalName: t.userPrincipalName,
          management: t.management,
          immutableId: t.onPremisesImmutableId,
        }
      : null,
    findings: (first?.findings ?? []).map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
    })),
    stillWrong: matched
      ? []
      : (latest?.findings ?? []).filter((f) => f.severity === 'error').map((f) => f.code),
    writes,
    pending,
    rolesToGiveBack,
    tellTheUser: tellTheUser(first, latest, matched, rolesToGiveBack),
    journalPath: input.journalPath,
  };
}

function tellTheUser(
  first: Diagnosis | null,
  latest: Diagnosis | null,
  matched: boolean,
  roles: string[],
): string[] {
  const upn = latest?.target?.userPrincipalName ?? latest?.onPrem?.userPrincipalName ?? null;
  if (!matched) {
    return [
      'Nothing has changed for you yet: keep signing in as before.',
      'We will tell you when the fix is finished; you may be asked to sign in again then.',
    ];
  }
  const lines: string[] = [];
  const was = first?.target?.userPrincipalName;
  if (upn && was && was.toLowerCase() !== upn.toLowerCase()) {
    lines.push(`Your sign-in name has changed from ${was} to ${upn}.`);
  } else if (upn) lines.push(`Sign in as ${upn}, as before.`);
  lines.push(
    'Your cloud account (email, Teams, OneDrive) now comes from your company (Windows) account: use your Windows password. If the old cloud password still works, the new one takes over at the next password sync (usually within minutes).',
    'Name, email addresses and other details are now changed by the IT department in the company directory, not in Microsoft 365.',
    'If an app asks you to sign in again today, that is expected.',
  );
  if (roles.length > 0)
    lines.push(`Your admin roles (${roles.join(', ')}) are given back once the change is checked.`);
  return lines;
}
