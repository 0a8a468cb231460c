// local and winrm start powershell.exe on this computer: here a stand-in found on PATH decodes
// what it was given, so the tests read the exact script PowerShell would run.
import { beforeEach, describe, expect, it } from 'vitest';
import { createSyncTrigger } from '../../src/adapters/remoting/index.js';
import {
  SYNC_SCRIPT,
  encodePowerShell,
  invokeCommandScript,
  psSingleQuoted,
} from '../../src/adapters/remoting/powershell-script.js';
import { installShim } from './remoting-shim.js';

const shim = installShim(['powershell.exe', 'pwsh']);
const env = { PATH: `${shim.binDir}:${process.env.PATH ?? '/usr/bin:/bin'}` };

beforeEach(() => shim.reset());

describe('encodePowerShell', () => {
  it('is base64 of UTF-16LE', () => {
    expect(encodePowerShell('A€')).toBe(Buffer.from([0x41, 0, 0xac, 0x20]).toString('base64'));
  });
});

describe('local transport', () => {
  const local = createSyncTrigger({ transport: 'local' }, { env });

  it('runs powershell.exe -NoProfile -NonInteractive -EncodedCommand with the sync script', async () => {
    const r = await local.startDeltaSync();
    expect(r).toMatchObject({
      result: 'Success',
      scheduler: { stagingModeEnabled: false, schedulerSuspended: false, syncCycleEnabled: true },
      runsAfter: '638999000000000000',
    });
    expect(r.output).toMatch(/\nResult\n------\nSuccess$/);
    expect(shim.lastScript()).toBe(SYNC_SCRIPT);
    expect(SYNC_SCRIPT).toMatch(
      /^\$ErrorActionPreference = 'Stop'; \$ProgressPreference = 'SilentlyContinue'; try \{ Import-Module ADSync \} catch .*\$s = Get-ADSyncScheduler; .*Start-ADSyncSyncCycle -PolicyType Delta$/,
    );
    expect(shim.lastArgv()).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-EncodedCommand',
      encodePowerShell(SYNC_SCRIPT),
    ]);
  });

  it('uses the configured binary', async () => {
    await createSyncTrigger({ transport: 'local', powershell: 'pwsh' }, { env }).startDeltaSync();
    expect(shim.calls()).toBe(1);
  });

  it.each([
    ['busy', { result: 'Busy' }],
    ['result:Failure', { result: 'Failed', output: expect.stringMatching(/Result\n------\nFailure$/) }],
  ])('%s', async (mode, expected) => {
    shim.setMode(mode);
    await expect(local.startDeltaSync()).resolves.toMatchObject(expected);
  });

  it.each([
    [
      'unknown-cmdlet',
      'SYNC_CMDLET_NOT_FOUND',
      /this is not the Entra Connect server, or the ADSync module is missing/,
    ],
    ['denied', 'SYNC_PERMISSION_DENIED', /may not start a sync on this computer/],
    ['fail:4', 'SYNC_FAILED', /failed on this computer \(exit 4\): .*service is not running/],
  ])('%s is a sentence', async (mode, code, message) => {
    shim.setMode(mode);
    const error = await local.startDeltaSync().catch((e: unknown) => e);
    expect(error).toMatchObject({ code, name: 'SyncTriggerError' });
    expect((error as Error).message).toMatch(message);
  });

  it('a missing PowerShell is a sentence', async () => {
    const missing = createSyncTrigger({ transport: 'local', powershell: 'no-such-powershell.exe' }, { env });
    await expect(missing.startDeltaSync()).rejects.toMatchObject({
      code: 'SYNC_POWERSHELL_NOT_FOUND',
      message: 'PowerShell ("no-such-powershell.exe") was not found on this computer.',
    });
  });

  it('gives up after the command timeout', async () => {
    shim.setMode('hang:10');
    const slow = createSyncTrigger({ transport: 'local', commandTimeoutMs: 300 }, { env });
    const started = Date.now();
    await expect(slow.startDeltaSync()).rejects.toMatchObject({ code: 'SYNC_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops when cancelled', async () => {
    shim.setMode('hang:10');
    const controller = new AbortController();
    const run = local.startDeltaSync({ signal: controller.signal });
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    // Already cancelled: nothing starts.
    await expect(local.startDeltaSync({ signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('winrm transport', () => {
  it('wraps the sync script in Invoke-Command for the named server', async () => {
    const winrm = createSyncTrigger({ transport: 'winrm', server: 'sync01.corp.example.com' }, { env });
    expect(winrm.name).toBe('winrm sync01.corp.example.com');
    await expect(winrm.startDeltaSync()).resolves.toMatchObject({ result: 'Success' });
    expect(shim.lastScript()).toBe(
      "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'; " +
        "Invoke-Command -ComputerName 'sync01.corp.example.com' -ErrorAction Stop -ScriptBlock { " +
        `${SYNC_SCRIPT} }`,
    );
    expect(shim.lastArgv().slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-EncodedCommand']);
  });

  it('adds -UseSSL when asked', () => {
    expect(invokeCommandScript('sync01', { useSsl: true })).toContain("-ComputerName 'sync01' -UseSSL ");
  });

  it('reads the Invoke-Command table and the busy answer', async () => {
    const winrm = createSyncTrigger({ transport: 'winrm', server: 'sync01' }, { env });
    shim.setMode('busy-then-success:1');
    await expect(winrm.startDeltaSync()).resolves.toMatchObject({ result: 'Busy' });
    await expect(winrm.startDeltaSync()).resolves.toMatchObject({ result: 'Success' });
  });

  it.each([
    "sync01'; Remove-Item C:\\ -Recurse; '",
    'sync01 -Credential x',
    'sync01;calc',
    '$(calc)',
    '`calc`',
    'sync01\nx',
    '-sync01',
    '',
    'a'.repeat(254),
  ])('refuses the server name %j before anything runs', (server) => {
    expect(() => createSyncTrigger({ transport: 'winrm', server }, { env })).toThrow(
      expect.objectContaining({ code: 'SYNC_CONFIG_INVALID' }),
    );
    expect(shim.calls()).toBe(0);
  });

  it('single-quotes for PowerShell by doubling quotes', () => {
    expect(psSingleQuoted("it's")).toBe("'it''s'");
    expect(psSingleQuoted('it\u2019s')).toBe("'it\u2019\u2019s'");
  });
});

describe('configuration', () => {
  it.each([
    [{ transport: 'telnet' }, /transport/],
    [{ transport: 'ssh', host: 'x' }, /username/],
    [{ transport: 'ssh', host: 'x', username: 'u', port: 70000 }, /port/],
    [{ transport: 'local', pasword: 'typo' }, /Unrecognized key/],
  ])('refuses %j with a sentence', (config, message) => {
    expect(() => createSyncTrigger(config as never)).toThrow(message);
  });

  it('refuses a malformed host key fingerprint', () => {
    expect(() =>
      createSyncTrigger({ transport: 'ssh', host: 'x', username: 'u', hostKeyFingerprint: 'MD5:aa:bb' }),
    ).toThrow(/not an ssh host key fingerprint/);
  });
});
