import Conf from 'conf';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/adapters/config/schema.js';
import {
  SecretRedactor,
  parseSecretRef,
  promptSecret,
  resolveSecret,
  type PromptStreams,
} from '../../src/adapters/secrets/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sm-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('secret references', () => {
  it('reads env:, file: and prompt, and nothing else', () => {
    expect(parseSecretRef('env:SYNCMATCH_LDAP_PASSWORD', 'k')).toEqual({
      kind: 'env',
      name: 'SYNCMATCH_LDAP_PASSWORD',
    });
    expect(parseSecretRef('file:/run/secrets/ldap', 'k')).toEqual({
      kind: 'file',
      path: '/run/secrets/ldap',
    });
    expect(parseSecretRef('prompt', 'k')).toEqual({ kind: 'prompt' });
    expect(() => parseSecretRef('Pa55word!', 'ad.passwordFrom')).toThrow(
      /ad\.passwordFrom must say where the secret comes from/,
    );
  });
});

describe('resolving a secret', () => {
  it('from the environment, registering the value with the redactor', async () => {
    const redactor = new SecretRedactor();
    const value = await resolveSecret(
      { kind: 'env', name: 'PW' },
      'The AD bind password',
      'ad.passwordFrom',
      {
        env: { PW: 'Env-Pa55word' },
        redactor,
      },
    );
    expect(value).toBe('Env-Pa55word');
    expect(redactor.redact('bind failed for Env-Pa55word')).toBe('bind failed for [redacted]');
  });

  it('names the unset variable and the setting to change', async () => {
    const attempt = resolveSecret({ kind: 'env', name: 'PW' }, 'The AD bind password', 'ad.passwordFrom', {
      env: {},
    });
    await expect(attempt).rejects.toMatchObject({
      message: 'The AD bind password comes from the environment variable PW, which is not set.',
      hint: 'Set PW for this run, or change ad.passwordFrom (syncmatch setup).',
    });
  });

  it('from a file, without its trailing newline', async () => {
    const file = join(dir, 'pw');
    await writeFile(file, 'File-Pa55word\n', { mode: 0o600 });
    expect(
      await resolveSecret({ kind: 'file', path: file }, 'x', 'k', {
        env: {},
        redactor: new SecretRedactor(),
      }),
    ).toBe('File-Pa55word');
    await expect(
      resolveSecret({ kind: 'file', path: join(dir, 'none') }, 'The secret', 'k', { env: {} }),
    ).rejects.toThrow(/could not be read \(ENOENT\)/);
  });

  it('refuses an empty secret (an empty LDAP password is an anonymous bind)', async () => {
    await expect(
      resolveSecret({ kind: 'prompt' }, 'The AD bind password', 'k', { env: {}, prompt: async () => '' }),
    ).rejects.toThrow(/was left empty/);
  });
});

function fakeTty(): {
  streams: PromptStreams;
  input: PassThrough;
  output: () => string;
  raw: (boolean | string)[];
} {
  const input = new PassThrough() as PassThrough & {
    isTTY?: boolean;
    setRawMode?: (r: boolean) => void;
    ref?: () => void;
    unref?: () => void;
  };
  const raw: (boolean | string)[] = [];
  input.isTTY = true;
  input.setRawMode = (r: boolean) => void raw.push(r);
  // Ink leaves stdin unref'd: the prompt must hold the process open while it waits.
  input.ref = () => void raw.push('ref');
  input.unref = () => void raw.push('unref');
  const out = new PassThrough();
  let written = '';
  out.on('data', (c: Buffer) => (written += c.toString()));
  return { streams: { input, output: out }, input, output: () => written, raw };
}

describe('the masked prompt', () => {
  it('on a terminal: echoes one * per character, handles backspace, never echoes the secret', async () => {
    const tty = fakeTty();
    const answer = promptSecret('The AD bind password', tty.streams);
    tty.input.write('Pa55wx');
    tty.input.write('\u007f');
    tty.input.write('ord!\r');
    expect(await answer).toBe('Pa55word!');
    expect(tty.output()).toBe('The AD bind password: ******\b \b****\n');
    expect(tty.output()).not.toContain('Pa55');
    expect(tty.raw).toEqual([true, 'ref', false, 'unref']);
  });

  it('on a terminal: Ctrl-C cancels', async () => {
    const tty = fakeTty();
    const answer = promptSecret('Secret', tty.streams);
    tty.input.write('ab\u0003');
    await expect(answer).rejects.toMatchObject({ name: 'CancelledError' });
    expect(tty.raw).toEqual([true, 'ref', false, 'unref']);
  });

  it('from piped stdin: each prompt takes the next line, nothing is echoed', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (c: Buffer) => (written += c.toString()));
    input.end('First-Secret\r\nSecond-Secret\n');
    expect(await promptSecret('One', { input, output })).toBe('First-Secret');
    expect(await promptSecret('Two', { input, output })).toBe('Second-Secret');
    await expect(promptSecret('The client secret', { input, output })).rejects.toMatchObject({
      code: 'SECRET_NO_TERMINAL',
      message: 'The client secret must be typed, but there is no terminal and nothing more on stdin.',
    });
    expect(written).toBe('');
  });
});

describe('the redactor', () => {
  it('removes known secrets, their URL and JSON encodings, and token shapes', () => {
    const r = new SecretRedactor();
    r.add('p@ss "word"/1');
    r.add('abc'); // too short to scrub safely
    expect(r.redact('a p@ss "word"/1 b')).toBe('a [redacted] b');
    expect(r.redact('?pw=p%40ss%20%22word%22%2F1')).toBe('?pw=[redacted]');
    expect(r.redact('{"pw":"p@ss \\"word\\"/1"}')).toBe('{"pw":"[redacted]"}');
    expect(r.redact('Authorization: Bearer eyJhbGciOi.eyJzdWIiOiJ4In0.c2ln')).toBe(
      'Authorization: Bearer [redacted]',
    );
    expect(r.redact('client_secret=xyz&grant_type=client_credentials')).toBe(
      'client_secret=[redacted]&grant_type=client_credentials',
    );
    expect(r.redact('abc')).toBe('abc');
    expect(r.redactValue({ list: ['p@ss "word"/1'] })).toEqual({ list: ['[redacted]'] });
  });
});

describe("conf's JSON Schema (generated from the same definition)", () => {
  it('makes conf itself refuse a file with a secret or a bad URL', async () => {
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({ version: 1, profiles: { c: { ad: { urls: ['https://x'], password: 'Hunter2' } } } }),
    );
    const { properties, root } = configJsonSchema();
    const open = (): unknown =>
      new Conf({ cwd: dir, schema: properties as never, rootSchema: root as never });
    expect(open).toThrow(/`profiles\/c\/ad` must NOT have additional properties/);
    expect(open).toThrow(/`profiles\/c\/ad\/urls\/0` must match pattern/);
  });
});
