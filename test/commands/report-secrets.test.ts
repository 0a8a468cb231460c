// Issue 17: the report (--report) and the case file (--handoff) of a diagnosis of the real Samba DC
// through a profile written by setup, with the test configuration's real secrets (the bind
// password and the app's client secret): neither file holds a secret or a control character, and
// an existing report is not overwritten without --force.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../helpers/services.js';
import { filesUnder, runCli, startWorld, type SambaService, type World } from './setup-world.js';

const samba = service<SambaService>('samba');

function forms(secret: string): Buffer[] {
  return [
    Buffer.from(secret, 'utf8'),
    Buffer.from(secret, 'utf16le'),
    Buffer.from(Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''), 'utf8'),
    Buffer.from(encodeURIComponent(secret), 'utf8'),
  ];
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe.skipIf(!samba)('--report and --handoff on a real diagnosis', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => world?.close());

  it('write Markdown and a case file with no secret and no control character', async () => {
    const s = samba!;
    const env = {
      ...world.env,
      SYNCMATCH_LDAP_PASSWORD: s.password,
      SYNCMATCH_CLIENT_SECRET: world.clientSecret,
    };
    const setup = await runCli(
      [
        'setup',
        '--profile',
        'r17',
        '--ad-url',
        s.url,
        '--ad-ca-file',
        s.caFile,
        '--bind',
        s.bindUpn,
        '--scope-ou',
        s.scopeOu,
        ...world.tenantFlags,
        '--transport',
        'none',
      ],
      env,
    );
    expect(setup.code, setup.stderr).toBe(0);
    const report = join(world.root, 'ticket.md');
    const kase = join(world.root, 'case.json');
    const args = [
      'diagnose',
      'john.doe@lab.example',
      '--profile',
      'r17',
      '--read-only',
      '--report',
      report,
      '--handoff',
      kase,
    ];
    const run = await runCli(args, env);
    expect([0, 3], run.stderr).toContain(run.code);
    expect(run.stderr).toContain(`Report: ${report}`);
    const md = await readFile(report, 'utf8');
    expect(md).toMatch(/^# syncmatch: john\.doe@lab\.example/);
    expect(md).toContain('## Findings');
    expect(md).not.toMatch(CONTROL);
    const c = JSON.parse(await readFile(kase, 'utf8')) as {
      createdBy: string;
      readOnly: boolean;
      digest: string;
    };
    expect(c.readOnly).toBe(true);
    expect(c.digest).toMatch(/^[0-9a-f]{64}$/);
    for (const f of await filesUnder(world.root)) {
      for (const secret of [s.password, world.clientSecret]) {
        for (const form of forms(secret))
          expect(f.bytes.includes(form), `${f.path} holds a secret`).toBe(false);
      }
    }

    // A second run does not overwrite the report: exit 2, the file unchanged; --force does.
    await writeFile(report, 'keep');
    const again = await runCli(args, env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(await readFile(report, 'utf8')).toBe('keep');
    const forced = await runCli([...args, '--force'], env);
    expect([0, 3]).toContain(forced.code);
    expect(await readFile(report, 'utf8')).not.toBe('keep');
  });
});
