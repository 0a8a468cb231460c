// The merged profile checked for what a connection needs, with defaults filled in. A section that
// is not usable says why in sentences that name every way to set the missing key. Security rules
// live here: plain ldap:// without StartTLS is refused (the DC would refuse the bind too), host
// keys must be pinned, and Graph is refused when TLS checks are off for the whole process.
import { existsSync } from 'node:fs';
import { parseSecretRef, type SecretRef } from '../secrets/secret-ref.js';
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

const BIND_FORMS = /^[^@\s]+@[^@\s]+$|^[^\\\s]+\\[^\\]+$|=/;

export function resolveAd(ad: AdFile | undefined, insecureTls: boolean): Section<AdSettings> {
  if (!ad || Object.keys(ad).length === 0) {
    return {
      status: 'missing',
      problems: [`No AD server is configured: set ${settingNames(['ad', 'urls'])}.`],
    };
  }
  const problems: string[] = [];
  const urls = ad.urls ?? [];
  const startTls = ad.startTls ?? false;
  if (urls.length === 0) problems.push(`No AD server URL is set: ${settingNames(['ad', 'urls'])}.`);
  for (const url of urls) {
    const plain = /^ldap:\/\//i.test(url);
    if (plain && !startTls) {
      problems.push(
        `${url} without StartTLS would send the bind password in clear text, and the domain controller ` +
          'would refuse the bind anyway ("Transport encryption required"). Use ldaps:// or turn on StartTLS ' +
          `(${settingNames(['ad', 'startTls'])}).`,
      );
    }
    if (!plain && startTls) {
      problems.push(
        `${url} is already encrypted (ldaps://): StartTLS is only for ldap:// URLs. Turn StartTLS off or use ldap://.`,
      );
    }
  }
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
  if (!tenant || Object.keys(tenant).length === 0) {
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
    },
  };
}

export function resolveSync(sync: SyncFile | undefined): Section<SyncServerSettings> {
  if (!sync?.transport) {
    return {
      status: 'missing',
      problems: [
        `No way to reach the Entra Connect server is configured: set ${settingNames(['sync', 'transport'])}.`,
      ],
    };
  }
  const commandTimeoutMs = (sync.commandTimeoutSeconds ?? DEFAULTS.syncCommandTimeoutSeconds) * 1000;
  const powershell = sync.powershell ?? DEFAULTS.powershell;
  const problems: string[] = [];
  const need = (value: unknown, path: string[], what: string): void => {
    if (value === undefined || value === '')
      problems.push(`The ${sync.transport} transport needs ${what}: ${settingNames(path)}.`);
  };
  switch (sync.transport) {
    case 'none':
      return { status: 'ready', value: { transport: 'none' } };
    case 'local':
      return { status: 'ready', value: { transport: 'local', powershell, commandTimeoutMs } };
    case 'winrm':
      need(sync.winrm?.server, ['sync', 'winrm', 'server'], 'the server name');
      if (problems.length) return { status: 'invalid', problems };
      return {
        status: 'ready',
        value: {
          transport: 'winrm',
          server: sync.winrm!.server!,
          useSsl: sync.winrm?.useSsl ?? false,
          powershell,
          commandTimeoutMs,
        },
      };
    case 'command':
      need(sync.command?.template, ['sync', 'command', 'template'], 'a command template');
      if (problems.length) return { status: 'invalid', problems };
      return {
        status: 'ready',
        value: {
          transport: 'command',
          template: sync.command!.template!,
          values: sync.command?.values ?? {},
          commandTimeoutMs,
        },
      };
    case 'ssh':
      return resolveSsh(sync, powershell, commandTimeoutMs);
  }
}

function resolveSsh(
  sync: SyncFile,
  powershell: string,
  commandTimeoutMs: number,
): Section<SyncServerSettings> {
  const ssh = sync.ssh ?? {};
  const problems: string[] = [];
  if (!ssh.host)
    problems.push(`The ssh transport needs the server: ${settingNames(['sync', 'ssh', 'host'])}.`);
  if (!ssh.username)
    problems.push(`The ssh transport needs a user: ${settingNames(['sync', 'ssh', 'username'])}.`);
  if (!ssh.privateKeyFile && !ssh.passwordFrom && !ssh.useAgent) {
    problems.push(
      `The ssh transport needs a way to sign in: a key (${settingNames(['sync', 'ssh', 'privateKeyFile'])}), ` +
        `the agent (${settingNames(['sync', 'ssh', 'useAgent'])}) or a password (${settingNames(['sync', 'ssh', 'passwordFrom'])}).`,
    );
  }
  if (!ssh.hostKeyFingerprints?.length && !ssh.knownHostsFile) {
    problems.push(
      "The ssh server's host key must be pinned, never trusted on first sight: give its fingerprint " +
        `(${settingNames(['sync', 'ssh', 'hostKeyFingerprints'])}; on the server: ssh-keygen -lf ` +
        `C:\\ProgramData\\ssh\\ssh_host_ed25519_key.pub) or a known_hosts file (${settingNames(['sync', 'ssh', 'knownHostsFile'])}).`,
    );
  }
  if (ssh.privateKeyFile && !existsSync(ssh.privateKeyFile)) {
    problems.push(`The ssh key file ${ssh.privateKeyFile} does not exist.`);
  }
  if (problems.length) return { status: 'invalid', problems };
  const ref = (text: string | undefined, key: string): SecretRef | null =>
    text ? parseSecretRef(text, key) : null;
  return {
    status: 'ready',
    value: {
      transport: 'ssh',
      host: ssh.host!,
      port: ssh.port ?? DEFAULTS.sshPort,
      username: ssh.username!,
      privateKeyFile: ssh.privateKeyFile ?? null,
      keyPassphrase: ref(ssh.keyPassphraseFrom, 'sync.ssh.keyPassphraseFrom'),
      password: ref(ssh.passwordFrom, 'sync.ssh.passwordFrom'),
      useAgent: ssh.useAgent ?? false,
      hostKeyFingerprints: ssh.hostKeyFingerprints ?? [],
      knownHostsFile: ssh.knownHostsFile ?? null,
      powershell,
      connectTimeoutMs: (sync.connectTimeoutSeconds ?? DEFAULTS.syncConnectTimeoutSeconds) * 1000,
      commandTimeoutMs,
    },
  };
}

export function insecureTlsWarning(): string {
  return (
    'WARNING: --insecure-tls is on: the AD server certificate is NOT checked, so anyone on the network path ' +
    'can read the bind password. Use it only in a lab; give the CA file (--ad-ca-file) instead.'
  );
}

export type { ProfileFile };
