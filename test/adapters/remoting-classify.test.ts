import { describe, expect, it } from 'vitest';
import { classifyOutput, parseResult } from '../../src/adapters/remoting/classify-output.js';
import { decodeClixml } from '../../src/adapters/remoting/clixml.js';
import { SyncTriggerError, toSyncRunResult } from '../../src/adapters/remoting/sync-result.js';

const crlf = (...lines: string[]) => lines.join('\r\n');
const SUCCESS_TABLE = crlf('', 'Result', '------', 'Success', '', '');
const BUSY =
  'Start-ADSyncSyncCycle : System.InvalidOperationException: Connector: contoso.onmicrosoft.com - AAD is busy.';

describe('parseResult', () => {
  it('reads the default table, CRLF or LF', () => {
    expect(parseResult(SUCCESS_TABLE)).toBe('Success');
    expect(parseResult('Result\n------\nFailure\n')).toBe('Failure');
  });

  it('reads the Result column among the columns Invoke-Command adds', () => {
    const table = crlf(
      '',
      'Result  PSComputerName RunspaceId',
      '------  -------------- ----------',
      'Success sync01         5b2d0c1e-7a8c-4b0e-9d6a-2f1c3e4d5a6b',
      '',
    );
    expect(parseResult(table)).toBe('Success');
  });

  it('reads the list form', () => {
    expect(parseResult(crlf('', 'Result : Success', ''))).toBe('Success');
  });

  it('finds no Result in other text', () => {
    expect(parseResult('Results are in\n---\n')).toBeNull();
    expect(parseResult('')).toBeNull();
  });
});

describe('classifyOutput', () => {
  it('success: exit 0 and Result Success', () => {
    const answer = classifyOutput({ exitCode: 0, stdout: SUCCESS_TABLE, stderr: '' });
    expect(answer.kind).toBe('success');
    expect(answer.output).toBe('Result\n------\nSuccess');
  });

  it('busy on stderr with exit 1 is busy, not a failure', () => {
    const answer = classifyOutput({ exitCode: 1, stdout: '', stderr: crlf(BUSY, 'At line:1 char:1', '') });
    expect(answer.kind).toBe('busy');
    expect(answer.detail).toBe(BUSY);
  });

  it('busy inside CLIXML on stderr', () => {
    const stderr = `#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj S="progress" RefId="0"><MS><PR N="Record"><AV>Preparing modules for first use.</AV></PR></MS></Obj><S S="Error">${BUSY}_x000D__x000A_</S></Objs>`;
    const answer = classifyOutput({ exitCode: 1, stdout: '', stderr });
    expect(answer.kind).toBe('busy');
    expect(answer.output).toBe(BUSY);
    expect(answer.output).not.toContain('Preparing modules');
  });

  it('a Result other than Success is "not-success" (what the sync reported)', () => {
    expect(
      classifyOutput({ exitCode: 0, stdout: crlf('Result', '------', 'Failure'), stderr: '' }).kind,
    ).toBe('not-success');
    expect(classifyOutput({ exitCode: 0, stdout: '', stderr: '' }).kind).toBe('not-success');
  });

  it.each([
    [
      'missing module',
      "Import-Module : The specified module 'ADSync' was not loaded because no valid module file was found in any module directory.",
    ],
    [
      'unknown cmdlet',
      "Start-ADSyncSyncCycle : The term 'Start-ADSyncSyncCycle' is not recognized as the name of a cmdlet, function, script file, or operable program.",
    ],
  ])('cmdlet-not-found: %s', (_name, stderr) => {
    const answer = classifyOutput({ exitCode: 1, stdout: '', stderr });
    expect(answer.kind).toBe('cmdlet-not-found');
    expect(answer.detail).toBe(stderr);
  });

  it.each([
    ['bash', 127, 'bash: line 1: powershell: command not found'],
    [
      'cmd.exe',
      1,
      "'powershell' is not recognized as an internal or external command,\r\noperable program or batch file.",
    ],
    ['PowerShell as the default shell', 1, "The term 'pwsh' is not recognized as a name of a cmdlet"],
  ])('powershell-not-found: %s', (_shell, exitCode, stderr) => {
    expect(classifyOutput({ exitCode, stdout: '', stderr }).kind).toBe('powershell-not-found');
  });

  it('permission denied', () => {
    const stderr = 'Start-ADSyncSyncCycle : System.UnauthorizedAccessException: Access is denied.';
    expect(classifyOutput({ exitCode: 1, stdout: '', stderr }).kind).toBe('permission-denied');
  });

  it('a WinRM connection failure is a remoting failure, even when it says "Access is denied"', () => {
    const stderr =
      '[sync01] Connecting to remote server sync01 failed with the following error message : Access is denied. For more information, see the about_Remote_Troubleshooting Help topic.';
    expect(classifyOutput({ exitCode: 1, stdout: '', stderr }).kind).toBe('remoting-failed');
  });

  it('anything else with a non-zero exit is a failure, with the first line as detail', () => {
    const answer = classifyOutput({
      exitCode: 3,
      stdout: '',
      stderr: 'Something broke\r\nAt line:1 char:1\r\n',
    });
    expect(answer).toMatchObject({ kind: 'failed', exitCode: 3, detail: 'Something broke' });
  });

  it('a Success table with a non-zero exit is not a success', () => {
    expect(classifyOutput({ exitCode: 1, stdout: SUCCESS_TABLE, stderr: 'later error' }).kind).toBe('failed');
  });
});

