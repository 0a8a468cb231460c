// What a command talks to, real or lab.
import type { SyncSettings } from '../core/snapshot.js';
import type { Journal, OnPremDirectory, SyncTrigger, Tenant } from '../ports.js';

export interface Environment {
  /** 'lab: <scenario>' or 'profile: <name>'. */
  label: string;
  directory: OnPremDirectory;
  tenant: Tenant;
  trigger: SyncTrigger;
  sync: SyncSettings;
  journal: Journal;
  /** The scenario's identity in the lab. */
  suggestedIdentity?: string;
  /** Secrets this run holds, to scrub from anything written or shown. */
  secrets: string[];
  close(): Promise<void>;
}
