// The multi-forest contract against the two real Samba forests: each forest through its Global
// Catalog and its domain's DC (createForestDirectory), combined by combineForests.
import { describe, expect, it } from 'vitest';
import { createForestDirectory } from '../../src/adapters/ldap/forest-directory.js';
import { combineForests } from '../../src/app/forests.js';
import { FOREST2_SEED, runMultiForestContract } from '../contract/multi-forest.contract.js';
import { runOnPremDirectoryContract } from '../contract/on-prem-directory.contract.js';
import { forest2, labForest, newForest } from './forest2-service.js';
import { samba } from './ldap-service.js';

const both = samba && forest2;

runMultiForestContract(
  'two Samba forests (LDAP adapter, Global Catalog + domain DCs)',
  both
    ? async () =>
        combineForests([
          await createForestDirectory(labForest(samba!)),
          await createForestDirectory(newForest(forest2!)),
        ])
    : null,
);

// The same contract without Global Catalogs: every domain's DC searched with the whole filter.
runMultiForestContract(
  'two Samba forests (LDAP adapter, domain DCs only)',
  both
    ? async () => {
        const { globalCatalog: _a, ...lab } = labForest(samba!);
        const { globalCatalog: _b, ...neu } = newForest(forest2!);
        return combineForests([await createForestDirectory(lab), await createForestDirectory(neu)]);
      }
    : null,
);

// Every profile now reads through a forest directory: the single-directory contract holds for it
// too, through the Global Catalog and through the DC alone.
runOnPremDirectoryContract(
  'forest directory (Global Catalog + DC) against Samba AD',
  samba &&
    ((options) => createForestDirectory(labForest(samba!, { anchorAttribute: options?.anchorAttribute }))),
);
runOnPremDirectoryContract(
  'forest directory (DC only) against Samba AD',
  samba &&
    ((options) => {
      const { globalCatalog: _gc, ...dcOnly } = labForest(samba!, {
        anchorAttribute: options?.anchorAttribute,
      });
      return createForestDirectory(dcOnly);
    }),
);

describe.skipIf(!forest2)('second forest seed', () => {
  it('holds the objects the contract mirrors (same GUIDs and DNs)', () => {
    for (const [key, seeded] of Object.entries(FOREST2_SEED)) {
      expect(forest2!.objects[key], key).toMatchObject({ guid: seeded.guid, dn: seeded.dn });
    }
  });

  it("each forest's own CA: the lab CA does not vouch for the new forest's DC or GC", async () => {
    for (const url of [forest2!.url, forest2!.gcUrl]) {
      await expect(
        createForestDirectory({
          ...newForest(forest2!, { caFile: samba!.caFile }),
          globalCatalog: undefined,
          domains: [
            { urls: [url], caFile: samba!.caFile, bindDn: forest2!.bindUpn, password: forest2!.password },
          ],
        }),
      ).rejects.toMatchObject({ code: 'LDAP_TLS_UNTRUSTED' });
    }
  });

  it('a forest with a domain it does not list says which domain to add', async () => {
    const forest = await createForestDirectory({
      ...newForest(forest2!),
      domains: [labForest(samba!).domains[0]!],
    });
    try {
      await expect(
        forest.findUser((await import('../../src/core/identity-input.js')).parseIdentity('nnew')),
      ).rejects.toMatchObject({
        code: 'AD_DOMAIN_NOT_CONFIGURED',
      });
    } finally {
      await forest.close();
    }
  });
});