describe('decodeClixml', () => {
  it('leaves plain text alone', () => {
    expect(decodeClixml('plain & <simple>')).toBe('plain & <simple>');
  });

  it('decodes XML entities before PowerShell escapes, once', () => {
    const text =
      '#< CLIXML\n<Objs><S S="Error">a &amp;lt; b_x000D__x000A_c _x005F_x0041_ &lt;d&gt;</S></Objs>';
    expect(decodeClixml(text)).toBe('a &lt; b\r\nc _x0041_ <d>');
  });
});

describe('toSyncRunResult', () => {
  const ctx = { target: 'sync01', powershell: 'powershell' };
  const result = (exitCode: number, stdout: string, stderr = '') =>
    toSyncRunResult(classifyOutput({ exitCode, stdout, stderr }), ctx);
  const failure = (exitCode: number, stderr: string): SyncTriggerError => {
    try {
      result(exitCode, '', stderr);
    } catch (error) {
      return error as SyncTriggerError;
    }
    throw new Error('expected a failure');
  };

  it('Success and Busy are results, not failures', () => {
    expect(result(0, SUCCESS_TABLE)).toEqual({ result: 'Success', output: 'Result\n------\nSuccess' });
    expect(result(1, '', BUSY).result).toBe('Busy');
    expect(result(0, 'Result\n------\nFailure').result).toBe('Failed');
  });

  it('cmdlet not found says which server and what is missing', () => {
    const error = failure(1, "Import-Module : The specified module 'ADSync' was not loaded");
    expect(error).toBeInstanceOf(SyncTriggerError);
    expect(error.code).toBe('SYNC_CMDLET_NOT_FOUND');
    expect(error.message).toBe(
      'Start-ADSyncSyncCycle is not available on sync01: this is not the Entra Connect server, or the ADSync module is missing.',
    );
    expect(error.hint).toBeTruthy();
  });

  it('permission denied names the groups', () => {
    const error = failure(1, 'System.UnauthorizedAccessException: Access is denied.');
    expect(error.code).toBe('SYNC_PERMISSION_DENIED');
    expect(error.hint).toContain('ADSyncOperators');
    expect(error.hint).toContain('ADSyncAdmins');
  });

  it('other failures carry the exit code, the first line and the whole output', () => {
    const error = failure(5, 'The service is not running.\r\nAt line:1 char:1');
    expect(error.code).toBe('SYNC_FAILED');
    expect(error.message).toBe(
      'Start-ADSyncSyncCycle failed on sync01 (exit 5): The service is not running.',
    );
    expect(error.output).toBe('The service is not running.\nAt line:1 char:1');
  });

  it('PowerShell missing names the binary', () => {
    const error = failure(127, 'bash: powershell: command not found');
    expect(error.code).toBe('SYNC_POWERSHELL_NOT_FOUND');
    expect(error.message).toBe('PowerShell ("powershell") was not found on sync01.');
  });
});
