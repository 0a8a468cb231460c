// Several forests end to end (issue 21): `syncmatch setup --forest` writes a profile holding both
// real Samba forests (each with its Global Catalog, its own CA and its own password reference),
// and the environment that profile describes (profile-connections.ts, in a process of its own)
// diagnoses the migrated user, seeing the old account in the other forest.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOREST2_SEED } from '../contract/multi-forest.contract.js';
import { SEED } from '../contract/on-prem-directory.contract.js';
import { service } from '../helpers/services.js';
import type { Forest2Service } from '../integration/forest2-service.js';
import { ROOT, runCli, startWorld, type CliRun, type SambaService, type World } from './setup-world.js';

const samba = service<SambaService>('samba');
const forest2 = service<Forest2Service>('samba-forest2');

function runScript(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test', 'commands', 'setup-diagnose-run.ts'), ...args],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
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

describe.skipIf(!samba || !forest2)(
  'a profile with two forests, written by setup, diagnoses across them',
  () => {
    let world: World;
    beforeAll(async () => {
      world = await startWorld();
    });
    afterAll(async () => world?.close());

    it('finds the migrated account in the new forest and the old one in the lab forest', async () => {
      const s = samba!;
      const f = forest2!;
      const profile = 'migration';
      const lab = await runCli(
        [
          'setup',
          '--profile',
          profile,
          '--forest',
          'lab.example',
          '--ad-url',
          s.url,
          '--bind',
          s.bindUpn,
          '--bind-password-from',
          'env:LAB_PW',
          '--ad-ca-file',
          s.caFile,
          '--scope-ou',
          s.scopeOu,
          '--gc-url',
          'ldaps://127.0.0.1:3269',
          ...world.tenantFlags,
          '--transport',
          'none',
        ],
        world.env,
      );
      expect(lab.code, lab.stderr).toBe(0);
      const neu = await runCli(
        [
          'setup',
          '--profile',
          profile,
          '--forest',
          'new.example',
          '--ad-url',
          f.starttlsUrl,
          '--starttls',
          '--bind',
          f.bindDomainUser,
          '--bind-password-from',
          'env:NEW_PW',
          '--ad-ca-file',
          f.caFile,
          '--scope-ou',
          f.scopeOu,
          '--gc-url',
          f.gcStarttlsUrl,
          '--gc-starttls',
        ],
        world.env,
      );
      expect(neu.code, neu.stderr).toBe(0);
      expect(neu.stderr).toContain('Forest      new.example:');

      const run = await runScript(['john.doe@new.example', profile], {
        ...world.env,
        LAB_PW: s.password,
        NEW_PW: f.password,
        SYNCMATCH_CLIENT_SECRET: world.clientSecret,
      });
      expect(run.code, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as {
        forests: string[] | null;
        diagnosis: { onPrem: { dn: string; objectGuid: string } | null; findings: { code: string }[] };
        onPrem: { objectGuid: string; forest: string; domain: string }[];
      };
      expect(out.diagnosis.onPrem).toMatchObject({
        dn: FOREST2_SEED.john.dn,
        objectGuid: FOREST2_SEED.john.guid,
      });
      // The profile's order reaches the diagnosis: the new forest, listed last, is the target, and
      // the two accounts of one person are a migration, not an ambiguous identity.
      expect(out.forests).toEqual(['lab.example', 'new.example']);
      const codes = out.diagnosis.findings.map((x) => x.code);
      expect(codes).toContain('USER_IN_TWO_FORESTS');
      expect(codes).not.toContain('AD_IDENTITY_AMBIGUOUS');
      expect(out.onPrem[0]).toEqual({
        objectGuid: FOREST2_SEED.john.guid,
        forest: 'new.example',
        domain: 'new.example',
      });
      expect(out.onPrem).toContainEqual({
        objectGuid: SEED.john.guid,
        forest: 'lab.example',
        domain: 'lab.example',
      });
    });
  },
);
