import { describe, expect, it } from 'vitest';
import {
  hasSmtpAddress,
  parseProxyAddress,
  primarySmtp,
  sameProxyAddress,
  smtpAddresses,
  userAddresses,
} from '../../src/core/proxy-addresses.js';

describe('proxy addresses', () => {
  it('tells the primary (SMTP:) from secondaries (smtp:)', () => {
    expect(parseProxyAddress('SMTP:John.Doe@contoso.com')).toMatchObject({ isPrimary: true, isSmtp: true });
    expect(parseProxyAddress('smtp:jdoe@contoso.com')).toMatchObject({ isPrimary: false, isSmtp: true });
    expect(primarySmtp(['smtp:a@x.com', 'X500:/o=x', 'SMTP:b@x.com'])).toBe('b@x.com');
    expect(primarySmtp(['smtp:a@x.com'])).toBeNull();
  });

  it('keeps non-SMTP types and values without a prefix apart', () => {
    expect(parseProxyAddress('X500:/o=Lab/ou=Exchange/cn=Recipients/cn=jroe')).toMatchObject({
      type: 'X500',
      isSmtp: false,
    });
    expect(parseProxyAddress('john@contoso.com')).toMatchObject({ prefix: null, isSmtp: false });
  });

  it('compares the address part case-insensitively', () => {
    expect(hasSmtpAddress(['smtp:JOHN@Contoso.com'], 'john@contoso.com')).toBe(true);
    expect(hasSmtpAddress(['X500:john@contoso.com'], 'john@contoso.com')).toBe(false);
    expect(sameProxyAddress('SMTP:a@b.com', 'smtp:A@B.COM')).toBe(true);
    expect(sameProxyAddress('SMTP:a@b.com', 'SIP:a@b.com')).toBe(false);
  });

  it('lists SMTP addresses primary first, without duplicates that differ only in case', () => {
    expect(smtpAddresses(['smtp:b@x.com', 'SMTP:a@x.com', 'smtp:B@X.com', 'SIP:c@x.com'])).toEqual([
      'a@x.com',
      'b@x.com',
    ]);
  });

  it("gives a user's UPN, mail and SMTP addresses once each, trimmed, blanks left out", () => {
    expect(
      userAddresses({
        userPrincipalName: ' jdoe@contoso.com ',
        mail: 'JDoe@Contoso.com',
        proxyAddresses: ['SMTP:john.doe@contoso.com', 'smtp:jdoe@contoso.com', 'X500:/o=x', 'smtp: '],
      }),
    ).toEqual(['jdoe@contoso.com', 'john.doe@contoso.com']);
    expect(userAddresses({ userPrincipalName: null, mail: '  ', proxyAddresses: [] })).toEqual([]);
  });
});
