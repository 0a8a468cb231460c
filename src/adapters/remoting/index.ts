// The remoting hook: builds the SyncTrigger a configuration names.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserFacingError } from '../../core/errors.js';
import type { SyncTrigger } from '../../ports.js';
import { CommandSyncTrigger } from './command-transport.js';
import {
  remotingConfigSchema,
  type RemotingConfigInput,
  type RemotingRuntime,
  type SshHookConfig,
} from './config.js';
import { normalizeFingerprint } from './host-key-policy.js';
import { LocalSyncTrigger, WinRmSyncTrigger } from './powershell-transport.js';
import { SshSyncTrigger, type SshTriggerOptions } from './ssh-transport.js';

export { SyncTriggerError } from './sync-result.js';
export { SYNC_SCRIPT } from './powershell-script.js';
export {
  remotingConfigSchema,
  type RemotingConfig,
  type RemotingConfigInput,
  type RemotingRuntime,
} from './config.js';

/** Checks the settings and builds the trigger; nothing connects until startDeltaSync. */
export function createSyncTrigger(input: RemotingConfigInput, runtime: RemotingRuntime = {}): SyncTrigger {
  const parsed = remotingConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || 'transport';
    throw new UserFacingError(
      `The remoting settings are invalid at "${path}": ${issue?.message ?? 'unknown problem'}.`,
      'SYNC_CONFIG_INVALID',
      'Fix the remoting section of the configuration (syncmatch setup), or pass the transport on the command line.',
    );
  }
  const config = parsed.data;
  const env = runtime.env ?? process.env;
  switch (config.transport) {
    case 'ssh':
      return new SshSyncTrigger(sshOptions(config, runtime));
    case 'winrm':
      return new WinRmSyncTrigger(config.server, {
        powershell: config.powershell,
        commandTimeoutMs: config.commandTimeoutMs,
        codePage: config.codePage,
        useSsl: config.useSsl,
        env,
      });
    case 'local':
      return new LocalSyncTrigger({
        powershell: config.powershell,
        commandTimeoutMs: config.commandTimeoutMs,
        codePage: config.codePage,
        env,
      });
    case 'command':
      return new CommandSyncTrigger({
        template: config.command,
        values: config.values,
        commandTimeoutMs: config.commandTimeoutMs,
        codePage: config.codePage,
        env,
      });
  }
}

/** OpenSSH's defaults where the config is silent: known_hosts, agent, the usual key files.
 *  `setup --check` probes with the same options a fix will use. */
export function sshOptions(config: SshHookConfig, runtime: RemotingRuntime): SshTriggerOptions {
  const home = runtime.homeDir ?? homedir();
  const env = runtime.env ?? process.env;
  const fingerprints =
    config.hostKeyFingerprint === undefined
      ? []
      : (Array.isArray(config.hostKeyFingerprint)
          ? config.hostKeyFingerprint
          : [config.hostKeyFingerprint]
        ).map(normalizeFingerprint);
  const knownHostsFile =
    config.knownHostsFile ?? (fingerprints.length === 0 ? join(home, '.ssh', 'known_hosts') : null);
  const expand = (p: string) => (p.startsWith('~/') ? join(home, p.slice(2)) : p);

  let privateKey = runtime.privateKeyPem ?? (config.privateKey ? expand(config.privateKey) : undefined);
  let agent = config.agent;
  if (!privateKey && !agent && runtime.password === undefined) {
    agent = env.SSH_AUTH_SOCK || undefined;
    privateKey = ['id_ed25519', 'id_ecdsa', 'id_rsa']
      .map((f) => join(home, '.ssh', f))
      .find((f) => existsSync(f));
  }
  return {
    host: config.host,
    port: config.port,
    username: config.username,
    privateKey,
    passphrase: runtime.passphrase,
    password: runtime.password,
    agent,
    hostKeyFingerprints: fingerprints,
    knownHostsFile: knownHostsFile ? expand(knownHostsFile) : null,
    powershell: config.powershell,
    connectTimeoutMs: config.connectTimeoutMs,
    commandTimeoutMs: config.commandTimeoutMs,
    codePage: config.codePage,
  };
}
