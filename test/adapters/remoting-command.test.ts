import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CommandSyncTrigger } from '../../src/adapters/remoting/command-transport.js';
import {
  expandTemplate,
  parseTemplate,
  splitCommandLine,
} from '../../src/adapters/remoting/command-template.js';
import { createSyncTrigger } from '../../src/adapters/remoting/index.js';
import { SYNC_SCRIPT } from '../../src/adapters/remoting/powershell-script.js';
import { UserFacingError } from '../../src/core/errors.js';
import { installShim } from './remoting-shim.js';

describe('splitCommandLine', () => {
  it.each([
    ['ssh sync01 powershell', ['ssh', 'sync01', 'powershell']],
    ['  a \t b\n c  ', ['a', 'b', 'c']],
    [`a 'b c' "d e"`, ['a', 'b c', 'd e']],
    [`'it''s'`, ['its']],
    [`"say \\"hi\\"" 'no \\escape'`, ['say "hi"', 'no \\escape']],
    [
      `C:\\Windows\\System32\\OpenSSH\\ssh.exe "C:\\Program Files\\x"`,
      ['C:\\Windows\\System32\\OpenSSH\\ssh.exe', 'C:\\Program Files\\x'],
    ],
    [`a'b'"c"d`, ['abcd']],
    [`'' ""`, ['', '']],
    [`x ; y $(z) \`w\` | v`, ['x', ';', 'y', '$(z)', '`w`', '|', 'v']],
  ])('%j', (line, expected) => {
    expect(splitCommandLine(line)).toEqual(expected);
  });

  it('refuses an unclosed quote', () => {
    expect(() => splitCommandLine(`ssh "sync01`)).toThrow(UserFacingError);
    expect(() => splitCommandLine(`ssh 'sync01`)).toThrow(/unclosed single quote/);
  });
});

describe('parseTemplate', () => {
  it('accepts the built-in placeholders, site values and escaped braces', () => {
    expect(
      parseTemplate(['run', '{script}', '{encodedCommand}', '--on={server}', '{{x}}'], ['server']),
    ).toHaveLength(5);
  });

  it.each([
    [['run', '{nope}'], /\{nope\}, which is not defined/],
    [['run', '{ script}'], /stray "\{"/],
    [['run', 'a}b'], /stray "\}"/],
    [[], /empty/],
    ['   ', /empty/],
  ])('refuses %j', (template, message) => {
    expect(() => parseTemplate(template as string[])).toThrow(message);
  });

  it('expands inside an argument and keeps {{ }} literal', () => {
    expect(expandTemplate(['--cmd={script};', '{{script}}'], { script: 'X' })).toEqual([
      '--cmd=X;',
      '{script}',
    ]);
  });
});

// Values that a shell would run: each must reach the program as one argument, byte for byte.
const HOSTILE = [
  `'; touch CANARY; '`,
  `"; touch CANARY; "`,
  '$(touch CANARY)',
  '`touch CANARY`',
  'a;touch CANARY',
  'line1\ntouch CANARY\r\nline3',
  '&& touch CANARY || touch CANARY | tee CANARY > CANARY',
  '%PATH% !x! ^& ${HOME} \\"\\\\',
  ' leading and trailing ',
  'ünïcødé ✓ \u0007',
];

describe('command transport with hostile values', () => {
  let dir: string;
  let farSide: string;
  let argvFile: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'syncmatch-cmd-'));
    argvFile = join(dir, 'argv');
    farSide = join(dir, 'far-side');
    // Writes its argv NUL-separated, then answers like the cmdlet.
    writeFileSync(
      farSide,
      `#!/bin/sh\nprintf '%s\\0' "$@" > '${argvFile}'\nprintf 'Result\\r\\n------\\r\\nSuccess\\r\\n'\n`,
    );
    chmodSync(farSide, 0o755);
  });

  const receivedArgv = () => readFileSync(argvFile, 'utf8').split('\0').slice(0, -1);

  it.each([
    ['an argv template', (f: string) => [f, '--server={server}', '{server}', '{script}']],
    ['a command-line template', (f: string) => `'${f}' --server={server} "{server}" {script}`],
  ])('%s passes every value as data', async (_form, makeTemplate) => {
    for (const value of HOSTILE) {
      const trigger = new CommandSyncTrigger({
        template: makeTemplate(farSide),
        values: { server: value },
        commandTimeoutMs: 10_000,
        env: { PATH: process.env.PATH, HOME: dir },
      });
      await expect(trigger.startDeltaSync()).resolves.toMatchObject({ result: 'Success' });
      expect(receivedArgv()).toEqual([`--server=${value}`, value, SYNC_SCRIPT]);
    }
    expect(existsSync(join(dir, 'CANARY'))).toBe(false);
    expect(existsSync(join(process.cwd(), 'CANARY'))).toBe(false);
  });

  it('literal shell syntax in the template itself is data too', async () => {
    const trigger = new CommandSyncTrigger({
      template: `${farSide} ';' '$(touch CANARY)' "\`touch CANARY\`" '|' x>CANARY`,
      commandTimeoutMs: 10_000,
    });
    await trigger.startDeltaSync();
    expect(receivedArgv()).toEqual([';', '$(touch CANARY)', '`touch CANARY`', '|', 'x>CANARY']);
    expect(existsSync(join(dir, 'CANARY'))).toBe(false);
  });

  it('refuses values named like the built-in placeholders', () => {
    expect(
      () => new CommandSyncTrigger({ template: [farSide], values: { script: 'x' }, commandTimeoutMs: 1000 }),
    ).toThrow(/may not be named script/);
  });
});

describe('command transport end to end through the powershell stand-in', () => {
  it('{encodedCommand} arrives as the sync script', async () => {
    const shim = installShim(['powershell.exe']);
    const trigger = createSyncTrigger(
      {
        transport: 'command',
        command: [join(shim.binDir, 'powershell.exe'), '-NoProfile', '-EncodedCommand', '{encodedCommand}'],
      },
      { env: { PATH: process.env.PATH } },
    );
    expect(trigger.name).toBe(`command ${join(shim.binDir, 'powershell.exe')}`);
    await expect(trigger.startDeltaSync()).resolves.toMatchObject({
      result: 'Success',
      output: expect.stringMatching(/\nResult\n------\nSuccess$/),
    });
    expect(shim.lastScript()).toBe(SYNC_SCRIPT);

    shim.setMode('busy');
    await expect(trigger.startDeltaSync()).resolves.toMatchObject({ result: 'Busy' });
    shim.setMode('unknown-cmdlet');
    await expect(trigger.startDeltaSync()).rejects.toMatchObject({ code: 'SYNC_CMDLET_NOT_FOUND' });
  });

  it('a program that does not exist is a sentence', async () => {
    const trigger = createSyncTrigger({ transport: 'command', command: 'no-such-sync-program-x {script}' });
    await expect(trigger.startDeltaSync()).rejects.toMatchObject({
      code: 'SYNC_COMMAND_NOT_STARTED',
      message: 'The sync command "no-such-sync-program-x" was not found.',
    });
  });
});
