// The secrets test: setup and setup --check run with real secrets (the Samba bind password
// and an app's client secret), given through environment variables and through the masked-prompt
// path (piped stdin); then every file the tool wrote (its whole HOME, XDG folders, data dir and
// TMPDIR) and everything it printed is searched for each secret, in UTF-8, UTF-16LE and base64.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../helpers/services.js';
import { filesUnder, runCli, startWorld, type CliRun, type SambaService, type World } from './setup-world.js';

const samba = service<SambaService>('samba');

function forms(secret: string): Buffer[] {
  return [
    Buffer.from(secret, 'utf8'),
    Buffer.from(secret, 'utf16le'),
    Buffer.from(Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''), 'utf8'),
    Buffer.from(encodeURIComponent(secret), 'utf8'),
  ];
}

async function expectNowhere(world: World, runs: CliRun[], secrets: string[]): Promise<number> {
  const files = await filesUnder(world.root);
  for (const secret of secrets) {
    for (const form of forms(secret)) {
      for (const file of files) expect(file.bytes.includes(form), `${file.path} holds a secret`).toBe(false);
      for (const run of runs) {
        expect(Buffer.from(run.stdout).includes(form), 'stdout holds a secret').toBe(false);
        expect(Buffer.from(run.stderr).includes(form), 'stderr holds a secret').toBe(false);
      }
    }
  }
  return files.length;
}

describe.skipIf(!samba)('no secret is written or shown', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => world?.close());

  const profileFlags = (s: SambaService, extra: string[]) => [
    '--ad-url',
    s.url,
    '--ad-ca-file',
    s.caFile,
    '--bind',
    s.bindUpn,
    ...world.tenantFlags,
    '--transport',
    'none',
    ...extra,
  ];

  it('secrets from environment variables: setup writes references only; the check uses the secrets', async () => {
    const s = samba!;
    const env = {
      ...world.env,
      SYNCMATCH_LDAP_PASSWORD: s.password,
      SYNCMATCH_CLIENT_SECRET: world.clientSecret,
    };
    const runs = [
      await runCli(['setup', '--profile', 'env', ...profileFlags(s, ['--check'])], env),
      await runCli(['setup', '--check', '--profile', 'env', '--json'], env),
      await runCli(['setup', '--list'], env),
    ];
    // The secrets were used: the bind and the sign-in worked.
    expect(runs[0]!.stdout).toMatch(/✓ ok +AD +Bind as/);
    expect(runs[1]!.stdout).toContain('"check": "Sign-in (client-secret)",\n      "status": "ok"');
    const files = await filesUnder(world.root);
    const config = files.find((f) => f.path.endsWith('syncmatch-nodejs/config.json'));
    expect(config, 'the config file').toBeDefined();
    expect(JSON.parse(config!.bytes.toString()).profiles.env.ad).not.toHaveProperty('passwordFrom');
    expect(await expectNowhere(world, runs, [s.password, world.clientSecret])).toBeGreaterThan(0);
  });

  it('the search itself finds a secret planted in a file (so a pass means something)', async () => {
    const { writeFile, rm } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const planted = join(world.root, 'home', 'planted.txt');
    await writeFile(planted, Buffer.from(`x${world.clientSecret}y`, 'utf16le'));
    await expect(expectNowhere(world, [], [world.clientSecret])).rejects.toThrow(
      /planted\.txt holds a secret/,
    );
    await rm(planted);
  });

  it('secrets typed at the masked prompt (stdin piped): the config says "prompt", nothing else', async () => {
    const s = samba!;
    const runs = [
      await runCli(
        [
          'setup',
          '--profile',
          'typed',
          ...profileFlags(s, ['--bind-password-from', 'prompt', '--client-secret-from', 'prompt', '--check']),
        ],
        world.env,
        `${s.password}\n${world.clientSecret}\n`,
      ),
    ];
    // Both prompts took their line of stdin (bind first, then the sign-in): both worked.
    expect(runs[0]!.stdout).toMatch(/✓ ok +AD +Bind as/);
    expect(runs[0]!.stdout).toMatch(/✓ ok +Graph +Sign-in \(client-secret\)/);
    const config = (await filesUnder(world.root)).find((f) => f.path.endsWith('config.json'))!;
    const profile = JSON.parse(config.bytes.toString()).profiles.typed;
    expect(profile.ad.passwordFrom).toBe('prompt');
    expect(profile.tenant.clientSecretFrom).toBe('prompt');
    await expectNowhere(world, runs, [s.password, world.clientSecret]);
  });

  it('a wrong secret is not repeated in the failure either', async () => {
    const s = samba!;
    const wrongPassword = 'Wrong-Bind-Pa55word!';
    const wrongSecret = 'wrong~client.secret_Value-42';
    const runs = [
      await runCli(
        ['setup', '--check', '--profile', 'typed', '--json'],
        world.env,
        `${wrongPassword}\n${wrongSecret}\n`,
      ),
    ];
    const report = JSON.parse(runs[0]!.stdout) as {
      rows: { check: string; status: string; detail: string }[];
    };
    expect(report.rows.find((r) => r.check.startsWith('Bind as'))).toMatchObject({ status: 'failed' });
    expect(report.rows.find((r) => r.check.startsWith('Sign-in'))).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('AADSTS7000215'),
    });
    expect(runs[0]!.code).toBe(1);
    await expectNowhere(world, runs, [wrongPassword, wrongSecret, s.password, world.clientSecret]);
  });
});
