// What a command talks to, real or lab.
import type { TenantBatchOps } from '../batch-ports.js';
import type { SyncSettings } from '../core/snapshot.js';
import type {
  Journal,
  OnPremBulkReader,
  OnPremDirectory,
  OnPremWriter,
  SyncTrigger,
  Tenant,
  TenantBulkReader,
} from '../ports.js';

/** Whole-directory reads for `syncmatch scan` (issue 9). */
export interface BulkReaders {
  directory: OnPremBulkReader;
  tenant: TenantBulkReader;
}

export interface Environment {
  /** 'lab: <scenario>' or 'profile: <name>'. */
  label: string;
  directory: OnPremDirectory;
  /** Writes mS-DS-ConsistencyGuid in whichever forest holds the user (issue 21); absent = none. */
  onPremWriter?: OnPremWriter;
  tenant: Tenant;
  trigger: SyncTrigger;
  sync: SyncSettings;
  journal: Journal;
  /** The scenario's identity in the lab. */
  suggestedIdentity?: string;
  /** Secrets this run holds, to scrub from anything written or shown. */
  secrets: string[];
  /** Bulk readers for the scan; absent where the environment does not provide them yet. */
  bulk?: BulkReaders;
  /** Reads and writes grouped into `$batch` requests (syncmatch fix --batch). */
  batchOps?: TenantBatchOps;
  /** The lab only: its AD and tenant live in this process, so a batch saves them (to `file`) for a
   *  `fix --resume` in another process, as a real tenant would keep them (issue 18). */
  saveLab?: (file: string, batchId: string) => Promise<void>;
  close(): Promise<void>;
}
