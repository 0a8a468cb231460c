// `syncmatch scan --profile <p>` on real connections: a profile written by setup, the real Samba
// DC over LDAPS, and the lab tenant behind the local identity platform, read by the Graph bulk
// reader. The built-in lab is not involved: this is the path a technician's configured run takes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../helpers/services.js';
import { runCli, startWorld, type SambaService, type World } from './setup-world.js';

const samba = service<SambaService>('samba');

describe.skipIf(!samba)('syncmatch scan through a configured profile', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => world?.close());

  it('reads the real DC and the tenant in bulk and forecasts the users of the scope OU', async () => {
    const s = samba!;
    const setup = await runCli(
      [
        'setup',
        '--profile',
        'scan',
        '--ad-url',
        s.url,
        '--bind',
        s.bindUpn,
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
    expect(setup.code, setup.stderr).toBe(0);
    world.graph.log.clear();
    const run = await runCli(['scan', '--profile', 'scan', '--json'], {
      ...world.env,
      SYNCMATCH_LDAP_PASSWORD: s.password,
      SYNCMATCH_CLIENT_SECRET: world.clientSecret,
    });
    expect([0, 3], run.stderr).toContain(run.code);
    const out = JSON.parse(run.stdout) as {
      environment: string;
      scope: string[];
      users: { sAMAccountName: string; forecast: { outcome: string } }[];
    };
    expect(out.environment).toBe('profile: scan');
    expect(out.scope).toEqual([s.scopeOu]);
    expect(out.users.map((u) => u.sAMAccountName).sort()).toEqual(['jdoe', 'jdup', 'jroe', 'obrien']);
    // The lab tenant has none of them: each would be created (or fail for a shared value).
    for (const u of out.users) expect(u.forecast.outcome).not.toBe('already-matched');
    const urls = world.graph.log.entries.map((e) => decodeURIComponent(e.url));
    // One read per collection (a page each here), roles listed for the whole tenant: no per-user
    // query. The one filter lists the tenant's role-assignable groups (roles held through a group).
    expect(urls.some((u) => u.startsWith('/users?$select=') && u.endsWith('$top=999'))).toBe(true);
    expect(urls).toContain('/roleManagement/directory/roleEligibilitySchedules');
    expect(urls.filter((u) => u.includes('$filter'))).toEqual([
      '/groups?$filter=isAssignableToRole eq true&$select=id,displayName',
    ]);
    expect(urls).toHaveLength(10);
  });
});
