// The merged profile checked for what a connection needs, with defaults filled in. A section that
// is not usable says why in sentences that name every way to set the missing key. Security rules
// live here: plain ldap:// without StartTLS is refused (the DC would refuse the bind too), host
// keys must be pinned, and Graph is refused when TLS checks are off for the whole process.
import { existsSync } from 'node:fs';
import { parseSecretRef, type SecretRef } from '../secrets/secret-ref.js';
import { remotingConfigSchema, type RemotingConfigInput } from '../remoting/config.js';
import type { AdFile, ProfileFile, SyncFile, TenantFile } from './schema.js';
import {
  DEFAULTS,
  type AdSettings,
  type Section,
  type SyncServerSettings,
  type TenantSettings,
} from './settings-types.js';
import { SECRET_VALUE_VARIABLES, SETTING_KEYS } from './setting-keys.js';

/** "ad.urls (SYNCMATCH_AD_URL, --ad-url)": every way to give a setting. */
export function settingNames(path: readonly string[]): string {
  const joined = path.join('.');
  const key = SETTING_KEYS.find((k) => k.path.join('.') === joined);
  const secretVar = SECRET_VALUE_VARIABLES.find((v) => v.path.join('.') === joined)?.env;
  const others = [key?.env ?? secretVar, key?.flag].filter(Boolean);
  return others.length ? `${joined} (${others.join(', ')})` : joined;
}

/** A section holding nothing but secret references (a SYNCMATCH_* secret variable) is not configured. */
function configured(section: object | undefined): section is object {
  return Boolean(section) && Object.keys(section!).some((k) => !k.endsWith('From'));
}

const BIND_FORMS = /^[^@\s]+@[^@\s]+$|^[^\\\s]+\\[^\\]+$|=/;

/**
 * The TLS rules for AD URLs: plain ldap:// needs StartTLS (else the password crosses the network in
 * clear text, and the DC refuses the bind anyway), and ldaps:// never takes it.
 */
export function adTlsProblems(urls: readonly string[], startTls: boolean): string[] {
  const problems: string[] = [];
  for (const url of urls) {
    const plain = /^ldap:\/\//i.test(url);
    if (plain && !startTls) {
      problems.push(
        `${url} without StartTLS would send the bind password in clear text, and the domain controller ` +
          'would refuse the bind anyway ("Transport encryption required"). Use ldaps://, or turn on StartTLS: ' +
          `${settingNames(['ad', 'startTls'])}.`,
      );
    }
    if (!plain && startTls) {
      problems.push(
        `${url} is already encrypted (ldaps://): StartTLS is only for ldap:// URLs. Turn StartTLS off or use ldap://.`,
      );
    }
  }
  return problems;
}

export function resolveAd(ad: AdFile | undefined, insecureTls: boolean): Section<AdSettings> {
  if (!configured(ad)) {
    return {
      status: 'missing',
      problems: [`No AD server is configured: set ${settingNames(['ad', 'urls'])}.`],
    };
  }
  const problems: string[] = [];
  const urls = ad.urls ?? [];
  const startTls = ad.startTls ?? false;
  if (urls.length === 0) problems.push(`No AD server URL is set: ${settingNames(['ad', 'urls'])}.`);
  problems.push(...adTlsProblems(urls, startTls));
  if (!ad.bindIdentity) problems.push(`No bind identity is set: ${settingNames(['ad', 'bindIdentity'])}.`);
  else if (!BIND_FORMS.test(ad.bindIdentity)) {
    problems.push(
      `The bind identity (${settingNames(['ad', 'bindIdentity'])}) must be a UPN (svc@contoso.com), DOMAIN\\user or a DN.`,
    );
  }
  if (ad.caFile && !existsSync(ad.caFile)) {
    problems.push(`The CA file ${ad.caFile} (${settingNames(['ad', 'caFile'])}) does not exist.`);
  }
  if (problems.length > 0) return { status: 'invalid', problems };
  return {
    status: 'ready',
    value: {
      urls,
      startTls,
      caFile: ad.caFile ?? null,
      bindIdentity: ad.bindIdentity!,
      password: parseSecretRef(ad.passwordFrom ?? 'prompt', 'ad.passwordFrom'),
      baseDn: ad.baseDn ?? null,
      anchorAttribute: ad.anchorAttribute ?? DEFAULTS.anchorAttribute,
      scopeOus: ad.scopeOus ?? [],
      connectTimeoutMs: (ad.connectTimeoutSeconds ?? DEFAULTS.adConnectTimeoutSeconds) * 1000,
      searchTimeoutMs: (ad.searchTimeoutSeconds ?? DEFAULTS.adSearchTimeoutSeconds) * 1000,
      insecureTls,
    },
  };
}

