// The plan: ordered steps, each re-checked before it writes (issue 4, issue 5).
import type { PowerShellEquivalent } from './powershell/types.js';

export type ActionKind =
  | 'SET_IMMUTABLE_ID'
  | 'CLEAR_IMMUTABLE_ID'
  | 'MOVE_UPN_TO_INITIAL_DOMAIN'
  | 'PURGE_DELETED_USER'
  | 'RESTORE_DELETED_USER'
  /** Writes mS-DS-ConsistencyGuid on an AD user (issue 21: a migrated account takes the old anchor). */
  | 'SET_CONSISTENCY_GUID'
  | 'MANUAL'
  | 'TRIGGER_DELTA_SYNC'
  | 'VERIFY_MATCH';

/** What must still hold just before a step writes (the stale-plan guard compares these). */
export interface Precondition {
  /** 'user' = active cloud user, 'deletedUser' = recycle-bin user, 'none' = nothing to re-read;
   *  'adObject' = an on-premises AD object by objectGUID (objectId), whose `expect` keys are
   *  OnPremObject properties (e.g. consistencyGuid) — SET_CONSISTENCY_GUID (issue 21). */
  kind: 'user' | 'deletedUser' | 'none' | 'adObject';
  objectId?: string;
  /** Property values the plan saw; the guard re-reads them and stops when any differs. */
  expect?: Record<string, string | boolean | null>;
  /** One sentence for the confirmation screen. */
  description: string;
}

/** One step of the plan. */
export interface PlanStep {
  action: ActionKind;
  description: string;
  /** Why this step is needed (the finding codes it cures). */
  because: string[];
  reversible: boolean;
  /** Writes change the tenant; MANUAL, TRIGGER_DELTA_SYNC and VERIFY_MATCH do not. */
  writes: boolean;
  precondition: Precondition;
  /** The object the step acts on, for confirmation screens and the journal. */
  objectId?: string;
  objectUpn?: string;
  /** Before → after for a write (property name → values). */
  change?: { property: string; before: string | null; after: string | null };
  /** For MANUAL: what a person must do elsewhere, and how the tool verifies it. */
  manual?: {
    instructions: string[];
    verify: string;
    /** The finding's evidence this step is about, when one step answers one finding. */
    evidence?: Record<string, unknown>;
    /** The step's change as data, for the lab's "do it in the lab" (real runs never offer it). */
    lab?: LabAction[];
  };
  /** The same step by hand in PowerShell (issue 17); filled in by diagnose(). */
  powershell?: PowerShellEquivalent;
}

/** One change a MANUAL step asks for, in a form the lab can carry out on its own AD or tenant. */
export type LabAction =
  /** Set (or clear, with null) one attribute of an AD object. */
  | { kind: 'setAdAttribute'; objectGuid: string; attribute: string; value: string | null }
  /** Remove directory roles (active and eligible) from a cloud user. */
  | { kind: 'removeCloudRoles'; userId: string }
  /** Remove SMTP addresses from a cloud group's or contact's proxyAddresses (and mail). */
  | { kind: 'removeCloudAddresses'; objectId: string; addresses: string[] }
  /** Remove values (UPN, mail, SMTP proxy addresses, alias) another AD object shares with the user. */
  | { kind: 'removeAdValues'; objectGuid: string; values: string[] }
  /** Move an AD object into (or out of) the sync scope: a new DN under another OU. */
  | { kind: 'moveAdObject'; objectGuid: string; newParentDn: string };
