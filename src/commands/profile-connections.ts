// The real connections a profile describes: AD over LDAP, Microsoft Graph with the profile's
// sign-in, and the remoting hook. Secrets are read here, at the moment a connection needs them,
// and every value read is registered with the redactor before anything can print it.
// `setup --check` uses the pieces one by one; openProfileEnvironment puts them together for
// diagnose, fix, sync and the wizard.
import {
  loadSettings,
  requireSection,
  type AdSettings,
  type ForestSettings,
  type Settings,
  type SyncServerSettings,
  type TenantSettings,
} from '../adapters/config/index.js';
import { GraphBulkReader } from '../adapters/graph/bulk-reader.js';
import { GraphTenant } from '../adapters/graph/graph-tenant.js';
import { GraphBatchOps } from '../adapters/graph/batch-ops.js';
import { openGraphSession, signInNow, type GraphSession } from '../adapters/graph/session.js';
import { openJsonlJournal } from '../adapters/journal/jsonl-journal.js';
import { defaultJournalPath } from '../adapters/journal/location.js';
import { createForestDirectory, type ForestDirectory } from '../adapters/ldap/forest-directory.js';
import { forestOptions } from '../adapters/ldap/settings-options.js';
import { createSyncTrigger, type RemotingRuntime } from '../adapters/remoting/index.js';
import { resolveSecret, secretRedactor, type SecretSources } from '../adapters/secrets/index.js';
import { combineBulkReaders, combineForests } from '../app/forests.js';
import { namingContextOf } from '../core/dn-domain.js';
import { UserFacingError } from '../core/errors.js';
import type { SyncTrigger } from '../ports.js';
import type { Environment } from './environment-types.js';
import type { GlobalOptions } from './global-options.js';
import { terminalText } from './output.js';

export function secretSources(env: Record<string, string | undefined> = process.env): SecretSources {
  return { env, redactor: secretRedactor };
}

/** The bind password, from where the profile says (env, file or a masked prompt). */
export function adPassword(ad: AdSettings, sources: SecretSources): Promise<string> {
  return resolveSecret(ad.password, 'The AD bind password', 'ad.passwordFrom', sources);
}

/** Opens every configured forest (each bind password read once, in order); closes them all on failure. */
export async function openForests(
  forests: readonly ForestSettings[],
  sources: SecretSources,
): Promise<ForestDirectory[]> {
  const opened: ForestDirectory[] = [];
  try {
    for (const forest of forests) {
      opened.push(await createForestDirectory(forestOptions(forest, await adPassword(forest, sources))));
    }
    return opened;
  } catch (error) {
    await Promise.all(opened.map((f) => f.close().catch(() => undefined)));
    throw error;
  }
}

/**
 * The sync scope over every forest: each forest's OUs, or (when it lists none: all of it) its
 * domains' naming contexts, so one forest's OUs never leave another forest out. One forest keeps
 * its list as it is (empty = the whole domain).
 */
export function syncScope(
  forests: readonly ForestSettings[],
  opened: readonly Pick<ForestDirectory, 'domains'>[],
): string[] {
  if (forests.length === 1) return forests[0]!.scopeOus;
  return forests.flatMap((f, i) =>
    f.scopeOus.length > 0 ? f.scopeOus : (opened[i]?.domains ?? []).map(namingContextOf),
  );
}

/** Secrets of the remoting hook (an ssh password or key passphrase), read now. */
export async function remotingRuntime(
  sync: SyncServerSettings,
  sources: SecretSources,
): Promise<RemotingRuntime> {
  if (sync.transport === 'none') return {};
  const runtime: RemotingRuntime = { env: sources.env as NodeJS.ProcessEnv };
  if (sync.password) {
    runtime.password = await resolveSecret(
      sync.password,
      'The ssh password',
      'sync.ssh.passwordFrom',
      sources,
    );
  }
  if (sync.keyPassphrase) {
    runtime.passphrase = await resolveSecret(
      sync.keyPassphrase,
      "The ssh key's passphrase",
      'sync.ssh.keyPassphraseFrom',
      sources,
    );
  }
  return runtime;
}

