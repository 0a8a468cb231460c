// The Connect server's states through the command transport (the powershell stand-in as the site's
// program), and the decoding underneath: code pages, pwsh 7's colours, wrapped lines.
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { classifyOutput } from '../../src/adapters/remoting/classify-output.js';
import { codePageName, decodeBytes } from '../../src/adapters/remoting/decode-output.js';
import { createSyncTrigger } from '../../src/adapters/remoting/index.js';
import { schedulerCheck } from '../../src/adapters/remoting/scheduler-probe.js';
import { syncAndVerify } from '../../src/app/sync-and-verify.js';
import type { Diagnosis } from '../../src/core/diagnosis-types.js';
import type { Clock, TenantReader } from '../../src/ports.js';
import { installShim } from './remoting-shim.js';

const shim = installShim(['powershell.exe']);
afterAll(() => rmSync(shim.root, { recursive: true, force: true }));
beforeEach(() => shim.reset());

const command = (codePage?: string) =>
  createSyncTrigger(
    {
      transport: 'command',
      command: [join(shim.binDir, 'powershell.exe'), '-NoProfile', '-EncodedCommand', '{encodedCommand}'],
      ...(codePage ? { codePage } : {}),
    },
    { env: { PATH: process.env.PATH } },
  );
const target = `the sync command "${join(shim.binDir, 'powershell.exe')}"`;

describe('Connect server states through the command transport', () => {
  it.each([
    ['staging', 'SYNC_STAGING_MODE', /^The Connect server \(the sync command ".*"\) is in staging mode/],
    [
      'suspended',
      'SYNC_SCHEDULER_SUSPENDED',
      /is suspended \(an upgrade is running or the Entra Connect wizard is open there\)/,
    ],
    ['com-denied', 'SYNC_PERMISSION_DENIED', /COM error 80070005.*ADSyncOperators/],
    ['unknown-cmdlet', 'SYNC_CMDLET_NOT_FOUND', /this is not the Entra Connect server/],
  ])('%s: a sentence, nothing started', async (mode, code, message) => {
    shim.setMode(mode);
    const error = await command()
      .startDeltaSync()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(shim.calls()).toBe(1); // one answer, no retry
  });

  it.each(['busy', 'already-running', 'pwsh7 already-running', 'in-progress-then-success:5'])(
    '%s is busy',
    async (mode) => {
      shim.setMode(mode);
      await expect(command().startDeltaSync()).resolves.toMatchObject({ result: 'Busy' });
    },
  );

  it('a staging server stops the whole sync step before any wait, and the tenant is never read', async () => {
    shim.setMode('staging');
    let reads = 0;
    const tenant = {
      getUser: async () => {
        reads++;
        return null;
      },
    } as unknown as TenantReader;
    const clock: Clock = { now: () => new Date(0), sleep: async () => {} };
    const before = { identity: 'jdoe', onPrem: null, target: { id: 'u1' } } as unknown as Diagnosis;
    await expect(
      syncAndVerify({ trigger: command(), tenant, clock, rediagnose: async () => before }, before),
    ).rejects.toMatchObject({ code: 'SYNC_STAGING_MODE', message: expect.stringContaining(target) });
    expect(reads).toBe(0);
  });

  it('the cycle status: in progress, then the runs since the trigger with export errors', async () => {
    const t = command();
    shim.setMode('cycle-polls:1');
    const started = await t.startDeltaSync();
    await expect(t.cycleStatus!(started)).resolves.toEqual({ inProgress: true, runs: [] });
    shim.setMode('export-errors');
    const status = await t.cycleStatus!(started);
    expect(status.inProgress).toBe(false);
    expect(status.runs.map((r) => `${r.runProfile}|${r.connector}|${r.result}`)).toEqual([
      'Delta Import|corp.contoso.com|success',
      'Delta Import|contoso.onmicrosoft.com - AAD|success',
      'Delta Synchronization|corp.contoso.com|success',
      'Delta Synchronization|contoso.onmicrosoft.com - AAD|success',
      'Export|contoso.onmicrosoft.com - AAD|completed-export-errors',
      'Export|corp.contoso.com|success',
    ]);
    expect(shim.lastScript()).toContain('Where-Object { $_.StartDate.Ticks -gt 638999000000000000 }');
  });

  it('a German server in cp850 is decoded with the configured code page', async () => {
    shim.setMode('localized');
    const error = (await command('850')
      .startDeltaSync()
      .catch((e: unknown) => e)) as { code: string; cause: string };
    expect(error.code).toBe('SYNC_CMDLET_NOT_FOUND');
    expect(error.cause).toContain('keine gültige Moduldatei');
  });
});

