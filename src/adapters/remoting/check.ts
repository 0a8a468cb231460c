// `setup --check`, sync server part: reach the Entra Connect server the way a fix will, and ask
// Get-ADSyncScheduler (read-only: it starts nothing). Over ssh the answer is split into rows —
// reachable, host key pinned, signed in, the cmdlet answered — so the first failing one shows.
// Staging mode is reported: a staging server never exports, so a fix would not reach Entra ID.
import { homedir } from 'node:os';
import type { SyncServerSettings } from '../config/index.js';
import { classifyOutput } from './classify-output.js';
import { CommandSyncTrigger } from './command-transport.js';
import type { RemotingConfig, RemotingRuntime } from './config.js';
import { powershellArgv, psSingleQuoted, validateServerName } from './powershell-script.js';
import { runProcess } from './process-runner.js';
import { SCHEDULER_PROBE_SCRIPT, schedulerCheck } from './scheduler-probe.js';
import { sshOptions } from './index.js';
import { SshSyncTrigger } from './ssh-transport.js';
import { SyncTriggerError, toSyncRunResult } from './sync-result.js';
import { failedRow, row, type CheckRow } from '../../core/check-row.js';

const AREA = 'Sync server';

/** Reads the scheduler; prints one Key=Value line per fact (read by the adapter's schedulerCheck). */
export const PROBE_SCRIPT = SCHEDULER_PROBE_SCRIPT;

type Ready = Exclude<SyncServerSettings, { transport: 'none' }>;

export async function checkSync(
  sync: SyncServerSettings,
  runtime: () => Promise<RemotingRuntime>,
  home: string = homedir(),
): Promise<CheckRow[]> {
  if (sync.transport === 'none') {
    return [
      row(
        AREA,
        'Transport',
        'skipped',
        'None configured: after a fix, start the delta sync on the Connect server yourself.',
      ),
    ];
  }
  let secrets: RemotingRuntime;
  try {
    secrets = await runtime();
  } catch (error) {
    return [failedRow(AREA, 'Secrets', error)];
  }
  return sync.remoting.transport === 'ssh'
    ? checkSsh(sync, secrets, home)
    : [await checkProcess(sync, secrets)];
}

async function checkSsh(sync: Ready, runtime: RemotingRuntime, home: string): Promise<CheckRow[]> {
  const options = sshOptions(sync.remoting as Extract<RemotingConfig, { transport: 'ssh' }>, {
    ...runtime,
    homeDir: home,
  });
  const where = `${options.host}:${options.port}`;
  const pin = options.hostKeyFingerprints.length
    ? `matches the configured ${options.hostKeyFingerprints.length > 1 ? 'fingerprints' : 'fingerprint'}`
    : `found in ${options.knownHostsFile}`;
  const names = [
    `Reachable (ssh ${where})`,
    'Host key pinned',
    `Sign-in as ${options.username}`,
    'Get-ADSyncScheduler',
  ];
  const rest = (from: number, why: string): CheckRow[] =>
    names.slice(from).map((n) => row(AREA, n, 'skipped', why));
  try {
    const answer = await new SshSyncTrigger({ ...options, script: PROBE_SCRIPT }).startDeltaSync();
    return [
      row(AREA, names[0]!, 'ok', 'The ssh server answered.'),
      row(AREA, names[1]!, 'ok', `The host key ${pin}.`),
      row(AREA, names[2]!, 'ok', 'Signed in.'),
      schedulerRow(answer.output, names[3]!),
    ];
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (/^SSH_(UNREACHABLE|TIMEOUT|HANDSHAKE_FAILED)$/.test(code)) {
      return [failedRow(AREA, names[0]!, error), ...rest(1, 'The server could not be reached.')];
    }
    if (/^SSH_(HOST_KEY|KNOWN_HOSTS)/.test(code)) {
      return [
        row(AREA, names[0]!, 'ok', 'The ssh server answered.'),
        failedRow(AREA, names[1]!, error),
        ...rest(2, 'The host key did not match.'),
      ];
    }
    if (/^SSH_(AUTH_FAILED|KEY_|EXEC_REFUSED)|^SYNC_CONFIG_INVALID$/.test(code)) {
      return [
        row(AREA, names[0]!, 'ok', 'The ssh server answered.'),
        row(AREA, names[1]!, 'ok', `The host key ${pin}.`),
        failedRow(AREA, names[2]!, error),
        ...rest(3, 'Not signed in.'),
      ];
    }
    if (code === 'SSH_CLOSED')
      return [failedRow(AREA, names[0]!, error), ...rest(1, 'The connection was closed.')];
    return [
      row(AREA, names[0]!, 'ok', 'The ssh server answered.'),
      row(AREA, names[1]!, 'ok', `The host key ${pin}.`),
      row(AREA, names[2]!, 'ok', 'Signed in.'),
      probeFailure(error, names[3]!),
    ];
  }
}

