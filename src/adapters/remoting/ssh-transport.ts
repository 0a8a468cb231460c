// The ssh transport: OpenSSH on the Connect server (Windows Server ships it). One connection per
// trigger; the host key is pinned; the script travels as -EncodedCommand so no shell on the far
// side (cmd.exe by default on Windows, PowerShell, or bash) can read it as code.
import ssh2, { type ConnectConfig, type ServerHostKeyAlgorithm } from 'ssh2';
import type { UserFacingError } from '../../core/errors.js';
import type { SyncCycleStatus, SyncRunResult, SyncTrigger } from '../../ports.js';
import { classifyOutput, type RawOutput } from './classify-output.js';
import { OutputBuffer } from './decode-output.js';
import { HostKeyPolicy } from './host-key-policy.js';
import { POWERSHELL_FLAGS, SYNC_SCRIPT, cycleStatusScript, encodePowerShell } from './powershell-script.js';
import { loadPrivateKey, type LoadedKey } from './ssh-key.js';
import { SyncTriggerError, toCycleStatus, toSyncRunResult } from './sync-result.js';
import { commandTimeoutError, seconds } from './timeouts.js';

export interface SshTriggerOptions {
  host: string;
  port: number;
  username: string;
  /** A private key file path, or the key text itself. */
  privateKey?: string;
  passphrase?: string;
  /** From the environment or a prompt; never logged, never in a message. */
  password?: string;
  /** An ssh-agent socket (SSH_AUTH_SOCK) or "pageant" on Windows. */
  agent?: string;
  /** "SHA256:…" pins; any one may match. */
  hostKeyFingerprints: string[];
  knownHostsFile: string | null;
  /** powershell (Windows PowerShell 5.1, the ADSync module's home) or pwsh. */
  powershell: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  /** The PowerShell to run; the sync script unless a test or a site says otherwise. */
  script?: string;
  /** The server's OEM code page for its output (decode-output.ts). */
  codePage?: string;
}

const MAX_OUTPUT = 1024 * 1024;

export class SshSyncTrigger implements SyncTrigger {
  readonly name: string;
  private readonly where: string;

  constructor(private readonly options: SshTriggerOptions) {
    this.where = `${options.host}:${options.port}`;
    this.name = `ssh ${options.username}@${this.where}`;
  }

  /** The command line the server's shell receives: only the binary name and base64. */
  remoteCommand(script = this.options.script ?? SYNC_SCRIPT): string {
    return [
      quoteBinary(this.options.powershell),
      ...POWERSHELL_FLAGS,
      '-EncodedCommand',
      encodePowerShell(script),
    ].join(' ');
  }

  async startDeltaSync(options: { signal?: AbortSignal } = {}): Promise<SyncRunResult> {
    const raw = await this.run(this.remoteCommand(), options.signal);
    return toSyncRunResult(classifyOutput(raw), this.context());
  }

  async cycleStatus(
    started: SyncRunResult,
    options: { signal?: AbortSignal } = {},
  ): Promise<SyncCycleStatus> {
    const raw = await this.run(
      this.remoteCommand(cycleStatusScript(started.runsAfter ?? '0')),
      options.signal,
    );
    return toCycleStatus(raw, this.context());
  }

  private context() {
    return { target: `${this.options.username}@${this.where}`, powershell: this.options.powershell };
  }

  private async run(command: string, signal: AbortSignal | undefined): Promise<RawOutput> {
    signal?.throwIfAborted();
    const key = this.options.privateKey
      ? await loadPrivateKey(this.options.privateKey, this.options.passphrase)
      : undefined;
    const policy = await HostKeyPolicy.load({
      host: this.options.host,
      port: this.options.port,
      fingerprints: this.options.hostKeyFingerprints,
      knownHostsFile: this.options.knownHostsFile,
    });
    return this.exec(command, key, policy, signal);
  }

  private methods(key: LoadedKey | undefined): string[] {
    const methods: string[] = [];
    if (key) methods.push(`publickey (${key.label})`);
    if (this.options.agent) methods.push('publickey (ssh-agent)');
    if (this.options.password !== undefined) methods.push('password');
    return methods;
  }

