// The questions `syncmatch setup` asks, in order. Each answer is a plain string; the command turns
// the answers into a profile (and back, to prefill an existing one). Questions that do not apply
// (StartTLS for an ldaps:// server, a client secret for device code) are skipped by `when`.
// Secrets are never asked here: only where each one will come from.

export type SetupAnswers = Record<string, string>;

export interface Choice {
  value: string;
  label: string;
}

interface Base {
  id: string;
  section: 'Profile' | 'Active Directory' | 'Microsoft Entra tenant' | 'Sync server';
  label: string;
  /** One line under the question. */
  help?: string;
  /** Shown only when this returns true for the answers so far. */
  when?: (a: SetupAnswers) => boolean;
}

export type Question =
  | (Base & { kind: 'text'; optional?: boolean; initial?: (a: SetupAnswers) => string })
  | (Base & { kind: 'choice'; choices: Choice[] });

const SOURCE = (defaultVar: string, optional: boolean): Choice[] => [
  ...(optional ? [{ value: 'none', label: 'None (not needed)' }] : []),
  { value: 'prompt', label: 'Ask for it each run (typed, never shown)' },
  { value: 'env', label: `An environment variable (${defaultVar} or another)` },
  { value: 'file', label: 'A file that holds only the secret' },
];

/** A secret's source: where from, then the variable name or file path. Never the value. */
function secretSource(
  id: string,
  section: Base['section'],
  what: string,
  defaultVar: string,
  when: (a: SetupAnswers) => boolean,
  optional = false,
): Question[] {
  return [
    {
      id: `${id}Source`,
      section,
      kind: 'choice',
      label: `Where does ${what} come from?`,
      help: 'syncmatch never stores a secret: only where to find it.',
      choices: SOURCE(defaultVar, optional),
      when,
    },
    {
      id: `${id}Env`,
      section,
      kind: 'text',
      label: 'Environment variable name',
      initial: () => defaultVar,
      when: (a) => when(a) && a[`${id}Source`] === 'env',
    },
    {
      id: `${id}File`,
      section,
      kind: 'text',
      label: 'Path of the file',
      help: 'Readable only by you (chmod 600); the whole file is the secret.',
      when: (a) => when(a) && a[`${id}Source`] === 'file',
    },
  ];
}

const always = (): boolean => true;
const ssh = (a: SetupAnswers): boolean => a.transport === 'ssh';
const signIn =
  (...methods: string[]) =>
  (a: SetupAnswers): boolean =>
    methods.includes(a.signIn ?? '');

