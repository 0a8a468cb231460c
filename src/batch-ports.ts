// The ports a batch fix needs beyond the one-user ones (src/ports.ts): reads and writes grouped into
// Graph `$batch` requests, and where a batch's record (its users and options) is kept for --resume.
import type { ActionKind } from './core/plan-types.js';
import type { CloudUser } from './core/snapshot.js';

/** One object to re-read (stale-plan guard, read-back). */
export interface BatchRead {
  /** Unique within one call. */
  key: string;
  kind: 'user' | 'deletedUser';
  objectId: string;
}

/** What a grouped read found: the object, null when it is not there, or why it could not be read. */
export type BatchReadAnswer = { object: CloudUser | null } | { error: string };

/** One write of a plan step, as sent inside a `$batch`. */
export interface BatchWrite {
  key: string;
  action: ActionKind;
  objectId: string;
  /** The value the step sets (the immutableId, the UPN; ignored for purge and restore). */
  value: string | boolean | null;
}

export type BatchWriteAnswer =
  /** The tenant accepted it. */
  | { status: 'accepted' }
  /** 429 (or 503/504): not carried out; send again after `retryAfterMs`. */
  | { status: 'throttled'; retryAfterMs: number }
  /** The tenant answered with an error: not carried out. */
  | { status: 'refused'; message: string }
  /** No answer (the request was cut off): it may or may not have landed; read it back. */
  | { status: 'no-answer'; message: string };

/** Reads and writes grouped into `$batch` requests (Graph takes at most 20 per request). */
export interface TenantBatchOps {
  /** Requests per `$batch` (20 for Graph). */
  readonly maxPerRequest: number;
  /** Every read, grouped and sent in parallel; throttled reads are retried inside. */
  readMany(reads: BatchRead[]): Promise<Map<string, BatchReadAnswer>>;
  /** At most `maxPerRequest` writes in one `$batch` request; throttled ones are reported, not retried. */
  writeMany(writes: BatchWrite[]): Promise<Map<string, BatchWriteAnswer>>;
}

/** What `fix --resume <id>` needs to carry on: who is in the batch and with which options. */
export interface BatchRecord {
  id: string;
  /** ISO time the batch was confirmed. */
  createdAt: string;
  tenant: string;
  /** Where the list came from (a file, a finding code), for the report. */
  source: string;
  /** Every user the batch was confirmed for (identities as planned: objectGUIDs). */
  identities: string[];
  allowPurge: boolean;
}

/** Keeps batch records beside the journal. */
export interface BatchRecordStore {
  save(record: BatchRecord): Promise<void>;
  /** null when no batch has this id. */
  load(id: string): Promise<BatchRecord | null>;
}
