// Every LDAP failure becomes a sentence with what to check. Server-side texts are the ones AD and
// Samba send (notes/samba-ad.md); the real-server cases live in test/integration/ldap-connect.test.ts.
import {
  InsufficientAccessError,
  InvalidCredentialsError,
  ProtocolError,
  SizeLimitExceededError,
  StrongAuthRequiredError,
  UnavailableError,
} from 'ldapts';
import { describe, expect, it } from 'vitest';
import { toLdapUserFacingError } from '../../src/adapters/ldap/errors.js';

const ctx = { url: 'ldaps://dc01.contoso.com', phase: 'bind' as const, bindDn: 'svc@contoso.com' };
const adBindError = (data: string) =>
  new InvalidCredentialsError(
    `80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data ${data}, v1db1 Code: 0x31`,
  );

describe('toLdapUserFacingError', () => {
  it.each([
    ['52e', 'LDAP_BAD_CREDENTIALS', /user name or password is wrong/],
    ['525', 'LDAP_BIND_USER_NOT_FOUND', /does not exist/],
    ['532', 'LDAP_PASSWORD_EXPIRED', /password has expired/],
    ['533', 'LDAP_ACCOUNT_DISABLED', /disabled/],
    ['701', 'LDAP_ACCOUNT_EXPIRED', /account has expired/],
    ['773', 'LDAP_PASSWORD_MUST_CHANGE', /must be changed/],
    ['775', 'LDAP_ACCOUNT_LOCKED', /locked out/],
  ])('reads AD bind error data %s as %s', (data, code, message) => {
    const e = toLdapUserFacingError(adBindError(data), ctx);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(e.message).toContain('ldaps://dc01.contoso.com as "svc@contoso.com"');
    expect(e.hint).toBeTruthy();
  });

  it('keeps the server text for an invalid-credentials answer without AD data', () => {
    const e = toLdapUserFacingError(new InvalidCredentialsError('Invalid credentials Code: 0x31'), ctx);
    expect(e.code).toBe('LDAP_BAD_CREDENTIALS');
    expect(e.message).toContain('(Invalid credentials)');
  });

  it('explains strong auth required, size limit, access denied and an unavailable server', () => {
    const search = { url: ctx.url, phase: 'search' as const };
    expect(
      toLdapUserFacingError(new StrongAuthRequiredError('BindSimple: Transport encryption required.'), ctx),
    ).toMatchObject({ code: 'LDAP_ENCRYPTION_REQUIRED', hint: expect.stringMatching(/StartTLS/) });
    expect(toLdapUserFacingError(new SizeLimitExceededError(), search)).toMatchObject({
      code: 'LDAP_SIZE_LIMIT',
      hint: expect.stringMatching(/MaxPageSize/),
    });
    expect(
      toLdapUserFacingError(new InsufficientAccessError('00002098: insufficient access'), search),
    ).toMatchObject({
      code: 'LDAP_ACCESS_DENIED',
      hint: expect.stringMatching(/read access/),
    });
    expect(toLdapUserFacingError(new UnavailableError('unavailable'), search).code).toBe('LDAP_UNAVAILABLE');
  });

  it('says a DC without a certificate refuses StartTLS', () => {
    const e = toLdapUserFacingError(new ProtocolError('unsupported extended operation'), {
      url: 'ldap://dc01.contoso.com',
      phase: 'starttls',
    });
    expect(e.code).toBe('LDAP_STARTTLS_REFUSED');
    expect(e.hint).toMatch(/certificate/);
  });

  it('maps DNS and network failures to reachability advice', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND dc01.contoso.com'), { code: 'ENOTFOUND' });
    expect(toLdapUserFacingError(dns, { ...ctx, phase: 'connect' })).toMatchObject({
      code: 'LDAP_UNREACHABLE',
      message: expect.stringMatching(/does not resolve/),
    });
    const expired = Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' });
    expect(toLdapUserFacingError(expired, { ...ctx, phase: 'connect' }).code).toBe('LDAP_TLS_EXPIRED');
  });

  it('says an unexpected failure happened where, instead of throwing it raw', () => {
    const e = toLdapUserFacingError(new Error('something odd'), { ...ctx, phase: 'search' });
    expect(e.code).toBe('LDAP_ERROR');
    expect(e.message).toBe('The LDAP search with ldaps://dc01.contoso.com failed: something odd');
  });
});
