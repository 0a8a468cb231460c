// One table drives the environment variables, the flags, their help text and the names used in
// error messages, so the three ways of giving a setting cannot drift apart.
// Precedence: config file < SYNCMATCH_* environment variables < flags.

type Kind = 'text' | 'list' | 'dnList' | 'bool' | 'int' | 'seconds' | 'secretRef';

export interface SettingKey {
  /** Where it lives inside a profile. */
  path: readonly string[];
  /** The environment variable that sets it (a reference for secrets: see SECRET_VALUE_VARIABLES). */
  env?: string;
  /** The flag's property name as commander gives it (camelCase) and as typed. */
  flagProp?: string;
  flag?: string;
  kind: Kind;
  help: string;
}

export const SETTING_KEYS: readonly SettingKey[] = [
  {
    path: ['ad', 'urls'],
    env: 'SYNCMATCH_AD_URL',
    flagProp: 'adUrl',
    flag: '--ad-url',
    kind: 'list',
    help: 'AD server URL(s): ldaps://dc01.contoso.com, or ldap://… with StartTLS (comma-separated)',
  },
  {
    path: ['ad', 'startTls'],
    env: 'SYNCMATCH_AD_STARTTLS',
    flagProp: 'starttls',
    flag: '--starttls',
    kind: 'bool',
    help: 'use StartTLS on ldap:// URLs',
  },
  {
    path: ['ad', 'caFile'],
    env: 'SYNCMATCH_AD_CA_FILE',
    flagProp: 'adCaFile',
    flag: '--ad-ca-file',
    kind: 'text',
    help: "PEM file of the CA that signed the DCs' certificates (else the system's)",
  },
  {
    path: ['ad', 'bindIdentity'],
    env: 'SYNCMATCH_AD_BIND',
    flagProp: 'bind',
    flag: '--bind',
    kind: 'text',
    help: 'bind identity: UPN, DOMAIN\\user or DN',
  },
  {
    path: ['ad', 'passwordFrom'],
    flagProp: 'bindPasswordFrom',
    flag: '--bind-password-from',
    kind: 'secretRef',
    help: 'where the bind password comes from: env:NAME, file:/path or prompt',
  },
  {
    path: ['ad', 'baseDn'],
    env: 'SYNCMATCH_AD_BASE_DN',
    flagProp: 'baseDn',
    flag: '--base-dn',
    kind: 'text',
    help: "base DN (default: the domain's, from the rootDSE)",
  },
  {
    path: ['ad', 'anchorAttribute'],
    env: 'SYNCMATCH_AD_ANCHOR',
    flagProp: 'anchor',
    flag: '--anchor',
    kind: 'text',
    help: 'sourceAnchor attribute (default mS-DS-ConsistencyGuid; objectGUID or another)',
  },
  {
    path: ['ad', 'scopeOus'],
    env: 'SYNCMATCH_AD_SCOPE',
    flagProp: 'scopeOu',
    flag: '--scope-ou',
    kind: 'dnList',
    help: 'OUs in sync scope (default: the whole domain); the variable separates DNs with ";"',
  },
  {
    path: ['ad', 'connectTimeoutSeconds'],
    env: 'SYNCMATCH_AD_CONNECT_TIMEOUT',
    flagProp: 'adConnectTimeout',
    flag: '--ad-connect-timeout',
    kind: 'seconds',
    help: 'seconds to wait for a DC to answer (default 10)',
  },
  {
    path: ['ad', 'searchTimeoutSeconds'],
    env: 'SYNCMATCH_AD_SEARCH_TIMEOUT',
    flagProp: 'adSearchTimeout',
    flag: '--ad-search-timeout',
    kind: 'seconds',
    help: 'seconds one search may take (default 30)',
  },
  {
    path: ['tenant', 'tenant'],
    env: 'SYNCMATCH_TENANT',
    flagProp: 'tenant',
    flag: '--tenant',
    kind: 'text',
    help: 'tenant id or one of its domains (contoso.onmicrosoft.com)',
  },
  {
    path: ['tenant', 'clientId'],
    env: 'SYNCMATCH_CLIENT_ID',
    flagProp: 'clientId',
    flag: '--client-id',
    kind: 'text',
    help: 'application (client) id of the app registration',
  },
  {
    path: ['tenant', 'signIn'],
    env: 'SYNCMATCH_SIGN_IN',
    flagProp: 'signIn',
    flag: '--sign-in',
    kind: 'text',
    help: 'device-code (default), browser, client-secret, client-certificate or azure-cli',
  },
  {
    path: ['tenant', 'clientSecretFrom'],
    flagProp: 'clientSecretFrom',
    flag: '--client-secret-from',
    kind: 'secretRef',
    help: 'where the client secret comes from (default env:SYNCMATCH_CLIENT_SECRET)',
  },
  {
    path: ['tenant', 'certificateFile'],
    env: 'SYNCMATCH_CLIENT_CERTIFICATE',
    flagProp: 'clientCertificate',
    flag: '--client-certificate',
    kind: 'text',
    help: 'PEM file with the certificate and its private key',
  },
  {
    path: ['tenant', 'certificatePasswordFrom'],
    flagProp: 'clientCertificatePasswordFrom',
    flag: '--client-certificate-password-from',
    kind: 'secretRef',
    help: "where the certificate key's password comes from, if it has one",
  },
  {
    path: ['tenant', 'authorityHost'],
    env: 'SYNCMATCH_AUTHORITY_HOST',
    flagProp: 'authorityHost',
    flag: '--authority-host',
    kind: 'text',
    help: 'sign-in authority for sovereign clouds (default https://login.microsoftonline.com)',
  },
  {
    path: ['tenant', 'graphEndpoint'],
    env: 'SYNCMATCH_GRAPH_ENDPOINT',
    flagProp: 'graphEndpoint',
    flag: '--graph-endpoint',
    kind: 'text',
    help: 'Microsoft Graph endpoint for sovereign clouds (default https://graph.microsoft.com/)',
  },
  {
    path: ['sync', 'transport'],
    env: 'SYNCMATCH_SYNC_TRANSPORT',
    flagProp: 'transport',
    flag: '--transport',
    kind: 'text',
    help: 'how to reach the Entra Connect server: ssh, winrm, local, command or none',
  },
  {
    path: ['sync', 'powershell'],
    env: 'SYNCMATCH_SYNC_POWERSHELL',
    flagProp: 'powershell',
    flag: '--powershell',
    kind: 'text',
    help: 'powershell (default) or pwsh',
  },
  {
    path: ['sync', 'connectTimeoutSeconds'],
    env: 'SYNCMATCH_SYNC_CONNECT_TIMEOUT',
    flagProp: 'syncConnectTimeout',
    flag: '--sync-connect-timeout',
    kind: 'seconds',
    help: 'seconds to wait for the ssh connection (default 15)',
  },
  {
    path: ['sync', 'commandTimeoutSeconds'],
    env: 'SYNCMATCH_SYNC_COMMAND_TIMEOUT',
    flagProp: 'syncCommandTimeout',
    flag: '--sync-command-timeout',
    kind: 'seconds',
    help: 'seconds the sync cmdlet may take (default 120)',
  },
  {
    path: ['sync', 'codePage'],
    env: 'SYNCMATCH_SYNC_CODE_PAGE',
    kind: 'text',
    help: "the Connect server's OEM code page for its output (default 437; 850 on Western European Windows)",
  },
  {
    path: ['sync', 'ssh', 'host'],
    env: 'SYNCMATCH_SSH_HOST',
    flagProp: 'sshHost',
    flag: '--ssh-host',
    kind: 'text',
    help: 'Entra Connect server for ssh',
  },
  {
    path: ['sync', 'ssh', 'port'],
    env: 'SYNCMATCH_SSH_PORT',
    flagProp: 'sshPort',
    flag: '--ssh-port',
    kind: 'int',
    help: 'ssh port (default 22)',
  },
  {
    path: ['sync', 'ssh', 'username'],
    env: 'SYNCMATCH_SSH_USER',
    flagProp: 'sshUser',
    flag: '--ssh-user',
    kind: 'text',
    help: 'ssh user (in ADSyncOperators on the server)',
  },
  {
    path: ['sync', 'ssh', 'privateKeyFile'],
    env: 'SYNCMATCH_SSH_KEY',
    flagProp: 'sshKey',
    flag: '--ssh-key',
    kind: 'text',
    help: 'private key file',
  },
  {
    path: ['sync', 'ssh', 'keyPassphraseFrom'],
    flagProp: 'sshKeyPassphraseFrom',
    flag: '--ssh-key-passphrase-from',
    kind: 'secretRef',
    help: "where the key's passphrase comes from, if it has one",
  },
  {
    path: ['sync', 'ssh', 'passwordFrom'],
    flagProp: 'sshPasswordFrom',
    flag: '--ssh-password-from',
    kind: 'secretRef',
    help: 'where the ssh password comes from (when not using a key)',
  },
  {
    path: ['sync', 'ssh', 'useAgent'],
    env: 'SYNCMATCH_SSH_AGENT',
    flagProp: 'sshAgent',
    flag: '--ssh-agent',
    kind: 'bool',
    help: 'use the running ssh-agent',
  },
  {
    path: ['sync', 'ssh', 'hostKeyFingerprints'],
    env: 'SYNCMATCH_SSH_HOST_KEY',
    flagProp: 'sshHostKey',
    flag: '--ssh-host-key',
    kind: 'list',
    help: "the server's host key fingerprint, SHA256:… (ssh-keygen -lf)",
  },
  {
    path: ['sync', 'ssh', 'knownHostsFile'],
    env: 'SYNCMATCH_SSH_KNOWN_HOSTS',
    flagProp: 'sshKnownHosts',
    flag: '--ssh-known-hosts',
    kind: 'text',
    help: 'a known_hosts file that pins the host key',
  },
  {
    path: ['sync', 'winrm', 'server'],
    env: 'SYNCMATCH_WINRM_SERVER',
    flagProp: 'winrmServer',
    flag: '--winrm-server',
    kind: 'text',
    help: 'Entra Connect server for Invoke-Command (WinRM)',
  },
  {
    path: ['sync', 'winrm', 'useSsl'],
    env: 'SYNCMATCH_WINRM_SSL',
    flagProp: 'winrmSsl',
    flag: '--winrm-ssl',
    kind: 'bool',
    help: 'WinRM over HTTPS (-UseSSL)',
  },
  {
    path: ['sync', 'command', 'template'],
    env: 'SYNCMATCH_SYNC_COMMAND',
    flagProp: 'syncCommand',
    flag: '--sync-command',
    kind: 'text',
    help: 'your own command; {script} or {encodedCommand} is the PowerShell to run',
  },
  {
    path: ['readOnly'],
    env: 'SYNCMATCH_READ_ONLY',
    flagProp: 'readOnly',
    flag: '--read-only',
    kind: 'bool',
    help: 'never write; never ask for write permissions',
  },
];

