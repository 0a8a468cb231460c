// `syncmatch lab generate`: a valid scenario, the same for the same seed, with the case mix.
import { describe, expect, it } from 'vitest';
import { generateScenario, GENERATED_CASES } from '../../src/lab/generator/generate.js';
import { parseScenario } from '../../src/lab/scenario-loader.js';

describe('the lab generator', () => {
  it('writes a scenario the loader accepts (schema and unique ids)', () => {
    const s = generateScenario({ users: 400, seed: 11 });
    const parsed = parseScenario(JSON.stringify(s), 'generated');
    expect(parsed.ad.objects.filter((o) => o.objectClass === 'user')).toHaveLength(400);
    expect(parsed.tenant.users).toHaveLength(400);
    expect(parsed.name).toBe('generated-400-11');
  });

  it('is deterministic per seed and differs between seeds', () => {
    const a = JSON.stringify(generateScenario({ users: 120, seed: 'acme' }));
    expect(JSON.stringify(generateScenario({ users: 120, seed: 'acme' }))).toBe(a);
    expect(JSON.stringify(generateScenario({ users: 120, seed: 'acme2' }))).not.toBe(a);
  });

  it('keeps sAMAccountNames, UPNs and DNs unique and within AD limits', () => {
    const s = generateScenario({ users: 3000, seed: 5 });
    const users = s.ad.objects.filter((o) => o.objectClass === 'user');
    const sams = users.map((u) => u.attributes.sAMAccountName!);
    expect(new Set(sams).size).toBe(users.length);
    expect(sams.every((x) => x.length <= 20)).toBe(true);
    expect(new Set(users.map((u) => u.attributes.userPrincipalName!.toLowerCase())).size).toBe(users.length);
    expect(new Set(s.ad.objects.map((o) => o.dn.toLowerCase())).size).toBe(s.ad.objects.length);
  });

  it('has every case of the mix once there are enough users, and about as many cloud users as asked', () => {
    const s = generateScenario({ users: 200, seed: 3, cloudUsers: 260 });
    expect(s.tenant.users).toHaveLength(260);
    expect(s.tenant.deletedUsers.length).toBeGreaterThan(0);
    expect(s.tenant.groups.some((g) => g.onPremisesSyncEnabled === null)).toBe(true);
    expect(s.tenant.users.some((u) => u.directoryRoles.length + u.eligibleDirectoryRoles.length > 0)).toBe(
      true,
    );
    expect(s.ad.objects.some((o) => o.attributes.userPrincipalName?.endsWith('@contoso.local'))).toBe(true);
    expect(s.ad.objects.some((o) => o.dn.includes('OU=Leavers'))).toBe(true);
    expect(GENERATED_CASES.length).toBeGreaterThan(15);
  });
});
