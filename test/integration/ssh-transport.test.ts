// The ssh transport against a real OpenSSH server on 127.0.0.1 (scripts/test-services/service-sshd.sh)
// whose test user has a `powershell` stand-in on PATH imitating Start-ADSyncSyncCycle.
import { copyFileSync, chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSyncTrigger, type RemotingConfigInput } from '../../src/adapters/remoting/index.js';
import { awaitCycleEnd, syncAndVerify, triggerSync } from '../../src/app/sync-and-verify.js';
import type { Diagnosis } from '../../src/core/diagnosis-types.js';
import { SYNC_SCRIPT, encodePowerShell } from '../../src/adapters/remoting/powershell-script.js';
import { runReportLines } from '../../src/core/sync-server.js';
import type { Clock, TenantReader } from '../../src/ports.js';
import { shimState } from '../adapters/remoting-shim.js';
import { service } from '../helpers/services.js';

interface SshdService {
  host: string;
  port: number;
  username: string;
  privateKeyFile: string;
  wrongKeyFile: string;
  hostKeyFingerprint: string;
  knownHostsFile: string;
  stateDir: string;
}

const sshd = service<SshdService>('sshd');
const OTHER_FINGERPRINT = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';

describe.skipIf(!sshd)('ssh transport against a real sshd', () => {
  const s = sshd as SshdService;
  const shim = shimState(s.stateDir);
  const base = {
    transport: 'ssh',
    host: s.host,
    port: s.port,
    username: s.username,
    privateKey: s.privateKeyFile,
    knownHostsFile: s.knownHostsFile,
    connectTimeoutMs: 10_000,
  } as const;
  const trigger = (overrides: Partial<Extract<RemotingConfigInput, { transport: 'ssh' }>> = {}) =>
    createSyncTrigger({ ...base, ...overrides }, { env: {} });
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (e: unknown) => e as Error & { code: string; hint?: string },
    );
    return error;
  };

  beforeEach(() => shim.reset());
  // The state directory is shared with every worktree's tests: leave it in the default mode.
  afterEach(() => shim.reset());

  it('starts a delta sync: Success, with the script sent as -EncodedCommand', async () => {
    const t = trigger();
    expect(t.name).toBe(`ssh ${s.username}@${s.host}:${s.port}`);
    const started = await t.startDeltaSync();
    expect(started).toEqual({
      result: 'Success',
      output: [
        'StagingModeEnabled=False',
        'SchedulerSuspended=False',
        'SyncCycleEnabled=True',
        'SyncCycleInProgress=False',
        'LastRunTicks=638999000000000000',
        '',
        'Result',
        '------',
        'Success',
      ].join('\n'),
      scheduler: {
        stagingModeEnabled: false,
        schedulerSuspended: false,
        syncCycleEnabled: true,
        syncCycleInProgress: false,
        nextSyncCycleStartTimeInUTC: null,
      },
      runsAfter: '638999000000000000',
    });
    expect(shim.lastScript()).toBe(SYNC_SCRIPT);
    expect(shim.lastArgv()).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-EncodedCommand',
      encodePowerShell(SYNC_SCRIPT),
    ]);
  });

  it('accepts a pinned SHA256 fingerprint instead of known_hosts, and pwsh', async () => {
    const t = trigger({
      knownHostsFile: undefined,
      hostKeyFingerprint: s.hostKeyFingerprint,
      powershell: 'pwsh',
    });
    await expect(t.startDeltaSync()).resolves.toMatchObject({ result: 'Success' });
  });

  it('accepts the key as text', async () => {
    const pem = readFileSync(s.privateKeyFile, 'utf8');
    const t = createSyncTrigger({ ...base, privateKey: undefined }, { privateKeyPem: pem, env: {} });
    await expect(t.startDeltaSync()).resolves.toMatchObject({ result: 'Success' });
  });

  it('busy, then success: the sync step waits it out (fake clock, no sleeping)', async () => {
    shim.setMode('busy-then-success:2');
    let now = 0;
    const clock: Clock = { now: () => new Date(now), sleep: async (ms) => void (now += ms) };
    const busy: number[] = [];
    const result = await triggerSync(
      { trigger: trigger(), clock, busyDeadlineMs: 120_000, busyRetryMs: 15_000 },
      (p) => p.phase === 'busy' && busy.push(p.elapsedMs),
    );
    expect(result.ok).toBe(true);
    expect(busy).toEqual([0, 15_000]);
    expect(shim.calls()).toBe(3);
    expect(now).toBe(30_000);
  });

  it('busy until the deadline is a sentence', async () => {
    shim.setMode('busy');
    let now = 0;
    const clock: Clock = { now: () => new Date(now), sleep: async (ms) => void (now += ms) };
    const result = await triggerSync(
      { trigger: trigger(), clock, busyDeadlineMs: 30_000, busyRetryMs: 15_000 },
      () => {},
    );
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.verdict.detail).toMatch(/still busy after 30 s/);
    expect(shim.calls()).toBe(3);
  });

  it('busy written as CLIXML is still busy', async () => {
    shim.setMode('clixml-busy');
    await expect(trigger().startDeltaSync()).resolves.toMatchObject({ result: 'Busy' });
  });

  it('unknown cmdlet: not the Connect server, or the ADSync module is missing', async () => {
    shim.setMode('unknown-cmdlet');
    const error = await failure(trigger().startDeltaSync());
    expect(error.code).toBe('SYNC_CMDLET_NOT_FOUND');
    expect(error.message).toBe(
      `Start-ADSyncSyncCycle is not available on ${s.username}@${s.host}:${s.port}: this is not the Entra Connect server, or the ADSync module is missing.`,
    );
  });

  it('permission denied names ADSyncOperators', async () => {
    shim.setMode('denied');
    const error = await failure(trigger().startDeltaSync());
    expect(error.code).toBe('SYNC_PERMISSION_DENIED');
    expect(error.hint).toMatch(/ADSyncOperators.*ADSyncAdmins/);
  });

  it('a non-zero exit carries the code and what PowerShell wrote', async () => {
    shim.setMode('fail:3');
    const error = await failure(trigger().startDeltaSync());
    expect(error.code).toBe('SYNC_FAILED');
    expect(error.message).toBe(
      `Start-ADSyncSyncCycle failed on ${s.username}@${s.host}:${s.port} (exit 3): Start-ADSyncSyncCycle : System.Management.Automation.CmdletInvocationException: The Microsoft Azure AD Sync service is not running.`,
    );
  });

  it('a PowerShell binary the server lacks is named', async () => {
    const error = await failure(trigger({ powershell: 'powershell-7-missing' }).startDeltaSync());
    expect(error.code).toBe('SYNC_POWERSHELL_NOT_FOUND');
    expect(error.message).toContain('"powershell-7-missing"');
  });

  it('host key mismatch (another fingerprint pinned): refused, both fingerprints shown, nothing run', async () => {
    const t = trigger({ knownHostsFile: undefined, hostKeyFingerprint: OTHER_FINGERPRINT });
    const error = await failure(t.startDeltaSync());
    expect(error.code).toBe('SSH_HOST_KEY_MISMATCH');
    expect(error.message).toContain(s.hostKeyFingerprint);
    expect(error.message).toContain(OTHER_FINGERPRINT);
    expect(error.hint).toContain(`set the host key fingerprint to ${s.hostKeyFingerprint}`);
    expect(shim.calls()).toBe(0);
  });

  it('host key changed (known_hosts holds another key for [host]:port): refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'syncmatch-ssh-'));
    const file = join(dir, 'known_hosts');
    writeFileSync(
      file,
      `[${s.host}]:${s.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n`,
    );
    const error = await failure(trigger({ knownHostsFile: file }).startDeltaSync());
    expect(error.code).toBe('SSH_HOST_KEY_MISMATCH');
    expect(error.message).toContain(s.hostKeyFingerprint);
    expect(error.message).toContain(`but ${file} expects SHA256:`);
    expect(shim.calls()).toBe(0);
  });

  it('an unknown host is never trusted silently: refused with its fingerprint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'syncmatch-ssh-'));
    const file = join(dir, 'known_hosts');
    writeFileSync(file, '');
    const error = await failure(trigger({ knownHostsFile: file }).startDeltaSync());
    expect(error.code).toBe('SSH_HOST_KEY_UNKNOWN');
    expect(error.message).toContain(`[${s.host}]:${s.port} is not in ${file}`);
    expect(error.message).toContain(s.hostKeyFingerprint);
    expect(shim.calls()).toBe(0);
  });

  it('wrong key: authentication failed, with the methods tried', async () => {
    const error = await failure(trigger({ privateKey: s.wrongKeyFile }).startDeltaSync());
    expect(error.code).toBe('SSH_AUTH_FAILED');
    expect(error.message).toBe(
      `The ssh server at ${s.host}:${s.port} refused ${s.username}: authentication failed (tried publickey (${s.wrongKeyFile})).`,
    );
    expect(shim.calls()).toBe(0);
  });

  it('a password the server does not take: authentication failed, and the password is not in the message', async () => {
    const secret = 'S3cret-do-not-print';
    const t = createSyncTrigger({ ...base, privateKey: undefined }, { password: secret, env: {} });
    const error = await failure(t.startDeltaSync());
    expect(error.code).toBe('SSH_AUTH_FAILED');
    expect(error.message).toContain('tried password');
    expect(JSON.stringify({ ...error, message: error.message, hint: error.hint })).not.toContain(secret);
  });

  it('unreachable port: a sentence', async () => {
    const port = await closedPort();
    const error = await failure(trigger({ port }).startDeltaSync());
    expect(error.code).toBe('SSH_UNREACHABLE');
    expect(error.message).toBe(`Nothing accepts ssh connections at ${s.host}:${port} (connection refused).`);
  });

  it('a command that never answers times out', async () => {
    shim.setMode('hang:20');
    const error = await failure(trigger({ commandTimeoutMs: 500 }).startDeltaSync());
    expect(error.code).toBe('SYNC_TIMEOUT');
  });

  it('cancelling closes the connection', async () => {
    shim.setMode('hang:20');
    const controller = new AbortController();
    const started = Date.now();
    const run = trigger().startDeltaSync({ signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('the command transport through the OpenSSH client reaches the same server', async () => {
    // OpenSSH refuses a key file others may read.
    const dir = mkdtempSync(join(tmpdir(), 'syncmatch-ssh-'));
    const key = join(dir, 'key');
    copyFileSync(s.privateKeyFile, key);
    chmodSync(key, 0o600);
    const t = createSyncTrigger({
      transport: 'command',
      command: [
        'ssh',
        '-i',
        key,
        '-p',
        String(s.port),
        '-o',
        'BatchMode=yes',
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        `UserKnownHostsFile=${s.knownHostsFile}`,
        '-o',
        'StrictHostKeyChecking=yes',
        '{user}@{host}',
        'powershell',
        '-NoProfile',
        '-NonInteractive',
        '-EncodedCommand',
        '{encodedCommand}',
      ],
      values: { user: s.username, host: s.host },
    });
    const started = await t.startDeltaSync();
    expect(started).toMatchObject({ result: 'Success', runsAfter: '638999000000000000' });
    expect(shim.lastScript()).toBe(SYNC_SCRIPT);
    shim.setMode('export-errors');
    await expect(t.cycleStatus!(started)).resolves.toMatchObject({
      inProgress: false,
      runs: expect.arrayContaining([expect.objectContaining({ result: 'completed-export-errors' })]),
    });
    shim.setMode('staging');
    await expect(t.startDeltaSync()).rejects.toMatchObject({ code: 'SYNC_STAGING_MODE' });
  });
});

describe.skipIf(!sshd)('Connect server states over the real sshd (every shim mode)', () => {
  const s = sshd as SshdService;
  const shim = shimState(s.stateDir);
  const where = `${s.username}@${s.host}:${s.port}`;
  const trigger = (codePage?: string) =>
    createSyncTrigger(
      {
        transport: 'ssh',
        host: s.host,
        port: s.port,
        username: s.username,
        privateKey: s.privateKeyFile,
        knownHostsFile: s.knownHostsFile,
        connectTimeoutMs: 10_000,
        ...(codePage ? { codePage } : {}),
      },
      { env: {} },
    );
  const virtualClock = () => {
    let now = 0;
    const clock: Clock = { now: () => new Date(now), sleep: async (ms) => void (now += ms) };
    return clock;
  };
  beforeEach(() => shim.reset());
  afterEach(() => shim.reset());

  it.each([
    ['busy', /Connector: contoso\.onmicrosoft\.com - AAD is busy\./],
    ['already-running', /Sync is already running\. Cannot start a new run till this one completes\./],
    ['pwsh7 busy', /AAD is busy/],
    ['pwsh7 already-running', /Sync is already running/],
    [
      'wrap already-running',
      /System\.InvalidOperationException: Sync is already running\. Cannot start a new run till this one completes\./,
    ],
    ['wrap busy', /System\.InvalidOperationException: Connector: contoso\.onmicrosoft\.com - AAD is busy\./],
  ])('%s is busy (CLIXML or ANSI decoded, wrapping tolerated)', async (mode, said) => {
    shim.setMode(mode);
    const r = await trigger().startDeltaSync();
    expect(r.result).toBe('Busy');
    expect(r.output.replace(/\n/g, '')).toMatch(said);
    // Wrapped at 60 columns, the sentence is broken across lines and still read as busy.
    if (mode.startsWith('wrap')) expect(r.output).not.toMatch(said);
    expect(r.output).not.toContain(String.fromCharCode(27)); // pwsh 7's ANSI colours
    expect(r.output).not.toMatch(/#< CLIXML|<Objs/);
    expect(r.output).toMatch(/at Microsoft\.MetadirectoryServices/);
  });

  it.each(['already-running-then-success:2', 'in-progress-then-success:2'])(
    '%s: waited out, then started',
    async (mode) => {
      shim.setMode(mode);
      const busy: string[] = [];
      const r = await triggerSync(
        { trigger: trigger(), clock: virtualClock(), busyDeadlineMs: 120_000, busyRetryMs: 15_000 },
        (p) => p.phase === 'busy' && busy.push(p.detail),
      );
      expect(r.ok).toBe(true);
      expect(busy).toHaveLength(2);
      expect(shim.calls()).toBe(3);
    },
  );

  it('staging mode: stops before triggering, with the sentence', async () => {
    shim.setMode('staging');
    const error = (await trigger()
      .startDeltaSync()
      .catch((e: unknown) => e)) as Error & { code: string; hint: string };
    expect(error).toMatchObject({
      code: 'SYNC_STAGING_MODE',
      message: `The Connect server (${where}) is in staging mode: it imports and synchronizes but never exports, so a cycle there would never reach Entra ID. No cycle was started.`,
    });
    expect(error.hint).toMatch(/active Entra Connect server/);
  });

  it('staging mode stops the whole sync step before any wait: the tenant is never read', async () => {
    shim.setMode('staging');
    let reads = 0;
    const tenant = {
      getUser: async () => {
        reads++;
        return null;
      },
    } as unknown as TenantReader;
    const before = { identity: 'jdoe', onPrem: null, target: { id: 'u1' } } as unknown as Diagnosis;
    const progress: string[] = [];
    await expect(
      syncAndVerify(
        { trigger: trigger(), tenant, clock: virtualClock(), rediagnose: async () => before },
        before,
        (p) => progress.push(p.phase),
      ),
    ).rejects.toMatchObject({ code: 'SYNC_STAGING_MODE' });
    expect(reads).toBe(0);
    expect(progress).toEqual(['triggering']);
    expect(shim.calls()).toBe(1);
  });

  it('result:Failure is what the sync reported, not a success', async () => {
    shim.setMode('result:Failure');
    await expect(trigger().startDeltaSync()).resolves.toMatchObject({
      result: 'Failed',
      output: expect.stringMatching(/Result\n------\nFailure$/),
    });
  });

  it('a suspended scheduler: stops before triggering, naming the wizard and the upgrade', async () => {
    shim.setMode('suspended');
    await expect(trigger().startDeltaSync()).rejects.toMatchObject({
      code: 'SYNC_SCHEDULER_SUSPENDED',
      message: expect.stringContaining(`The sync scheduler on the Connect server (${where}) is suspended`),
      hint: expect.stringMatching(/Close the Microsoft Entra Connect wizard/),
    });
  });

  it('a disabled scheduler is reported; the manual cycle still starts', async () => {
    shim.setMode('disabled');
    const r = await trigger().startDeltaSync();
    expect(r.result).toBe('Success');
    expect(r.scheduler?.syncCycleEnabled).toBe(false);
    expect(r.notes).toEqual([expect.stringMatching(/^The scheduler is disabled .*still started/)]);
  });

  it('COM 80070005: not in ADSyncOperators, with the group to join (the sync and the status script)', async () => {
    shim.setMode('com-denied');
    const expected = {
      code: 'SYNC_PERMISSION_DENIED',
      message: `The account may not start a sync on ${where}: the sync service refused it (COM error 80070005, access denied), so it is not a member of ADSyncOperators or ADSyncAdmins there.`,
      hint: expect.stringMatching(/ADSyncOperators \(or ADSyncAdmins\)/),
    };
    const t = trigger();
    await expect(t.startDeltaSync()).rejects.toMatchObject(expected);
    await expect(t.cycleStatus!({ result: 'Success', output: '', runsAfter: '1' })).rejects.toMatchObject(
      expected,
    );
  });

  it('ADSync only by its install path: started, with the stale PSModulePath named', async () => {
    shim.setMode('module-path');
    const r = await trigger().startDeltaSync();
    expect(r.result).toBe('Success');
    expect(r.notes?.join(' ')).toMatch(/stale PSModulePath.*Restart-Service sshd/);
  });

  it('ADSync missing by name and by path: the sshd restart is the next thing to try', async () => {
    shim.setMode('unknown-cmdlet');
    await expect(trigger().startDeltaSync()).rejects.toMatchObject({
      code: 'SYNC_CMDLET_NOT_FOUND',
      hint: expect.stringMatching(/Restart-Service sshd.*stale PSModulePath/),
    });
  });

  it('a German server (cp850): decoded, and classified by the error id PowerShell never translates', async () => {
    shim.setMode('localized');
    const error = (await trigger('850')
      .startDeltaSync()
      .catch((e: unknown) => e)) as Error & { code: string; cause: string };
    expect(error.code).toBe('SYNC_CMDLET_NOT_FOUND');
    expect(error.cause).toContain('keine gültige Moduldatei gefunden');
  });

  it('cp850 with pwsh 7 colours: a localised failure is never a success', async () => {
    shim.setMode('pwsh7 cp850 fail:2');
    await expect(trigger('850').startDeltaSync()).rejects.toMatchObject({ code: 'SYNC_FAILED' });
  });

  it('the cycle stays in progress for 2 polls, then its runs are what the sync reported', async () => {
    shim.setMode('cycle-polls:2');
    const t = trigger();
    const started = await t.startDeltaSync();
    const phases: string[] = [];
    const end = await awaitCycleEnd(
      { trigger: t, clock: virtualClock(), pollMs: 5_000 },
      started,
      60_000,
      (p) => phases.push(`${p.phase} ${p.elapsedMs}`),
    );
    expect(phases).toEqual(['cycle 0', 'cycle 5000']);
    expect(end.ended).toBe(true);
    expect(runReportLines(end.runs).map((l) => l.text)).toEqual([
      'Connect server: the cycle ended; 6 runs: 6 success.',
    ]);
    expect(shim.lastScript()).toContain('$_.StartDate.Ticks -gt 638999000000000000');
  });

  it('a cycle still running at the deadline ends the wait, said as such', async () => {
    shim.setMode('cycle-polls:100');
    const t = trigger();
    const started = await t.startDeltaSync();
    const end = await awaitCycleEnd(
      { trigger: t, clock: virtualClock(), pollMs: 5_000 },
      started,
      10_000,
      () => {},
    );
    expect(end).toEqual({ ended: false, runs: [] });
  });

  it('export errors in the last run: reported with the run that had them', async () => {
    shim.setMode('export-errors');
    const t = trigger();
    const status = await t.cycleStatus!(await t.startDeltaSync());
    expect(runReportLines(status.runs)).toEqual([
      { text: 'Connect server: the cycle ended; 6 runs: 5 success, 1 completed-export-errors.', error: true },
      { text: 'Export (contoso.onmicrosoft.com - AAD): completed-export-errors', error: true },
    ]);
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

// No sshd needed: loopback servers that are not (working) ssh servers.
describe('ssh transport against servers that do not speak ssh', () => {
  const connectTo = (port: number) =>
    createSyncTrigger(
      {
        transport: 'ssh',
        host: '127.0.0.1',
        port,
        username: 'u',
        hostKeyFingerprint: OTHER_FINGERPRINT,
        connectTimeoutMs: 400,
      },
      { password: 'x', env: {} },
    );

  it('silence: the connect timeout is a sentence', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await expect(connectTo(port).startDeltaSync()).rejects.toMatchObject({
        code: 'SSH_TIMEOUT',
        message: `The ssh server at 127.0.0.1:${port} did not answer within 0.4 s.`,
      });
    } finally {
      server.close();
    }
  });

  it('another protocol that hangs up: a sentence, not a stack trace', async () => {
    const server = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const error = await connectTo(port)
        .startDeltaSync()
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'SSH_HANDSHAKE_FAILED',
        message: `127.0.0.1:${port} hung up before the ssh handshake finished (Connection lost before handshake): is it an ssh server?`,
      });
    } finally {
      server.close();
    }
  });
});