/** winrm, local and command: one row, the cmdlet's answer through that transport. */
async function checkProcess(sync: Ready, runtime: RemotingRuntime): Promise<CheckRow> {
  const config = sync.remoting;
  const env = runtime.env ?? process.env;
  let argv: string[];
  let target: string;
  let name: string;
  try {
    if (config.transport === 'winrm') {
      const server = validateServerName(config.server);
      const ssl = config.useSsl ? ' -UseSSL' : '';
      const script = `$ErrorActionPreference = 'Stop'; Invoke-Command -ComputerName ${psSingleQuoted(server)}${ssl} -ErrorAction Stop -ScriptBlock { ${PROBE_SCRIPT} }`;
      argv = powershellArgv(config.powershell, script);
      target = `${server} (WinRM)`;
      name = `Get-ADSyncScheduler on ${server} (WinRM)`;
    } else if (config.transport === 'local') {
      argv = powershellArgv(config.powershell, PROBE_SCRIPT);
      target = 'this computer';
      name = 'Get-ADSyncScheduler on this computer';
    } else if (config.transport === 'command') {
      argv = new CommandSyncTrigger({
        template: config.command,
        values: config.values,
        commandTimeoutMs: config.commandTimeoutMs,
      }).argv(PROBE_SCRIPT);
      target = `the sync command "${argv[0]}"`;
      name = 'Get-ADSyncScheduler through the sync command';
    } else {
      return row(AREA, 'Transport', 'failed', `Unexpected transport ${config.transport}.`);
    }
  } catch (error) {
    return failedRow(AREA, 'Sync server settings', error);
  }
  try {
    const raw = await runProcess(argv, {
      timeoutMs: config.commandTimeoutMs,
      codePage: config.codePage,
      env,
      onTimeout: () =>
        new SyncTriggerError(
          `Get-ADSyncScheduler did not answer within ${Math.round(config.commandTimeoutMs / 1000)} s on ${target}.`,
          'SYNC_TIMEOUT',
          'Check that the Connect server is up and reachable.',
        ),
      onSpawnError: (e) =>
        new SyncTriggerError(
          `"${argv[0]}" could not be started here (${e.code ?? e.message}).`,
          'SYNC_POWERSHELL_NOT_FOUND',
          config.transport === 'command'
            ? 'Check the sync command template.'
            : 'Run this from Windows (PowerShell), or choose the ssh transport.',
        ),
    });
    const answer = toSyncRunResult(classifyOutput(raw), {
      target,
      ...(config.transport !== 'command' ? { powershell: config.powershell } : {}),
    });
    return schedulerRow(answer.output, name);
  } catch (error) {
    return probeFailure(error, name);
  }
}

function schedulerRow(output: string, name: string): CheckRow {
  const check = schedulerCheck(output);
  return row(AREA, name, check.status, check.detail, check.hint);
}

function probeFailure(error: unknown, name: string): CheckRow {
  const failure = failedRow(AREA, name, error);
  // The adapter's sentences are about the sync cmdlet; here the read-only one was asked.
  failure.detail = failure.detail.replace(
    /Start-ADSyncSyncCycle( -PolicyType Delta)?/g,
    'Get-ADSyncScheduler',
  );
  if (failure.hint)
    failure.hint = failure.hint.replace(/Start-ADSyncSyncCycle( -PolicyType Delta)?/g, 'Get-ADSyncScheduler');
  return failure;
}
