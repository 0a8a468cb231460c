// Filters are built as objects: values cannot change the filter's shape, GUIDs travel as bytes.
import { describe, expect, it } from 'vitest';
import { identityFilter, relatedFilter } from '../../src/adapters/ldap/filters.js';
import { resolveAnchor } from '../../src/adapters/ldap/options.js';
import { parseIdentity } from '../../src/core/identity-input.js';
import type { OnPremObject } from '../../src/core/snapshot.js';

const anchor = resolveAnchor(undefined);

describe('LDAP filters', () => {
  it('searches a GUID as raw bytes in objectGUID and the consistency GUID, users only', () => {
    const f = identityFilter(parseIdentity('5c29282a-8e00-41ff-b639-dc4da1aa9294'), anchor).toString();
    const bytes = '\\2a\\28\\29\\5c\\00\\8e\\ff\\41\\b6\\39\\dc\\4d\\a1\\aa\\92\\94';
    expect(f).toBe(
      `(&(&(objectCategory=person)(objectClass=user))(|(objectGUID=${bytes})(mS-DS-ConsistencyGuid=${bytes})))`,
    );
  });

  it('searches an address in UPN, mail and smtp: proxies, with filter characters kept literal', () => {
    const f = identityFilter(parseIdentity('a*)(uid=*@x.example'), anchor).toString();
    expect(f).toContain('(userPrincipalName=a\\2a\\29\\28uid=\\2a@x.example)');
    expect(f).toContain('(proxyAddresses=smtp:a\\2a\\29\\28uid=\\2a@x.example)');
  });

  it('searches related objects for each distinct value once, excluding the user itself', () => {
    const user: OnPremObject = {
      objectClass: 'user',
      dn: 'CN=U,DC=x',
      objectGuid: '11111111-2222-3333-4444-555555555555',
      sAMAccountName: 'u',
      userPrincipalName: 'u@x.example',
      mail: 'U@X.example',
      mailNickname: 'u',
      displayName: null,
      proxyAddresses: ['SMTP:u@x.example', 'smtp:alt@x.example', 'X500:/o=x'],
      consistencyGuid: null,
    };
    const f = relatedFilter(user)!.toString();
    expect(f.match(/\(mail=/g)).toHaveLength(2);
    expect(f).toContain('(proxyAddresses=smtp:alt@x.example)');
    expect(f).toContain('(mailNickname=u)');
    expect(f).toContain('(!(objectGUID=\\11\\11\\11\\11\\22\\22\\33\\33\\44\\44\\55\\55\\55\\55\\55\\55))');
    expect(f).not.toContain('X500');
  });

  it('has nothing to search for a user without addresses or alias', () => {
    const bare = {
      objectClass: 'user',
      dn: 'CN=B,DC=x',
      objectGuid: '11111111-2222-3333-4444-555555555555',
      sAMAccountName: 'b',
      userPrincipalName: null,
      mail: null,
      mailNickname: null,
      displayName: null,
      proxyAddresses: [],
      consistencyGuid: null,
    } satisfies OnPremObject;
    expect(relatedFilter(bare)).toBeNull();
  });
});