describe('the cycle status over WinRM and locally (powershell.exe on PATH)', () => {
  const env = { PATH: `${shim.binDir}:${process.env.PATH ?? '/usr/bin:/bin'}` };

  it('WinRM wraps the status script in Invoke-Command and reads its runs', async () => {
    const winrm = createSyncTrigger({ transport: 'winrm', server: 'sync01' }, { env });
    shim.setMode('export-errors');
    const started = await winrm.startDeltaSync();
    const status = await winrm.cycleStatus!(started);
    expect(shim.lastScript()).toMatch(
      /^\$ErrorActionPreference = 'Stop'; .*Invoke-Command -ComputerName 'sync01' -ErrorAction Stop -ScriptBlock \{ .*'SyncCycleInProgress=' \+ \$s\.SyncCycleInProgress.*Get-ADSyncRunProfileResult/,
    );
    expect(status.runs.filter((r) => r.result !== 'success')).toEqual([
      expect.objectContaining({ runProfile: 'Export', result: 'completed-export-errors' }),
    ]);
  });

  it('locally: in progress while the server says so', async () => {
    const local = createSyncTrigger({ transport: 'local' }, { env });
    shim.setMode('cycle-polls:1');
    const started = await local.startDeltaSync();
    await expect(local.cycleStatus!(started)).resolves.toEqual({ inProgress: true, runs: [] });
    await expect(local.cycleStatus!(started)).resolves.toMatchObject({ inProgress: false });
  });
});

describe('decoding what the server wrote', () => {
  it('reads the OEM code page the profile names; 437 by default', () => {
    // 0x9B is "¢" in 437 and "ø" in 850; 0x81 is "ü" in both.
    const bytes = Buffer.from([0x81, 0x20, 0x9b]);
    expect(decodeBytes(bytes)).toBe('ü ¢');
    expect(decodeBytes(bytes, '850')).toBe('ü ø');
    expect(decodeBytes(bytes, 'cp850')).toBe('ü ø');
  });

  it('reads valid UTF-8 as UTF-8 (pwsh 7, a re-encoding site command), and strips ANSI colours', () => {
    expect(decodeBytes(Buffer.from('\u001b[31;1mgültig ✓\u001b[0m', 'utf8'))).toBe('gültig ✓');
    expect(decodeBytes(iconv.encode('gültig', 'cp850'), '850')).toBe('gültig');
  });

  it('knows code page names as technicians write them, and refuses others in the settings', () => {
    expect(codePageName('437')).toBe('cp437');
    expect(codePageName('UTF-8')).toBe('utf8');
    expect(codePageName('65001')).toBe('utf8');
    expect(codePageName('klingon')).toBeNull();
    expect(() => createSyncTrigger({ transport: 'local', codePage: 'klingon' })).toThrow(
      /codePage.*code page/,
    );
  });

  it('a busy text wrapped in the middle of a word, or with extra spaces, is still busy', () => {
    const stderr =
      'Start-ADSyncSyncCycle : System.InvalidOperationException: Sync is already ru\r\nnning. Cannot start a new run till this one comp\r\nletes.\r\n';
    expect(classifyOutput({ exitCode: 1, stdout: '', stderr }).kind).toBe('busy');
    const spaced = 'Connector:   contoso.onmicrosoft.com -  AAD   is\r\n   busy.';
    expect(classifyOutput({ exitCode: 1, stdout: '', stderr: spaced }).kind).toBe('busy');
  });

  it('a localised failure with exit 0 and no Result is never a success', () => {
    const answer = classifyOutput({
      exitCode: 0,
      stdout: 'StagingModeEnabled=False\r\nSyncCycleInProgress=False\r\nLastRunTicks=1\r\n',
      stderr: 'Der Synchronisierungsdienst wird nicht ausgeführt.',
    });
    expect(answer.kind).toBe('not-success');
    expect(answer.detail).toBe('Der Synchronisierungsdienst wird nicht ausgeführt.');
  });

  it("setup --check's scheduler read: suspended and staging are warnings, disabled is said", () => {
    const facts = (extra: string) =>
      `StagingModeEnabled=False\r\nSchedulerSuspended=False\r\nSyncCycleEnabled=True\r\nSyncCycleInProgress=False\r\n${extra}`;
    expect(schedulerCheck(facts('StagingModeEnabled=True\r\n')).status).toBe('warning');
    expect(schedulerCheck(facts('SchedulerSuspended=True\r\n'))).toMatchObject({
      status: 'warning',
      detail: expect.stringContaining('SUSPENDED'),
    });
    expect(schedulerCheck(facts('SyncCycleEnabled=False\r\n'))).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/scheduler disabled.*syncmatch still starts its manual cycle/),
    });
    expect(schedulerCheck('The term ... is not recognized').status).toBe('failed');
  });
});
