// The remoting hook's settings as stored in the config file (no secrets: a password or key
// passphrase comes from the environment or a prompt at run time and is passed separately).
import { z } from 'zod';
import { DEFAULT_CODE_PAGE, codePageName } from './decode-output.js';

const timeouts = {
  /** How long Start-ADSyncSyncCycle may take to answer (it returns once the cycle is started). */
  commandTimeoutMs: z.number().int().positive().default(120_000),
  /** The Connect server's OEM code page, in which Windows PowerShell writes redirected output. */
  codePage: z
    .string()
    .refine((p) => codePageName(p) !== null, 'is not a code page iconv-lite knows (e.g. 437, 850, utf-8)')
    .default(DEFAULT_CODE_PAGE),
};

export const sshHookSchema = z
  .object({
    transport: z.literal('ssh'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(22),
    username: z.string().min(1),
    /** A private key file (~/ allowed). Unset: ssh-agent and ~/.ssh/id_ed25519, id_ecdsa, id_rsa. */
    privateKey: z.string().min(1).optional(),
    /** An ssh-agent socket, or "pageant" on Windows. Unset: SSH_AUTH_SOCK when no key is set. */
    agent: z.string().min(1).optional(),
    /** Unset (and no fingerprint): ~/.ssh/known_hosts. */
    knownHostsFile: z.string().min(1).optional(),
    /** "SHA256:…" as ssh-keygen -l prints it; one or several. */
    hostKeyFingerprint: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    /** powershell (Windows PowerShell 5.1, where the ADSync module lives) or pwsh, or a path. */
    powershell: z.string().min(1).default('powershell'),
    connectTimeoutMs: z.number().int().positive().default(15_000),
    ...timeouts,
  })
  .strict();

export const winrmHookSchema = z
  .object({
    transport: z.literal('winrm'),
    /** The Entra Connect server's host name or FQDN. */
    server: z.string().min(1),
    useSsl: z.boolean().default(false),
    powershell: z.string().min(1).default('powershell.exe'),
    ...timeouts,
  })
  .strict();

export const localHookSchema = z
  .object({
    transport: z.literal('local'),
    powershell: z.string().min(1).default('powershell.exe'),
    ...timeouts,
  })
  .strict();

export const commandHookSchema = z
  .object({
    transport: z.literal('command'),
    /** An argv list, or one command line (split quote-aware, never run through a shell). */
    command: z.union([z.string().min(1), z.array(z.string()).min(1)]),
    /** Site values for {name} placeholders, beside {script} and {encodedCommand}. */
    values: z.record(z.string()).default({}),
    ...timeouts,
  })
  .strict();

export const remotingConfigSchema = z.discriminatedUnion('transport', [
  sshHookSchema,
  winrmHookSchema,
  localHookSchema,
  commandHookSchema,
]);

/** What a config file holds (defaults may be omitted). */
export type RemotingConfigInput = z.input<typeof remotingConfigSchema>;
/** After defaults. */
export type RemotingConfig = z.output<typeof remotingConfigSchema>;
export type SshHookConfig = z.output<typeof sshHookSchema>;

/** Secrets and process details that never go into the config file. */
export interface RemotingRuntime {
  /** ssh password (from the environment or a prompt). */
  password?: string;
  /** Passphrase of the ssh private key. */
  passphrase?: string;
  /** ssh: the key text itself instead of a file (e.g. from a secret store). */
  privateKeyPem?: string;
  /** Environment for spawned programs and defaults (SSH_AUTH_SOCK); process.env unless given. */
  env?: NodeJS.ProcessEnv;
  /** Home directory for ~/.ssh defaults; os.homedir() unless given. */
  homeDir?: string;
}
