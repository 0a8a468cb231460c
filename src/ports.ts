// The interfaces the use-cases need. Real adapters (LDAP, Graph, remoting, JSONL journal) and the
// lab implement the same ones, so the lab cannot drift from what runs for real.
import type { IdentityQuery } from './core/identity-input.js';
import type { CloudUser, CloudView, OnPremObject, SyncSettings } from './core/snapshot.js';

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
}

/** The remoting hook: starts a delta sync on the Entra Connect server. */
export interface SyncTrigger {
  readonly name: string;
  startDeltaSync(options?: { signal?: AbortSignal }): Promise<SyncRunResult>;
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
