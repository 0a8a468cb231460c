// "setup writes a profile; diagnose against the real Samba DC (over LDAPS and over StartTLS) using
// that profile works end to end with the lab tenant": the profile is written by the CLI, and the
// environment it describes is opened by profile-connections.ts in a process of its own.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../helpers/services.js';
import { ROOT, runCli, startWorld, type CliRun, type SambaService, type World } from './setup-world.js';

const samba = service<SambaService>('samba');

function runScript(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test', 'commands', 'setup-diagnose-run.ts'), ...args],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe.skipIf(!samba)('a profile written by setup drives a diagnosis of the real DC', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => world?.close());

  for (const mode of ['LDAPS', 'StartTLS'] as const) {
    it(`over ${mode}`, async () => {
      const s = samba!;
      const ad =
        mode === 'LDAPS'
          ? ['--ad-url', s.url, '--bind', s.bindUpn]
          : ['--ad-url', s.starttlsUrl, '--starttls', '--bind', s.bindDomainUser];
      const profile = `diag-${mode.toLowerCase()}`;
      const setup = await runCli(
        [
          'setup',
          '--profile',
          profile,
          ...ad,
          '--ad-ca-file',
          s.caFile,
          '--scope-ou',
          s.scopeOu,
          ...world.tenantFlags,
          '--transport',
          'none',
        ],
        world.env,
      );
      expect(setup.code).toBe(0);
      const run = await runScript(['john.doe@lab.example', profile], {
        ...world.env,
        SYNCMATCH_LDAP_PASSWORD: s.password,
        SYNCMATCH_CLIENT_SECRET: world.clientSecret,
      });
      expect(run.stderr).toContain('which is not a Microsoft cloud'); // the endpoint warnings, every run
      expect(run.code, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as {
        label: string;
        trigger: string;
        diagnosis: {
          onPrem: { dn: string; objectGuid: string } | null;
          expectedImmutableId: string | null;
          findings: { code: string }[];
        };
      };
      expect(out.label).toBe(`profile: ${profile}`);
      expect(out.trigger).toBe('none');
      // John as the real DC holds him (his seeded objectGUID and mS-DS-ConsistencyGuid).
      expect(out.diagnosis.onPrem).toMatchObject({
        dn: 'CN=John Doe,OU=Lab,DC=lab,DC=example',
        objectGuid: '5c29282a-8e00-41ff-b639-dc4da1aa9294',
      });
      expect(out.diagnosis.expectedImmutableId).toBe(
        Buffer.from('0123456789abcdef2a28295c00fedcba', 'hex').toString('base64'),
      );
      expect(out.diagnosis.findings.length).toBeGreaterThan(0);
      // The lab tenant was read through Graph with the token the local identity platform issued.
      expect(world.graph.log.entries.length).toBeGreaterThan(0);
    });
  }
});