export function resolveTenant(
  tenant: TenantFile | undefined,
  env: Record<string, string | undefined>,
): Section<TenantSettings> {
  if (!configured(tenant)) {
    return {
      status: 'missing',
      problems: [`No tenant is configured: set ${settingNames(['tenant', 'tenant'])}.`],
    };
  }
  const problems: string[] = [];
  const signIn = tenant.signIn ?? DEFAULTS.signIn;
  if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    problems.push(
      'TLS certificate checks are off for this whole process (NODE_TLS_REJECT_UNAUTHORIZED=0): syncmatch does not ' +
        'sign in to Microsoft Graph without them. Unset the variable (for a lab DC, use --insecure-tls, which only affects LDAP).',
    );
  }
  if (!tenant.tenant) problems.push(`No tenant id or domain is set: ${settingNames(['tenant', 'tenant'])}.`);
  if (!tenant.clientId && signIn !== 'azure-cli') {
    problems.push(
      `Sign-in by ${signIn} needs the application (client) id: ${settingNames(['tenant', 'clientId'])}.`,
    );
  }
  if (signIn === 'client-certificate' && !tenant.certificateFile) {
    problems.push(
      `Sign-in by client certificate needs the certificate file: ${settingNames(['tenant', 'certificateFile'])}.`,
    );
  }
  if (tenant.certificateFile && signIn === 'client-certificate' && !existsSync(tenant.certificateFile)) {
    problems.push(`The certificate file ${tenant.certificateFile} does not exist.`);
  }
  if (problems.length > 0) return { status: 'invalid', problems };
  const ref = (text: string | undefined, key: string): SecretRef | null =>
    text ? parseSecretRef(text, key) : null;
  return {
    status: 'ready',
    value: {
      tenant: tenant.tenant!,
      clientId: tenant.clientId ?? null,
      signIn,
      clientSecret:
        signIn === 'client-secret'
          ? parseSecretRef(
              tenant.clientSecretFrom ?? 'env:SYNCMATCH_CLIENT_SECRET',
              'tenant.clientSecretFrom',
            )
          : null,
      certificateFile: signIn === 'client-certificate' ? tenant.certificateFile! : null,
      certificatePassword:
        signIn === 'client-certificate'
          ? ref(tenant.certificatePasswordFrom, 'tenant.certificatePasswordFrom')
          : null,
      authorityHost: tenant.authorityHost?.replace(/\/$/, '') ?? null,
      graphEndpoint: tenant.graphEndpoint ? tenant.graphEndpoint.replace(/\/?$/, '/') : null,
    },
  };
}

const MICROSOFT_AUTHORITIES = [
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
];
const MICROSOFT_GRAPH = [
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn',
];

/** Whether an authority host is one of Microsoft's clouds (else instance discovery is skipped). */
export function isMicrosoftAuthority(host: string | null): boolean {
  return host === null || MICROSOFT_AUTHORITIES.includes(new URL(host).hostname.toLowerCase());
}

/** Printed on every run: a token sent anywhere but Microsoft should never go unnoticed. */
export function endpointWarnings(tenant: TenantSettings): string[] {
  const out: string[] = [];
  if (!isMicrosoftAuthority(tenant.authorityHost)) {
    out.push(
      `WARNING: signing in at ${tenant.authorityHost}, which is not a Microsoft cloud (tenant.authorityHost).`,
    );
  }
  if (
    tenant.graphEndpoint &&
    !MICROSOFT_GRAPH.includes(new URL(tenant.graphEndpoint).hostname.toLowerCase())
  ) {
    out.push(
      `WARNING: Graph requests (and the token) go to ${tenant.graphEndpoint}, which is not a Microsoft cloud (tenant.graphEndpoint).`,
    );
  }
  return out;
}

/** The file's names for the remoting adapter's keys, so its complaints name what the user wrote. */
const REMOTING_PATHS: Record<string, string[]> = {
  host: ['sync', 'ssh', 'host'],
  port: ['sync', 'ssh', 'port'],
  username: ['sync', 'ssh', 'username'],
  privateKey: ['sync', 'ssh', 'privateKeyFile'],
  knownHostsFile: ['sync', 'ssh', 'knownHostsFile'],
  hostKeyFingerprint: ['sync', 'ssh', 'hostKeyFingerprints'],
  server: ['sync', 'winrm', 'server'],
  command: ['sync', 'command', 'template'],
  powershell: ['sync', 'powershell'],
  connectTimeoutMs: ['sync', 'connectTimeoutSeconds'],
  commandTimeoutMs: ['sync', 'commandTimeoutSeconds'],
  codePage: ['sync', 'codePage'],
};