/** A sync trigger for "transport: none": the fix still works, the sync is left to the schedule. */
function noSyncTrigger(): SyncTrigger {
  return {
    name: 'none',
    startDeltaSync() {
      return Promise.reject(
        new UserFacingError(
          'No way to reach the Entra Connect server is configured (transport: none).',
          'SYNC_NOT_CONFIGURED',
          'Run "Start-ADSyncSyncCycle -PolicyType Delta" on the Connect server, or configure a transport (syncmatch setup).',
        ),
      );
    },
  };
}

/**
 * The real environment a profile describes; each secret is asked for once, here. `loaded` is the
 * settings when the caller has read them already.
 */
export async function openProfileEnvironment(
  opts: GlobalOptions & Record<string, unknown>,
  loaded?: Settings,
): Promise<Environment> {
  const settings: Settings = loaded ?? loadSettings({ profile: opts.profile, flags: opts });
  for (const warning of settings.warnings) process.stderr.write(`${terminalText(warning)}\n`);
  const ad = requireSection<AdSettings>(settings.ad, 'The AD connection');
  const forests = settings.forests
    ? requireSection<ForestSettings[]>(settings.forests, 'The AD forests')
    : [{ ...ad, name: null, globalCatalog: null, domains: [] }];
  const tenant = requireSection<TenantSettings>(settings.tenant, 'The tenant');
  const readOnly = settings.readOnly || opts.readOnly === true;
  const sources = secretSources();
  // Every forest, asked together: identity, related objects and anchors across all of them (issue 21).
  const opened = await openForests(forests, sources);
  const directory = combineForests(opened);
  let graph: GraphSession | undefined;
  try {
    graph = await openGraphSession(tenant, {
      readOnly,
      sources,
      configPath: settings.configPath,
      profile: settings.profile,
      onDeviceCode: (p) =>
        process.stderr.write(
          terminalText(`\n  To sign in, open   ${p.verificationUri}\n  and enter the code ${p.userCode}\n\n`),
        ),
      onNotice: (text) => process.stderr.write(`${terminalText(text)}\n`),
    });
    // A person signs in now, on the plain terminal, before any screen takes it over.
    if (graph.signIn.delegated && graph.signIn.method !== 'azure-cli') await signInNow(graph);
    const sync = settings.sync.status === 'ready' ? settings.sync.value : ({ transport: 'none' } as const);
    const trigger =
      sync.transport === 'none'
        ? noSyncTrigger()
        : createSyncTrigger(sync.remoting, await remotingRuntime(sync, sources));
    const session = graph;
    return {
      label: `profile: ${settings.profile ?? '(environment)'}`,
      directory,
      onPremWriter: directory,
      tenant: new GraphTenant({ client: session.connection.client, tenantLabel: tenant.tenant }),
      trigger,
      sync: {
        sourceAnchor: ad.anchorAttribute,
        scope: syncScope(forests, opened),
        // Oldest first, as configured: the last forest is the migration's target (issue 21).
        ...(opened.length > 1 ? { forests: opened.map((f) => f.name) } : {}),
      },
      journal: openJsonlJournal(defaultJournalPath()),
      secrets: secretRedactor.values(),
      // syncmatch scan: the whole domain in pages, the whole tenant in pages of 999.
      bulk: {
        directory: combineBulkReaders(opened.map((f) => f.bulkReader())),
        tenant: new GraphBulkReader(session.connection.client),
      },
      batchOps: new GraphBatchOps(session.connection.client),
      async close() {
        await directory.close();
        await session.connection.close();
      },
    };
  } catch (error) {
    await directory.close().catch(() => undefined);
    await graph?.connection.close().catch(() => undefined);
    throw error;
  }
}