/**
 * Environment variables that hold a secret itself (for unattended runs). When one is set it wins
 * over the profile's reference: the setting becomes `env:<that variable>`. Flags never carry
 * secrets (they show in shell history and process lists), only references.
 */
export const SECRET_VALUE_VARIABLES: readonly { env: string; path: readonly string[]; help: string }[] = [
  { env: 'SYNCMATCH_LDAP_PASSWORD', path: ['ad', 'passwordFrom'], help: 'the AD bind password' },
  {
    env: 'SYNCMATCH_CLIENT_SECRET',
    path: ['tenant', 'clientSecretFrom'],
    help: 'the app registration client secret',
  },
  {
    env: 'SYNCMATCH_CLIENT_CERTIFICATE_PASSWORD',
    path: ['tenant', 'certificatePasswordFrom'],
    help: "the client certificate key's password",
  },
  { env: 'SYNCMATCH_SSH_PASSWORD', path: ['sync', 'ssh', 'passwordFrom'], help: 'the ssh password' },
  {
    env: 'SYNCMATCH_SSH_KEY_PASSPHRASE',
    path: ['sync', 'ssh', 'keyPassphraseFrom'],
    help: "the ssh key's passphrase",
  },
];

/** Variables that are not profile settings. */
export const GLOBAL_VARIABLES: readonly { env: string; help: string }[] = [
  { env: 'SYNCMATCH_PROFILE', help: 'the profile to use (like --profile)' },
  {
    env: 'SYNCMATCH_INSECURE_TLS',
    help: 'labs only: skip LDAP certificate checks (like --insecure-tls; never Graph)',
  },
  { env: 'SYNCMATCH_CONFIG_DIR', help: 'where config.json lives (default: the user config directory)' },
  { env: 'SYNCMATCH_DATA_DIR', help: 'where the journal lives (default: the user data directory)' },
];

/** Every variable, for `--help` and the README. */
export function environmentHelp(): string {
  const rows: [string, string][] = [
    ...GLOBAL_VARIABLES.map((v): [string, string] => [v.env, v.help]),
    ...SETTING_KEYS.filter((k) => k.env).map((k): [string, string] => [k.env!, k.help]),
    ...SECRET_VALUE_VARIABLES.map((v): [string, string] => [v.env, `${v.help} itself (never stored)`]),
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, help]) => `  ${name.padEnd(width)}  ${help}`).join('\n');
}
