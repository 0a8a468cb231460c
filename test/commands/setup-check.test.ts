// `syncmatch setup` then `setup --check`, run as a technician would (the CLI in its own process),
// against the real Samba DC over LDAPS and StartTLS, a local identity platform and the Graph
// simulator over HTTPS, and the real sshd.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/commands/check.js';
import { shimState } from '../adapters/remoting-shim.js';
import { service } from '../helpers/services.js';
import {
  CLIENT_ID,
  fakeSchedulerPowerShell,
  runCli,
  startWorld,
  type SambaService,
  type SshdService,
  type World,
} from './setup-world.js';

const samba = service<SambaService>('samba');
const sshd = service<SshdService>('sshd');

const rowsOf = (stdout: string): CheckReport => JSON.parse(stdout) as CheckReport;
const find = (report: CheckReport, area: string, check: RegExp) =>
  report.rows.find((r) => r.area === area && check.test(r.check));

describe.skipIf(!samba || !sshd)('setup and setup --check against real servers', () => {
  let world: World;
  let ps: string;
  beforeAll(async () => {
    world = await startWorld();
    ps = await fakeSchedulerPowerShell(world.fixtures);
  });
  afterAll(async () => world?.close());

  const adFlags = (s: SambaService) => [
    '--ad-url',
    s.url,
    '--ad-ca-file',
    s.caFile,
    '--bind',
    s.bindUpn,
    '--scope-ou',
    s.scopeOu,
  ];
  const secrets = (w: World, s: SambaService) => ({
    ...w.env,
    SYNCMATCH_LDAP_PASSWORD: s.password,
    SYNCMATCH_CLIENT_SECRET: w.clientSecret,
  });

  it('writes a profile from flags (LDAPS, client secret, command transport); every check passes', async () => {
    const s = samba!;
    const setup = await runCli(
      [
        'setup',
        '--profile',
        'lab-ldaps',
        ...adFlags(s),
        ...world.tenantFlags,
        '--transport',
        'command',
        '--sync-command',
        `${ps} -EncodedCommand {encodedCommand}`,
      ],
      world.env,
    );
    expect(setup.stderr).toContain('Saved profile lab-ldaps in');
    expect(setup.code).toBe(0);
    const path = join(world.env.XDG_CONFIG_HOME!, 'syncmatch-nodejs', 'config.json');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const config = JSON.parse(await readFile(path, 'utf8'));
    expect(config).toMatchObject({
      defaultProfile: 'lab-ldaps',
      profiles: { 'lab-ldaps': { ad: { urls: [s.url] } } },
    });

    const check = await runCli(['setup', '--check', '--profile', 'lab-ldaps', '--json'], secrets(world, s));
    const report = rowsOf(check.stdout);
    expect(report.rows.map((r) => `${r.status} ${r.area}: ${r.check}`)).toEqual([
      `ok AD: TLS ${s.url}`,
      `ok AD: Bind as ${s.bindUpn}`,
      'ok AD: Base DN',
      'ok AD: Scope OUs',
      'ok AD: Anchor attribute',
      'ok Graph: Sign-in (client-secret)',
      'ok Graph: Read /domains',
      'warning Graph: Permissions',
      'ok Sync server: Get-ADSyncScheduler through the sync command',
    ]);
    expect(find(report, 'AD', /^Base DN/)?.detail).toContain(`${s.baseDn} (from the rootDSE)`);
    expect(find(report, 'Graph', /Read \/domains/)?.detail).toMatch(/domain\(s\): .*\(default\)/);
    // An app cannot read the tenant's sync switches: said, not failed.
    expect(find(report, 'Graph', /Permissions/)?.detail).toMatch(
      /an app cannot read the tenant's soft-match/,
    );
    expect(find(report, 'Sync server', /Get-ADSyncScheduler/)?.detail).toBe(
      'Answered: sync cycle idle, scheduler enabled, next run 11/22/2026 03:30:00 UTC.',
    );
    expect(report.ok).toBe(true);
    expect(check.code).toBe(0);
    // The token endpoint received the secret from SYNCMATCH_CLIENT_SECRET.
    expect(world.authority.requests.some((r) => r.form.client_secret === world.clientSecret)).toBe(true);
  });

  it('StartTLS with a DOMAIN\\user bind, and the human table', async () => {
    const s = samba!;
    await runCli(
      [
        'setup',
        '--profile',
        'lab-starttls',
        '--ad-url',
        s.starttlsUrl,
        '--starttls',
        '--ad-ca-file',
        s.caFile,
        '--bind',
        s.bindDomainUser,
        '--transport',
        'none',
      ],
      world.env,
    );
    const check = await runCli(['setup', '--check', '--profile', 'lab-starttls'], secrets(world, s));
    expect(check.stdout).toContain(`✓ ok      AD           TLS ${s.starttlsUrl} (StartTLS)`);
    expect(check.stdout).toMatch(
      /✓ ok +AD +Bind as LAB\\svc-syncmatch +Bound on ldap:\/\/127\.0\.0\.1:389\./,
    );
    expect(check.stdout).toMatch(/– skipped Graph +Settings +Not configured/);
    expect(check.stdout).toMatch(/– skipped Sync server +Transport +None configured/);
    expect(check.stderr).toContain('Every configured connection works.');
    expect(check.code).toBe(0);
  });

  it('a wrong bind password and a host key mismatch fail their rows with the reason and what to try', async () => {
    const s = samba!;
    const h = sshd!;
    await runCli(
      [
        'setup',
        '--profile',
        'lab-bad',
        ...adFlags(s),
        '--transport',
        'ssh',
        '--ssh-host',
        h.host,
        '--ssh-port',
        String(h.port),
        '--ssh-user',
        h.username,
        '--ssh-key',
        h.privateKeyFile,
        '--ssh-host-key',
        `SHA256:${'A'.repeat(43)}`,
      ],
      world.env,
    );
    const check = await runCli(['setup', '--check', '--profile', 'lab-bad', '--json'], {
      ...world.env,
      SYNCMATCH_LDAP_PASSWORD: 'Not-The-Password-1',
    });
    const report = rowsOf(check.stdout);
    expect(find(report, 'AD', /^Bind as/)).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('the user name or password is wrong'),
    });
    expect(find(report, 'Sync server', /^Reachable/)?.status).toBe('ok');
    expect(find(report, 'Sync server', /^Host key pinned/)).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining(h.hostKeyFingerprint),
    });
    expect(find(report, 'Sync server', /^Sign-in/)?.status).toBe('skipped');
    expect(report.ok).toBe(false);
    expect(check.code).toBe(1);
  });

  it('ssh to the real sshd: reachable, pinned, signed in, Get-ADSyncScheduler answered; staging and suspended are warnings', async () => {
    const s = samba!;
    const h = sshd!;
    await runCli(
      [
        'setup',
        '--profile',
        'lab-ssh',
        ...adFlags(s),
        '--transport',
        'ssh',
        '--ssh-host',
        h.host,
        '--ssh-port',
        String(h.port),
        '--ssh-user',
        h.username,
        '--ssh-key',
        h.privateKeyFile,
        '--ssh-host-key',
        h.hostKeyFingerprint,
      ],
      world.env,
    );
    const shim = shimState(h.stateDir);
    const check = async () =>
      rowsOf(
        (await runCli(['setup', '--check', '--profile', 'lab-ssh', '--json'], secrets(world, s))).stdout,
      );
    try {
      shim.reset();
      const report = await check();
      expect(report.rows.filter((r) => r.area === 'Sync server').map((r) => r.status)).toEqual([
        'ok',
        'ok',
        'ok',
        'ok',
      ]);
      expect(find(report, 'Sync server', /Get-ADSyncScheduler/)?.detail).toBe(
        'Answered: sync cycle idle, scheduler enabled, next run 11/22/2026 03:30:00 UTC.',
      );
      shim.setMode('staging');
      expect(find(await check(), 'Sync server', /Get-ADSyncScheduler/)).toMatchObject({
        status: 'warning',
        detail: expect.stringContaining('STAGING MODE'),
      });
      shim.setMode('suspended');
      expect(find(await check(), 'Sync server', /Get-ADSyncScheduler/)).toMatchObject({
        status: 'warning',
        detail: expect.stringContaining('SUSPENDED'),
        hint: expect.stringMatching(/Close the Microsoft Entra Connect wizard/),
      });
    } finally {
      shim.reset();
    }
  });

  it('names the missing Graph permission and what it is for', async () => {
    const narrow = await startWorld({ roles: ['User.Read.All', 'Domain.Read.All'] });
    try {
      await runCli(['setup', '--profile', 'narrow', ...narrow.tenantFlags, '--read-only'], narrow.env);
      const check = await runCli(['setup', '--check', '--json'], {
        ...narrow.env,
        SYNCMATCH_CLIENT_SECRET: narrow.clientSecret,
      });
      const permissions = find(rowsOf(check.stdout), 'Graph', /Permissions/);
      expect(permissions).toMatchObject({ status: 'failed', check: 'Permissions (read-only)' });
      expect(permissions?.detail).toContain(
        'Missing Group.Read.All (to find groups holding the same proxy address)',
      );
      expect(permissions?.detail).not.toContain('User.ReadWrite.All');
      expect(permissions?.hint).toMatch(/admin consent/);
    } finally {
      await narrow.close();
    }
  });

  it('device code: the code and the address are shown, the person is recorded for next time (no token kept)', async () => {
    const person = await startWorld({ delegated: true });
    try {
      const flags = person.tenantFlags.map((f) => (f === 'client-secret' ? 'device-code' : f));
      const check = await runCli(['setup', '--profile', 'person', ...flags, '--check', '--json'], person.env);
      expect(check.stderr).toContain(`To sign in, open   ${person.authority.host}/devicelogin`);
      expect(check.stderr).toContain('and enter the code LOCAL-CODE');
      const report = rowsOf(check.stdout);
      expect(find(report, 'Graph', /Sign-in/)).toMatchObject({
        status: 'ok',
        detail: expect.stringContaining('as tech@lab.example'),
      });
      expect(find(report, 'Graph', /Permissions/)).toMatchObject({ status: 'ok' });
      const record = await readFile(
        join(person.env.XDG_CONFIG_HOME!, 'syncmatch-nodejs', 'sign-in-person.json'),
        'utf8',
      );
      expect(JSON.parse(record)).toMatchObject({ username: 'tech@contoso.com', clientId: CLIENT_ID }); // from the id_token
      expect(record).not.toContain('refresh-token-local');
      expect(record).not.toContain('eyJ');
      // The device authorization asked for delegated scopes, the write ones included (not read-only).
      const asked = person.authority.requests.find((r) => r.path.endsWith('/devicecode'))!.form.scope!;
      expect(asked).toContain('https://graph.microsoft.com/User.ReadWrite.All');
    } finally {
      await person.close();
    }
  });

  it('refuses plain ldap:// without StartTLS and saves nothing', async () => {
    const s = samba!;
    const before = await readFile(
      join(world.env.XDG_CONFIG_HOME!, 'syncmatch-nodejs', 'config.json'),
      'utf8',
    ).catch(() => '');
    const run = await runCli(
      ['setup', '--profile', 'plain', '--ad-url', s.starttlsUrl, '--bind', s.bindUpn],
      world.env,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('without StartTLS would send the bind password in clear text');
    expect(run.stderr).toContain('Transport encryption required');
    const after = await readFile(
      join(world.env.XDG_CONFIG_HOME!, 'syncmatch-nodejs', 'config.json'),
      'utf8',
    ).catch(() => '');
    expect(after).toBe(before);
  });

  it('--insecure-tls: LDAP certificate not checked, warned about on every run', async () => {
    const s = samba!;
    // The StartTLS profile written above, with the flag for this run only.
    const check = await runCli(['setup', '--check', '--insecure-tls', '--json'], {
      ...secrets(world, s),
      SYNCMATCH_PROFILE: 'lab-starttls',
    });
    expect(check.stderr).toContain('WARNING: --insecure-tls is on');
    const tls = find(rowsOf(check.stdout), 'AD', /^TLS/);
    expect(tls).toMatchObject({ status: 'warning', detail: expect.stringContaining('NOT checked') });
  });
});