export function resolveSync(
  sync: SyncFile | undefined,
  env: Record<string, string | undefined> = {},
  platform: NodeJS.Platform = process.platform,
): Section<SyncServerSettings> {
  if (!sync?.transport) {
    return {
      status: 'missing',
      problems: [
        `No way to reach the Entra Connect server is configured: set ${settingNames(['sync', 'transport'])}.`,
      ],
    };
  }
  if (sync.transport === 'none') return { status: 'ready', value: { transport: 'none' } };
  const seconds = (s: number | undefined): number | undefined => (s === undefined ? undefined : s * 1000);
  const common = {
    ...(sync.powershell ? { powershell: sync.powershell } : {}),
    ...(sync.commandTimeoutSeconds ? { commandTimeoutMs: seconds(sync.commandTimeoutSeconds) } : {}),
    ...(sync.codePage ? { codePage: sync.codePage } : {}),
  };
  const ssh = sync.ssh ?? {};
  let input: RemotingConfigInput;
  switch (sync.transport) {
    case 'ssh':
      input = {
        transport: 'ssh',
        host: ssh.host ?? '',
        username: ssh.username ?? '',
        ...(ssh.port ? { port: ssh.port } : {}),
        ...(ssh.privateKeyFile ? { privateKey: ssh.privateKeyFile } : {}),
        // The agent's socket is the session's, not the profile's: read it at run time.
        ...(ssh.useAgent ? agentSocket(env, platform) : {}),
        ...(ssh.knownHostsFile ? { knownHostsFile: ssh.knownHostsFile } : {}),
        ...(ssh.hostKeyFingerprints?.length ? { hostKeyFingerprint: ssh.hostKeyFingerprints } : {}),
        ...(sync.connectTimeoutSeconds ? { connectTimeoutMs: seconds(sync.connectTimeoutSeconds) } : {}),
        ...common,
      };
      break;
    case 'winrm':
      input = {
        transport: 'winrm',
        server: sync.winrm?.server ?? '',
        ...(sync.winrm?.useSsl !== undefined ? { useSsl: sync.winrm.useSsl } : {}),
        ...common,
      };
      break;
    case 'local':
      input = { transport: 'local', ...common };
      break;
    case 'command':
      input = {
        transport: 'command',
        command: sync.command?.template ?? '',
        ...(sync.command?.values ? { values: sync.command.values } : {}),
        ...common,
      };
      break;
  }
  const parsed = remotingConfigSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = REMOTING_PATHS[String(issue.path[0])];
      const value = key ? (input as Record<string, unknown>)[String(issue.path[0])] : undefined;
      const name = key ? settingNames(key) : issue.path.join('.');
      return value === '' || value === undefined
        ? `The ${sync.transport} transport needs ${name}.`
        : `${name}: ${issue.message.replace(/\.$/, '')}.`;
    });
    return { status: 'invalid', problems };
  }
  if (sync.transport === 'ssh' && ssh.privateKeyFile && !existsSync(ssh.privateKeyFile)) {
    return { status: 'invalid', problems: [`The ssh key file ${ssh.privateKeyFile} does not exist.`] };
  }
  const ref = (text: string | undefined, key: string): SecretRef | null =>
    text ? parseSecretRef(text, key) : null;
  return {
    status: 'ready',
    value: {
      transport: parsed.data.transport,
      remoting: parsed.data,
      password: sync.transport === 'ssh' ? ref(ssh.passwordFrom, 'sync.ssh.passwordFrom') : null,
      keyPassphrase:
        sync.transport === 'ssh' ? ref(ssh.keyPassphraseFrom, 'sync.ssh.keyPassphraseFrom') : null,
    },
  };
}

function agentSocket(env: Record<string, string | undefined>, platform: NodeJS.Platform): { agent?: string } {
  if (env.SSH_AUTH_SOCK) return { agent: env.SSH_AUTH_SOCK };
  return platform === 'win32' ? { agent: 'pageant' } : {};
}

export function insecureTlsWarning(): string {
  return (
    'WARNING: --insecure-tls is on: the AD server certificate is NOT checked, so anyone on the network path ' +
    'can read the bind password. Use it only in a lab; give the CA file (--ad-ca-file) instead.'
  );
}

export type { ProfileFile };