  private exec(
    command: string,
    key: LoadedKey | undefined,
    policy: HostKeyPolicy,
    signal: AbortSignal | undefined,
  ): Promise<RawOutput> {
    const methods = this.methods(key);
    if (methods.length === 0) {
      return Promise.reject(
        new SyncTriggerError(
          `No way to sign in to ${this.where} is configured for ${this.options.username}.`,
          'SYNC_CONFIG_INVALID',
          'Configure a private key file (or an ssh-agent), or give a password when asked.',
        ),
      );
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    const { password } = this.options;
    const algorithms = policy.preferredAlgorithms();

    return new Promise<RawOutput>((resolve, reject) => {
      const conn = new ssh2.Client();
      let hostKeyError: UserFacingError | null = null;
      let started = false;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const stdout = new OutputBuffer(MAX_OUTPUT);
      const stderr = new OutputBuffer(MAX_OUTPUT);
      let exitCode: number | null = null;

      const finish = (settle: () => void, hard = false): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (hard) conn.destroy();
        else conn.end();
        settle();
      };
      const onAbort = (): void => finish(() => reject(signal?.reason), true);
      signal?.addEventListener('abort', onAbort, { once: true });

      conn.on('ready', () => {
        started = true;
        timer = setTimeout(
          () => finish(() => reject(commandTimeoutError(this.where, this.options.commandTimeoutMs)), true),
          this.options.commandTimeoutMs,
        );
        conn.exec(command, (error, stream) => {
          if (error) {
            finish(() =>
              reject(
                new SyncTriggerError(
                  `${this.where} accepted the sign-in but would not run a command: ${error.message}.`,
                  'SSH_EXEC_REFUSED',
                  'Check the server allows command execution for this account (no ForceCommand or subsystem-only setup).',
                ),
              ),
            );
            return;
          }
          stream.on('data', (chunk: Buffer) => stdout.push(chunk));
          stream.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
          stream.on('exit', (code: number | null) => {
            exitCode = typeof code === 'number' ? code : null;
          });
          stream.on('close', () =>
            finish(() =>
              resolve({
                exitCode,
                stdout: stdout.text(this.options.codePage),
                stderr: stderr.text(this.options.codePage),
              }),
            ),
          );
          // Nothing to send: closing stdin keeps PowerShell from waiting for input.
          stream.end();
        });
      });
      conn.on('keyboard-interactive', (_name, _instructions, _lang, prompts, answer) => {
        // Windows OpenSSH may ask for the password this way; answer only with the password.
        answer(prompts.map(() => password ?? ''));
      });
      conn.on('error', (error: Error & { level?: string; code?: string }) => {
        finish(() => reject(hostKeyError ?? this.connectionError(error, methods)), true);
      });
      conn.on('close', () => {
        finish(() =>
          reject(
            hostKeyError ??
              new SyncTriggerError(
                started
                  ? `${this.where} closed the connection before Start-ADSyncSyncCycle answered.`
                  : `${this.where} closed the connection during the ssh handshake.`,
                'SSH_CLOSED',
                'Check the OpenSSH Server service on the Connect server and its log (Event Viewer > OpenSSH).',
              ),
          ),
        );
      });

      const config: ConnectConfig = {
        host: this.options.host,
        port: this.options.port,
        username: this.options.username,
        readyTimeout: this.options.connectTimeoutMs,
        hostVerifier: (presented: Buffer) => {
          const check = policy.check(presented);
          if (!check.ok) hostKeyError = check.error;
          return check.ok;
        },
      };
      if (key) config.privateKey = key.key;
      if (key && this.options.passphrase !== undefined) config.passphrase = this.options.passphrase;
      if (this.options.agent) config.agent = this.options.agent;
      if (password !== undefined) {
        config.password = password;
        config.tryKeyboard = true;
      }
      if (algorithms.length > 0) {
        // ssh2 unshifts each prepended name: reverse to keep the known_hosts order.
        const known = algorithms as ServerHostKeyAlgorithm[];
        config.algorithms = { serverHostKey: { remove: known, prepend: [...known].reverse(), append: [] } };
      }
      try {
        conn.connect(config);
      } catch (error) {
        finish(() => reject(this.connectionError(error as Error, methods)), true);
      }
    });
  }

  private connectionError(
    error: Error & { level?: string; code?: string },
    methods: string[],
  ): SyncTriggerError {
    const where = this.where;
    const reach =
      'Check the host name and port, that the OpenSSH Server service runs on the Connect server, and that a firewall allows the port.';
    if (error.level === 'client-authentication') {
      return new SyncTriggerError(
        `The ssh server at ${where} refused ${this.options.username}: authentication failed (tried ${methods.join(', ')}).`,
        'SSH_AUTH_FAILED',
        "Check the user name and that the public key is in the account's authorized_keys on the Connect server (for administrators: C:\\ProgramData\\ssh\\administrators_authorized_keys).",
      );
    }
    if (error.level === 'client-timeout') {
      return new SyncTriggerError(
        `The ssh server at ${where} did not answer within ${seconds(this.options.connectTimeoutMs)}.`,
        'SSH_TIMEOUT',
        reach,
      );
    }
    if (error.level === 'client-dns' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
      return new SyncTriggerError(
        `The host name "${this.options.host}" does not resolve.`,
        'SSH_UNREACHABLE',
        'Check the name of the Connect server, or use its IP address.',
      );
    }
    if (error.code === 'ECONNREFUSED') {
      return new SyncTriggerError(
        `Nothing accepts ssh connections at ${where} (connection refused).`,
        'SSH_UNREACHABLE',
        reach,
      );
    }
    if (error.code && /^(EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EHOSTDOWN|ECONNRESET|EPIPE)$/.test(error.code)) {
      return new SyncTriggerError(
        `The ssh server at ${where} is unreachable (${error.code}).`,
        'SSH_UNREACHABLE',
        reach,
      );
    }
    if (
      /before handshake/i.test(error.message) ||
      error.level === 'protocol' ||
      error.level === 'handshake'
    ) {
      return new SyncTriggerError(
        `${where} hung up before the ssh handshake finished (${error.message.replace(/\.$/, '')}): is it an ssh server?`,
        'SSH_HANDSHAKE_FAILED',
        "Check the port is the OpenSSH Server's (22 unless changed) and that the server accepts this client (firewall, ListenAddress, AllowUsers).",
      );
    }
    return new SyncTriggerError(
      `The ssh connection to ${where} failed: ${error.message}.`,
      'SSH_FAILED',
      reach,
    );
  }
}

/** The PowerShell binary on the remote command line: a name or a path, quoted only for spaces. */
function quoteBinary(binary: string): string {
  if (!/^[A-Za-z0-9_.:\\/ ()-]+$/.test(binary)) {
    throw new SyncTriggerError(
      `"${binary}" is not a PowerShell binary name or path.`,
      'SYNC_CONFIG_INVALID',
      'Use powershell, pwsh, or a full path such as C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe.',
    );
  }
  return binary.includes(' ') ? `"${binary}"` : binary;
}
