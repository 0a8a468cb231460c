// Paged reads against the Samba DC: the bulk OU holds more users than one page, so every page
// must be asked for. (Windows AD caps an unpaged answer at MaxPageSize, 1000; Samba 4.17 measured
// here returns everything and ignores the sizeLimit, so the page sizes are what prove the paging.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LdapDirectory } from '../../src/adapters/ldap/ldap-directory.js';
import type { OnPremObject } from '../../src/core/snapshot.js';
import { openSamba, samba } from './ldap-service.js';

async function collect(pages: AsyncGenerator<OnPremObject[]>): Promise<OnPremObject[][]> {
  const out: OnPremObject[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe.skipIf(!samba)('paged user scan against the Samba DC', () => {
  const s = samba!;
  let dir: LdapDirectory;
  beforeAll(async () => {
    dir = await openSamba(s);
  });
  afterAll(async () => {
    await dir.close();
  });

  it('reads every user of an OU in pages of the requested size', async () => {
    const pages = await collect(dir.scanUsers([s.bulkOu], 500));
    expect(s.bulkUsers).toBeGreaterThan(500);
    expect(pages.map((p) => p.length)).toEqual([500, s.bulkUsers - 500]);
    const all = pages.flat();
    expect(new Set(all.map((u) => u.objectGuid)).size).toBe(s.bulkUsers);
    expect(all.every((u) => u.objectClass === 'user' && /^bulk\d+$/.test(u.sAMAccountName ?? ''))).toBe(true);
  });

  it('reads only users inside the scope OUs (no groups, contacts or users elsewhere)', async () => {
    const users = (await collect(dir.scanUsers([s.scopeOu]))).flat();
    expect(users.map((u) => u.sAMAccountName).sort()).toEqual(['jdoe', 'jdup', 'jroe', 'obrien']);
  });

  it('reads the whole base DN when no scope is given', async () => {
    const users = (await collect(dir.scanUsers([], 400))).flat();
    const names = new Set(users.map((u) => u.sAMAccountName));
    expect(users.length).toBeGreaterThan(s.bulkUsers);
    expect(names.has('oscope')).toBe(true);
    expect(names.has('mailgroup')).toBe(false);
  });
});
