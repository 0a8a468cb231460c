import { describe, expect, it } from 'vitest';
import { parseIdentityList } from '../../../src/core/batch/identity-list.js';
import { scanCsv } from '../../../src/core/scan/csv.js';
import type { UserForecast } from '../../../src/core/scan/types.js';

describe('the batch list', () => {
  it('takes one identity per line, skipping blanks, comments and repeats (case-insensitively)', () => {
    const list = parseIdentityList('\uFEFFjdoe\r\n\n# leavers below\n  asmith@contoso.com  \nJDOE\n');
    expect(list).toEqual({ identities: ['jdoe', 'asmith@contoso.com'], format: 'lines', duplicates: 1 });
  });

  it("takes the scan's CSV by its dn column, DNs with escaped commas and quotes included", () => {
    const user = (dn: string): UserForecast =>
      ({
        dn,
        objectGuid: 'g',
        sAMAccountName: 'x',
        userPrincipalName: 'x@c.com',
        displayName: null,
        expectedImmutableId: '+abc==',
        anchorSource: 'objectGUID',
        target: null,
        findings: [{ code: 'STALE_IMMUTABLE_ID', severity: 'error' }],
        forecast: {
          outcome: 'hard-match',
          cloudUserId: null,
          error: null,
          duplicateVia: null,
          quarantined: false,
          reason: 'a, "b"',
        },
      }) as UserForecast;
    const csv = scanCsv([
      user('CN=Doe\\, John,OU=Staff,DC=c,DC=com'),
      user('CN=Ann "A",OU=Staff,DC=c,DC=com'),
    ]);
    expect(parseIdentityList(csv)).toEqual({
      identities: ['CN=Doe\\, John,OU=Staff,DC=c,DC=com', 'CN=Ann "A",OU=Staff,DC=c,DC=com'],
      format: 'csv',
      duplicates: 0,
    });
  });
});
