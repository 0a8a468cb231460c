// The scan's AD read over several forests (issue 21): every user, group and contact of each
// forest's domains, from the domains' DCs (the Global Catalog lacks attributes the rules need),
// each object carrying its forest and domain.
import { describe, expect, it } from 'vitest';
import { createForestDirectory } from '../../src/adapters/ldap/forest-directory.js';
import { combineBulkReaders } from '../../src/app/forests.js';
import type { BulkPage } from '../../src/ports.js';
import { FOREST2_SEED } from '../contract/multi-forest.contract.js';
import { SEED } from '../contract/on-prem-directory.contract.js';
import { forest2, labForest, newForest } from './forest2-service.js';
import { samba } from './ldap-service.js';

describe.skipIf(!samba || !forest2)('scan over two Samba forests', () => {
  it('reads every object of both forests, in pages, each with its forest and domain', async () => {
    const lab = await createForestDirectory(labForest(samba!));
    const neu = await createForestDirectory(newForest(forest2!));
    try {
      const pages: BulkPage[] = [];
      const all = await combineBulkReaders([lab.bulkReader(), neu.bulkReader()]).readAll((p) =>
        pages.push(p),
      );
      const byGuid = new Map(all.map((o) => [o.objectGuid, o]));
      expect(byGuid.get(SEED.john.guid)).toMatchObject({ forest: 'lab.example', domain: 'lab.example' });
      expect(byGuid.get(FOREST2_SEED.john.guid)).toMatchObject({
        forest: 'new.example',
        domain: 'new.example',
        consistencyGuid: SEED.john.guid,
      });
      for (const o of all) expect(o.forest === 'lab.example' || o.forest === 'new.example', o.dn).toBe(true);
      const fromNew = all.filter((o) => o.forest === 'new.example');
      expect(fromNew.map((o) => o.objectGuid)).toEqual(
        expect.arrayContaining(Object.values(FOREST2_SEED).map((s) => s.guid)),
      );
      // The lab forest alone holds thousands (bulk + scan users): more than one page each.
      expect(all.length).toBeGreaterThan(samba!.bulkUsers + 5);
      expect(pages.reduce((n, p) => n + p.objects, 0)).toBe(all.length);
    } finally {
      await lab.close();
      await neu.close();
    }
  });
});
