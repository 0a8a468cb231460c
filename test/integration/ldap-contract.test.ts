// The OnPremDirectory contract against a real AD DC (Samba) through the LDAP adapter.
import { describe, expect, it } from 'vitest';
import { runOnPremDirectoryContract, SEED } from '../contract/on-prem-directory.contract.js';
import { openSamba, samba } from './ldap-service.js';

runOnPremDirectoryContract(
  'LDAP adapter against Samba AD',
  samba && ((options) => openSamba(samba!, { anchorAttribute: options?.anchorAttribute })),
);

describe.skipIf(!samba)('Samba seed', () => {
  it('holds the objects the contract mirrors (same GUIDs and DNs)', () => {
    for (const [key, seeded] of Object.entries(SEED)) {
      expect(samba!.objects[key], key).toMatchObject({ guid: seeded.guid, dn: seeded.dn });
    }
  });
});
