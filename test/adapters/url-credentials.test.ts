// User info in server addresses (issue 14): refused wherever an address is given, the password
// part registered with the redactor, and the sentence says where the password goes instead.
import { describe, expect, it } from 'vitest';
import { environmentLayer, flagLayer } from '../../src/adapters/config/layers.js';
import { hasUserInfo, userInfoOf } from '../../src/adapters/config/url-credentials.js';
import { secretRedactor } from '../../src/adapters/secrets/redactor.js';
import { validateAnswer } from '../../src/commands/setup-profile.js';

describe('user info in addresses', () => {
  it.each([
    ['ldaps://svc:pw@dc01', 'svc:pw'],
    ['ldap://svc@dc01:389', 'svc'],
    ['https://a:b@login.example/x', 'a:b'],
    ['admin@sync01', 'admin'],
    ['ldaps://dc01.contoso.com', null],
    ['https://login.example/a@b', null],
    ['sync01', null],
  ])('%s', (value, info) => {
    expect(userInfoOf(value)).toBe(info);
  });

  it('registers the password with the redactor the moment it is seen', () => {
    expect(hasUserInfo('ldaps://svc:Pa55-i14-word@dc01')).toBe(true);
    expect(secretRedactor.redact('connect to Pa55-i14-word failed')).toBe('connect to [redacted] failed');
  });

  it('is refused from variables and flags, naming the setting and where the password goes, never quoting it', () => {
    const fromEnv = environmentLayer({ SYNCMATCH_AD_URL: 'ldaps://svc:Zz-i14-secret@dc01.contoso.com' });
    expect(fromEnv.problems.join(' ')).toMatch(/SYNCMATCH_AD_URL .*--bind-password-from/);
    const fromFlags = flagLayer({ sshHost: 'root:Zz-i14-secret@sync01' });
    expect(fromFlags.problems.join(' ')).toMatch(/--ssh-host .*--ssh-user/);
    expect([...fromEnv.problems, ...fromFlags.problems].join(' ')).not.toContain('Zz-i14-secret');
  });

  it('is refused by the setup wizard too', () => {
    const answer = validateAnswer('adUrls', 'svc:Yy-i14-secret@dc01.contoso.com', {
      adEncryption: 'ldaps',
    } as never);
    expect(answer).toMatch(/--bind-password-from/);
    expect(answer).not.toContain('Yy-i14-secret');
  });
});