export const QUESTIONS: readonly Question[] = [
  {
    id: 'profile',
    section: 'Profile',
    kind: 'text',
    label: 'Profile name (one per customer)',
    help: 'Letters, digits, ".", "_" or "-". Use it later with --profile.',
  },
  {
    id: 'adEncryption',
    section: 'Active Directory',
    kind: 'choice',
    label: 'How is the connection to the domain controllers encrypted?',
    help: 'AD refuses a password over plain LDAP ("Transport encryption required").',
    choices: [
      { value: 'ldaps', label: 'LDAPS: ldaps://, port 636' },
      { value: 'starttls', label: 'StartTLS: ldap://, port 389, upgraded to TLS' },
    ],
  },
  {
    id: 'adUrls',
    section: 'Active Directory',
    kind: 'text',
    label: 'Domain controller(s)',
    help: 'dc01.contoso.com, or several separated by commas (tried in order).',
  },
  {
    id: 'adCaFile',
    section: 'Active Directory',
    kind: 'text',
    optional: true,
    label: "CA certificate file (PEM) that signed the DCs' certificates",
    help: 'Leave empty when this computer already trusts it. Certificates are always checked.',
  },
  {
    id: 'bindIdentity',
    section: 'Active Directory',
    kind: 'text',
    label: 'Bind account',
    help: 'svc-syncmatch@contoso.com, CONTOSO\\svc-syncmatch or its DN. Read access is enough.',
  },
  ...secretSource('bindPassword', 'Active Directory', 'the bind password', 'SYNCMATCH_LDAP_PASSWORD', always),
  {
    id: 'baseDn',
    section: 'Active Directory',
    kind: 'text',
    optional: true,
    label: 'Base DN',
    help: 'Leave empty to use the domain the DC announces (rootDSE).',
  },
  {
    id: 'anchor',
    section: 'Active Directory',
    kind: 'choice',
    label: 'sourceAnchor attribute used by Entra Connect',
    help: 'Connect 1.1.524 and later: mS-DS-ConsistencyGuid.',
    choices: [
      { value: 'mS-DS-ConsistencyGuid', label: 'mS-DS-ConsistencyGuid (the default)' },
      { value: 'objectGUID', label: 'objectGUID (older installations)' },
      { value: 'other', label: 'Another attribute…' },
    ],
  },
  {
    id: 'anchorOther',
    section: 'Active Directory',
    kind: 'text',
    label: 'Anchor attribute name',
    help: 'e.g. employeeID',
    when: (a) => a.anchor === 'other',
  },
  {
    id: 'scopeOus',
    section: 'Active Directory',
    kind: 'text',
    optional: true,
    label: 'OUs in sync scope',
    help: 'DNs separated by ";". Leave empty for the whole domain.',
  },
  {
    id: 'tenant',
    section: 'Microsoft Entra tenant',
    kind: 'text',
    label: 'Tenant id or domain',
    help: 'contoso.onmicrosoft.com, or the tenant id (a GUID).',
  },
  {
    id: 'signIn',
    section: 'Microsoft Entra tenant',
    kind: 'choice',
    label: 'How does syncmatch sign in to Microsoft Graph?',
    choices: [
      { value: 'device-code', label: 'Device code: you sign in with a code, in any browser (recommended)' },
      { value: 'browser', label: 'Browser on this computer' },
      { value: 'azure-cli', label: 'Azure CLI: whoever ran az login' },
      { value: 'client-secret', label: 'App with a client secret (unattended)' },
      { value: 'client-certificate', label: 'App with a certificate (unattended)' },
    ],
  },
  {
    id: 'clientId',
    section: 'Microsoft Entra tenant',
    kind: 'text',
    label: 'Application (client) id of the app registration',
    help: 'For device code and browser, the app allows public client flows.',
    when: (a) => a.signIn !== 'azure-cli',
  },
  ...secretSource(
    'clientSecret',
    'Microsoft Entra tenant',
    'the client secret',
    'SYNCMATCH_CLIENT_SECRET',
    signIn('client-secret'),
  ),
  {
    id: 'certificateFile',
    section: 'Microsoft Entra tenant',
    kind: 'text',
    label: 'Certificate file (PEM with the private key)',
    when: signIn('client-certificate'),
  },
  ...secretSource(
    'certificatePassword',
    'Microsoft Entra tenant',
    "the certificate key's password",
    'SYNCMATCH_CLIENT_CERTIFICATE_PASSWORD',
    signIn('client-certificate'),
    true,
  ),
  {
    id: 'transport',
    section: 'Sync server',
    kind: 'choice',
    label: 'How does syncmatch start a sync on the Entra Connect server?',
    choices: [
      { value: 'ssh', label: 'ssh (OpenSSH on the Connect server)' },
      { value: 'winrm', label: 'WinRM (Invoke-Command from this Windows computer)' },
      { value: 'local', label: 'Locally (syncmatch runs on the Connect server)' },
      { value: 'command', label: 'My own command' },
      { value: 'none', label: 'It does not: I start the sync myself' },
    ],
  },
  { id: 'sshHost', section: 'Sync server', kind: 'text', label: 'Connect server (host name)', when: ssh },
  { id: 'sshPort', section: 'Sync server', kind: 'text', label: 'ssh port', initial: () => '22', when: ssh },
  {
    id: 'sshUser',
    section: 'Sync server',
    kind: 'text',
    label: 'ssh user',
    help: 'A member of ADSyncOperators on the Connect server.',
    when: ssh,
  },
  {
    id: 'sshKey',
    section: 'Sync server',
    kind: 'text',
    optional: true,
    label: 'Private key file',
    help: 'Empty: the ssh-agent and ~/.ssh/id_*.',
    when: ssh,
  },
  {
    id: 'sshHostKey',
    section: 'Sync server',
    kind: 'text',
    optional: true,
    label: "The server's host key: SHA256:… fingerprint or a known_hosts file",
    help: 'On the server: ssh-keygen -lf C:\\ProgramData\\ssh\\ssh_host_ed25519_key.pub. Empty: ~/.ssh/known_hosts.',
    when: ssh,
  },
  ...secretSource('sshPassword', 'Sync server', 'the ssh password', 'SYNCMATCH_SSH_PASSWORD', ssh, true),
  {
    id: 'winrmServer',
    section: 'Sync server',
    kind: 'text',
    label: 'Connect server (host name)',
    when: (a) => a.transport === 'winrm',
  },
  {
    id: 'winrmSsl',
    section: 'Sync server',
    kind: 'choice',
    label: 'WinRM over HTTPS (-UseSSL)?',
    choices: [
      { value: 'no', label: 'No (HTTP, Kerberos-encrypted)' },
      { value: 'yes', label: 'Yes' },
    ],
    when: (a) => a.transport === 'winrm',
  },
  {
    id: 'syncCommand',
    section: 'Sync server',
    kind: 'text',
    label: 'Command',
    help: '{encodedCommand} or {script} stands for the PowerShell to run; no shell is involved.',
    when: (a) => a.transport === 'command',
  },
];

/** The questions that apply to these answers, in order. */
export function visibleQuestions(questions: readonly Question[], answers: SetupAnswers): Question[] {
  return questions.filter((q) => !q.when || q.when(answers));
}

/** The text shown for an answer (a choice's label, or the text). */
export function answerLabel(question: Question, value: string | undefined): string {
  if (question.kind === 'choice')
    return question.choices.find((c) => c.value === value)?.label ?? value ?? '';
  return value ?? '';
}
