// Settings after merging the profile, the environment and the flags: complete, checked, with
// defaults filled in. Secrets are still references here; they are read only when a connection
// needs them (adapters/secrets).
import type { RemotingConfig } from '../remoting/config.js';
import type { SecretRef } from '../secrets/secret-ref.js';
import type { SignInMethod } from './schema.js';

/** What the LDAP adapter needs (URLs, TLS, bind, where to search). */
export interface AdSettings {
  urls: string[];
  /** StartTLS on the ldap:// URLs (ldaps:// never takes it). */
  startTls: boolean;
  caFile: string | null;
  /** UPN, DOMAIN\user or DN, as AD accepts for a simple bind. */
  bindIdentity: string;
  password: SecretRef;
  /** null: read defaultNamingContext from the rootDSE. */
  baseDn: string | null;
  anchorAttribute: string;
  /** OU DNs in sync scope; empty = the whole domain. */
  scopeOus: string[];
  connectTimeoutMs: number;
  searchTimeoutMs: number;
  /** Labs only: certificate checks off. Warned about on every run. */
  insecureTls: boolean;
}

/** One AD forest (issue 21): its root (or first) domain's settings, its GC and its other domains. */
export interface ForestSettings extends AdSettings {
  /** The forest root domain's DNS name; null = read from the rootDSE (a profile's single `ad`). */
  name: string | null;
  /** The Global Catalog; null = search every listed domain's DC instead. */
  globalCatalog: { urls: string[]; startTls: boolean } | null;
  /** The forest's other domains, each with its DCs (the first domain is the `ad` part itself). */
  domains: { name: string; urls: string[]; startTls: boolean; baseDn: string | null }[];
}

export interface TenantSettings {
  /** Tenant id (GUID) or one of its domains. */
  tenant: string;
  /** null only for azure-cli (the CLI signs in with its own app). */
  clientId: string | null;
  signIn: SignInMethod;
  clientSecret: SecretRef | null;
  certificateFile: string | null;
  certificatePassword: SecretRef | null;
  /** null: Microsoft's public cloud (login.microsoftonline.com). */
  authorityHost: string | null;
  /** null: https://graph.microsoft.com/. */
  graphEndpoint: string | null;
}

/**
 * The sync server, in the remoting adapter's own types (its schema fills the defaults and checks
 * the values), plus where its secrets come from: they are read only when the connection is made.
 */
export type SyncServerSettings =
  | { transport: 'none' }
  | {
      transport: RemotingConfig['transport'];
      remoting: RemotingConfig;
      password: SecretRef | null;
      keyPassphrase: SecretRef | null;
    };

/** A section is ready to use, not configured at all, or configured with problems. */
export type Section<T> =
  | { status: 'ready'; value: T }
  | { status: 'missing'; problems: string[] }
  | { status: 'invalid'; problems: string[] };

export interface Settings {
  /** The profile used, or null when every setting came from the environment and flags. */
  profile: string | null;
  configPath: string;
  readOnly: boolean;
  insecureTls: boolean;
  /** The first (or only) forest's root domain: what single-directory code reads. */
  ad: Section<AdSettings>;
  /** Every configured forest (a profile's `ad` alone is one); absent where settings are built by hand. */
  forests?: Section<ForestSettings[]>;
  tenant: Section<TenantSettings>;
  sync: Section<SyncServerSettings>;
  /** Printed on every run (insecure TLS, for one). */
  warnings: string[];
}

export const DEFAULTS = {
  anchorAttribute: 'mS-DS-ConsistencyGuid',
  adConnectTimeoutSeconds: 10,
  adSearchTimeoutSeconds: 30,
  signIn: 'device-code' as SignInMethod,
} as const;
