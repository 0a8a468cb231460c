// The cloud UPN by Microsoft's order (Entra Connect "UserPrincipalName population": the page's own
// scenarios, then the example, then the edges).
import { describe, expect, it } from 'vitest';
import { predictCloudUpn, predictMailNickname } from '../../src/core/unverified-upn.js';

const INITIAL = 'contoso.onmicrosoft.com';
const verified = (suffix: string) => ['contoso.com', 'verified.contoso.com'].includes(suffix.toLowerCase());
const none = () => false;

describe('predictCloudUpn', () => {
  it('keeps a valid UPN on a verified suffix (scenario 5)', () => {
    const src = { userPrincipalName: 'user5@verified.contoso.com', mailNickname: 'user4' };
    expect(predictCloudUpn(src, verified, INITIAL)).toBe('user5@verified.contoso.com');
    expect(predictCloudUpn({ userPrincipalName: "o'brien@Contoso.com" }, verified, INITIAL)).toBe(
      "o'brien@Contoso.com",
    );
  });

  it('takes the primary SMTP prefix when there is no alias (scenario 1)', () => {
    const src = {
      userPrincipalName: 'user3@contoso.com',
      proxyAddresses: ['SMTP:user1@contoso.com'],
      mail: 'user2@contoso.com',
    };
    expect(predictCloudUpn(src, none, INITIAL)).toBe('user1@contoso.onmicrosoft.com');
  });

  it('takes the alias first (scenario 3, and the issue: jdoe@contoso.local with alias john.doe)', () => {
    const src = {
      userPrincipalName: 'user5@contoso.com',
      mailNickname: 'user4',
      proxyAddresses: ['SMTP:user1@contoso.com'],
      mail: 'user2@contoso.com',
    };
    expect(predictCloudUpn(src, none, INITIAL)).toBe('user4@contoso.onmicrosoft.com');
    expect(
      predictCloudUpn(
        { userPrincipalName: 'jdoe@contoso.local', mailNickname: 'john.doe' },
        verified,
        INITIAL,
      ),
    ).toBe('john.doe@contoso.onmicrosoft.com');
  });

  it('then mail, then the UPN prefix, then a secondary smtp address', () => {
    expect(predictCloudUpn({ userPrincipalName: 'u3@x.local', mail: 'u2@contoso.com' }, none, INITIAL)).toBe(
      'u2@contoso.onmicrosoft.com',
    );
    expect(
      predictCloudUpn(
        { userPrincipalName: 'u3@x.local', proxyAddresses: ['smtp:u9@contoso.com'] },
        none,
        INITIAL,
      ),
    ).toBe('u3@contoso.onmicrosoft.com');
    expect(
      predictCloudUpn(
        { userPrincipalName: '@x.local', proxyAddresses: ['smtp:u9@contoso.com'] },
        none,
        INITIAL,
      ),
    ).toBe('u9@contoso.onmicrosoft.com');
  });

  it('skips blank values and ignores a secondary smtp before the UPN, and X500 and SIP values', () => {
    const src = {
      userPrincipalName: 'u3@x.local',
      mailNickname: '   ',
      mail: ' ',
      proxyAddresses: ['X500:/o=Contoso/cn=x', 'SIP:sip@contoso.com', 'smtp:second@contoso.com'],
    };
    expect(predictCloudUpn(src, none, INITIAL)).toBe('u3@contoso.onmicrosoft.com');
  });

  it('recalculates a UPN with an invalid character even on a verified suffix', () => {
    const src = { userPrincipalName: 'john doe@contoso.com', mailNickname: 'jdoe' };
    expect(predictCloudUpn(src, verified, INITIAL)).toBe('jdoe@contoso.onmicrosoft.com');
    expect(
      predictCloudUpn({ userPrincipalName: 'jdoe.@contoso.com', mailNickname: 'jd' }, verified, INITIAL),
    ).toBe('jd@contoso.onmicrosoft.com');
    expect(
      predictCloudUpn(
        { userPrincipalName: `${'a'.repeat(65)}@contoso.com`, mailNickname: 'a' },
        verified,
        INITIAL,
      ),
    ).toBe('a@contoso.onmicrosoft.com');
  });

  it('puts "_" for what the alias and the username policy refuse', () => {
    expect(predictMailNickname({ userPrincipalName: 'x@y.z', mailNickname: 'jo&hn\u0085' })).toBe('jo_hn_');
    expect(predictCloudUpn({ userPrincipalName: 'x@y.local', mailNickname: 'jörg$' }, none, INITIAL)).toBe(
      'j_rg_@contoso.onmicrosoft.com',
    );
    expect(
      predictCloudUpn({ userPrincipalName: 'x@y.local', proxyAddresses: ['SMTP:a+b@c.com'] }, none, INITIAL),
    ).toBe('a_b@contoso.onmicrosoft.com');
  });
});
