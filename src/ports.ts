// The interfaces the use-cases need. Real adapters (LDAP, Graph, remoting, JSONL journal) and the
// lab implement the same ones, so the lab cannot drift from what runs for real.
import type { IdentityQuery } from './core/identity-input.js';
import type { ActionKind } from './core/plan-types.js';
import type { CloudUser, CloudView, OnPremObject, SyncSettings } from './core/snapshot.js';
import type { SchedulerFacts, SyncRunSummary } from './core/sync-server.js';

/** The on-premises directory (AD over LDAP, or the lab's in-memory AD). */
export interface OnPremDirectory {
  /** One search for every object the identity names (users only; more than one = ambiguous). */
  findUser(query: IdentityQuery): Promise<OnPremObject[]>;
  /** One search for other users, groups and contacts holding any of the user's values. */
  findRelated(user: OnPremObject): Promise<OnPremObject[]>;
  /** Re-reads one object by its objectGUID (stale-plan guard, verification). */
  readByGuid(guid: string): Promise<OnPremObject | null>;
  close(): Promise<void>;
}

/** The one AD write (issue 21): mS-DS-ConsistencyGuid on a user, found by objectGUID in any
 *  configured forest. `value` is a GUID string (stored as its 16 bytes) or null to clear it. */
export interface OnPremWriter {
  setConsistencyGuid(objectGuid: string, value: string | null): Promise<void>;
}

/** Reads the tenant for one user's values. */
export interface TenantReader {
  /** Everything the rules need for this user, in as few round trips as possible. */
  readFor(user: OnPremObject, expectedImmutableId: string | null): Promise<CloudView>;
  getUser(id: string): Promise<CloudUser | null>;
  getDeletedUser(id: string): Promise<CloudUser | null>;
}

/** The writes a plan can make (each one guarded and journalled by the app layer). */
export interface TenantWriter {
  setImmutableId(userId: string, immutableId: string | null): Promise<void>;
  setUserPrincipalName(userId: string, upn: string): Promise<void>;
  purgeDeletedUser(userId: string): Promise<void>;
  restoreDeletedUser(userId: string): Promise<void>;
}

export interface Tenant extends TenantReader, TenantWriter {
  /** Tenant id or domain, for the journal. */
  readonly tenantLabel: string;
}

/** What `Start-ADSyncSyncCycle -PolicyType Delta` answered. */
export interface SyncRunResult {
  /** 'Success' when the cycle was started; otherwise the transport's classified failure. */
  result: 'Success' | 'Busy' | 'Failed';
  /** The remote output (trimmed), for "what the sync reported". */
  output: string;
  /** Get-ADSyncScheduler as read just before the trigger, when the server said. */
  scheduler?: SchedulerFacts;
  /** Worth telling the technician though the cycle started (scheduler disabled, module by path). */
  notes?: string[];
  /** Marks the newest run that existed before ours (the server's own clock); for cycleStatus. */
  runsAfter?: string;
}

/** Whether the cycle is still running, and (once it is not) the runs since the trigger. */
export interface SyncCycleStatus {
  inProgress: boolean;
  runs: SyncRunSummary[];
}

/** One line of what a sync cycle reported; `error` marks an export error for this object. */
export interface SyncReportLine {
  text: string;
  error: boolean;
}

/** The remoting hook: starts a delta sync on the Entra Connect server. */
export interface SyncTrigger {
  readonly name: string;
  startDeltaSync(options?: { signal?: AbortSignal }): Promise<SyncRunResult>;
  /** What the last cycle reported about one AD object (the lab's run log); real servers: absent. */
  reportFor?(dn: string): SyncReportLine[];
  /** Asks the server whether the cycle `started` began is still running (SyncCycleInProgress) and,
   *  once it is not, what its runs reported (Get-ADSyncRunProfileResult). */
  cycleStatus?(started: SyncRunResult, options?: { signal?: AbortSignal }): Promise<SyncCycleStatus>;
}

/** Where sync settings come from (config or scenario). */
export interface SyncSettingsSource {
  readonly sync: SyncSettings;
}

/** Time, injected so waits are testable. */
export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** One line of the write-ahead journal (JSON Lines). Directory data only: never a credential. */
export interface JournalEntry {
  /** Shared by a write's intent and result lines; what `syncmatch journal undo <id>` takes. */
  id: string;
  /** ISO time the line was written. */
  at: string;
  /** 'intent' is on disk before the write is sent, 'result' after it answered. */
  phase: 'intent' | 'result';
  /** OS user name of whoever ran the tool. */
  operator: string;
  /** Tenant.tenantLabel: undo refuses to act in another tenant. */
  tenant: string;
  target: { id: string; userPrincipalName: string | null };
  step: ActionKind;
  description: string;
  /** The property the write changes ('state' for purge and restore). */
  property: string;
  /** Its value read just before writing. */
  before: string | boolean | null;
  /** The value the write sets. */
  after: string | boolean | null;
  reversible: boolean;
  /** Result lines: 'unknown' = cut off and a re-read could not tell; 'cancelled' = never sent. */
  result?: 'done' | 'failed' | 'unknown' | 'cancelled';
  /** Result lines: what went wrong, as the tenant said it (secrets removed). */
  error?: string;
  /** Result lines: the object as re-read after the write (null = not there). */
  state?: CloudUser | null;
  /** Result lines of an AD write (SET_CONSISTENCY_GUID): the AD object as re-read after it. */
  adState?: OnPremObject | null;
  /** PURGE_DELETED_USER intent: the whole deleted object, exported before it is destroyed. */
  exported?: CloudUser;
  /** Set when this write reverts an earlier entry. */
  undoOf?: string;
  /** A batch fix's id (`syncmatch fix --resume <batch>`), on every line of its writes. */
  batch?: string;
  /** In a batch: the AD user (objectGUID) whose plan this write belongs to. */
  batchUser?: string;
}

/** One write as the journal tells it: its intent and (when it got that far) its result. */
export interface JournalWrite {
  id: string;
  intent: JournalEntry | null;
  result: JournalEntry | null;
}

export interface JournalContents {
  entries: JournalEntry[];
  /** Entries paired by id, in the order their first line was written. */
  writes: JournalWrite[];
  /** Lines that could not be read (a torn last line after a crash), as sentences. */
  problems: string[];
}

/** The append-only write-ahead journal. */
export interface Journal {
  readonly path: string;
  /** Appends one line; resolves only once it is flushed to disk. */
  append(entry: JournalEntry): Promise<void>;
  /** Appends several lines with one flush (a batch's intents before its `$batch` is sent). */
  appendMany?(entries: JournalEntry[]): Promise<void>;
  read(): Promise<JournalContents>;
  /** Writes whose result is unknown from an earlier run (intent without result), as sentences. */
  unfinishedWrites(): Promise<string[]>;
}

/** One page of a bulk read arrived (the scan's progress: objects read, pages, per collection). */
export interface BulkPage {
  /** 'ad' for the directory; the Graph collection otherwise (users, groups, contacts, deletedUsers, roles…). */
  source: string;
  /** Objects on this page. */
  objects: number;
}

/** Reads every user, group and contact of the on-premises directory, a page at a time (the scan). */
export interface OnPremBulkReader {
  readAll(onPage?: (page: BulkPage) => void, signal?: AbortSignal): Promise<OnPremObject[]>;
}

/** Reads the whole tenant: users, groups, contacts, deleted users, domains, switches and roles. */
export interface TenantBulkReader {
  /** A CloudView holding every object; roles lists active and eligible roles per user id. */
  readAll(onPage?: (page: BulkPage) => void, signal?: AbortSignal): Promise<CloudView>;
}
