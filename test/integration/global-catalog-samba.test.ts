// Which of the rules' attributes the Global Catalog holds (docs/global-catalog.md), read from the
// real forests' schemas (isMemberOfPartialAttributeSet), and the GC ports answering over LDAPS 3269
// and StartTLS 3268.
import { describe, expect, it } from 'vitest';
import { createLdapDirectory } from '../../src/adapters/ldap/ldap-directory.js';
import { guidFilter } from '../../src/adapters/ldap/filters.js';
import { forest2 } from './forest2-service.js';
import { samba } from './ldap-service.js';

// As Microsoft's schema pages say for Windows (docs/global-catalog.md): in the GC …
const IN_GC = [
  'objectGUID',
  'userPrincipalName',
  'mail',
  'displayName',
  'sAMAccountName',
  'userAccountControl',
];
// … and not: the consistency GUID (In Global Catalog: False), isCriticalSystemObject, and
// proxyAddresses without Exchange's schema preparation.
const NOT_IN_GC = ['mS-DS-ConsistencyGuid', 'isCriticalSystemObject', 'proxyAddresses'];

describe.skipIf(!samba)('Global Catalog of the lab forest (Samba, 127.0.0.1)', () => {
  it('the schema puts the identity attributes in the partial attribute set, not the consistency GUID', async () => {
    const gc = await createLdapDirectory({
      urls: ['ldaps://127.0.0.1:3269'],
      caFile: samba!.caFile,
      bindDn: samba!.bindUpn,
      password: samba!.password,
      baseDn: samba!.baseDn,
    });
    try {
      const pas = await gc.partialAttributeSet();
      for (const a of IN_GC) expect(pas.get(a.toLowerCase()), a).toBe(true);
      for (const a of NOT_IN_GC) expect(pas.get(a.toLowerCase()), a).toBe(false);
      // The lab's schema extension adds mailNickname without the GC flag.
      expect(pas.get('mailnickname')).toBe(false);
      // The GC answers a forest-wide search (base '') for an object by its objectGUID.
      const [john] = await gc.searchObjects(guidFilter(samba!.objects.john!.guid), '');
      expect(john).toMatchObject({
        dn: samba!.objects.john!.dn,
        domain: 'lab.example',
        forest: 'lab.example',
      });
    } finally {
      await gc.close();
    }
  });
});

describe.skipIf(!forest2)('Global Catalog of the new forest (Samba, 127.0.0.2)', () => {
  it('answers on LDAPS 3269 and on 3268 with StartTLS, with the same partial attribute set', async () => {
    const base = { caFile: forest2!.caFile, bindDn: forest2!.bindUpn, password: forest2!.password };
    const ldaps = await createLdapDirectory({ ...base, urls: [forest2!.gcUrl] });
    const starttls = await createLdapDirectory({ ...base, urls: [forest2!.gcStarttlsUrl], startTls: true });
    try {
      expect(ldaps.forest).toBe('new.example');
      const [a, b] = [await ldaps.partialAttributeSet(), await starttls.partialAttributeSet()];
      expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
      for (const attr of IN_GC) expect(a.get(attr.toLowerCase()), attr).toBe(true);
      for (const attr of NOT_IN_GC) expect(a.get(attr.toLowerCase()), attr).toBe(false);
      // This forest's schema extension sets the flag on mailNickname, as Exchange's does.
      expect(a.get('mailnickname')).toBe(true);
      const [nina] = await starttls.searchObjects(guidFilter(forest2!.objects.nina!.guid), '');
      expect(nina).toMatchObject({ userPrincipalName: 'nina.new@new.example', domain: 'new.example' });
    } finally {
      await ldaps.close();
      await starttls.close();
    }
  });
});
