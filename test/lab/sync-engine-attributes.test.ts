// The lab's sync engine and the attribute rules (issue 20): a value the cloud refuses fails the
// export, a UPN the username policy refuses is replaced by the calculated one, an alias keeps its
// valid characters; the run log says which.
import { describe, expect, it } from 'vitest';
import { createLabState, type LabState } from '../../src/lab/lab-state.js';
import { scenarioSchema } from '../../src/lab/scenario-schema.js';
import { runDeltaSync } from '../../src/lab/sync-engine/index.js';

const DN = 'CN=John Doe,OU=Staff,DC=contoso,DC=com';
const clock = { now: () => new Date('2026-12-03T09:00:00.000Z') };

function lab(attributes: Record<string, unknown>): LabState {
  return createLabState(
    scenarioSchema.parse({
      name: 'unit',
      description: 'attribute rules in the sync engine',
      identity: 'jdoe',
      ad: {
        domain: 'contoso.com',
        objects: [
          {
            objectClass: 'user',
            dn: DN,
            objectGUID: '8ec297b6-39dc-4da1-aa92-94686f191d0b',
            attributes: {
              sAMAccountName: 'jdoe',
              userPrincipalName: 'john.doe@contoso.com',
              mail: 'john.doe@contoso.com',
              mailNickname: 'jdoe',
              displayName: 'John Doe',
              proxyAddresses: ['SMTP:john.doe@contoso.com'],
              ...attributes,
            },
          },
        ],
      },
      sync: { sourceAnchor: 'objectGUID', scope: ['OU=Staff,DC=contoso,DC=com'] },
      tenant: {
        initialDomain: 'contoso.onmicrosoft.com',
        domains: [{ id: 'contoso.com', isVerified: true, authenticationType: 'Managed' }],
        features: {},
        users: [],
        deletedUsers: [],
        groups: [],
        contacts: [],
      },
    }),
  );
}

const lines = (s: LabState) => s.syncLog.filter((e) => e.dn === DN);

describe('the sync engine and the attribute rules', () => {
  it('fails the export of a user whose proxy address the cloud refuses, and says which value', () => {
    const s = lab({ proxyAddresses: ['SMTP:john.doe@contoso.com', 'SIP:john doe@contoso.com'] });
    const report = runDeltaSync(s, clock);
    expect(s.tenant.users).toEqual([]);
    expect(report.errors).toBe(1);
    const line = lines(s)[0]!;
    expect(line.outcome).toBe('ExportError');
    expect(line.message).toContain('DataValidationFailed');
    expect(line.message).toContain('SIP:john doe@contoso.com');
  });

  it('keeps failing an update once a joined user gets a value the cloud refuses, and recovers when it is corrected', () => {
    const s = lab({});
    runDeltaSync(s, clock);
    const id = s.tenant.users[0]!.id;
    s.ad.objects[0]!.attributes.mail = 'john doe@contoso.com';
    runDeltaSync(s, clock);
    expect(lines(s).at(-1)).toMatchObject({ outcome: 'ExportError', cloudUserId: id });
    expect(s.tenant.users[0]!.mail).toBe('john.doe@contoso.com');
    s.ad.objects[0]!.attributes.mail = 'johnny@contoso.com';
    runDeltaSync(s, clock);
    expect(s.tenant.users[0]!.mail).toBe('johnny@contoso.com');
  });

  it('replaces a UPN the username policy refuses on a verified suffix by <alias>@<initial domain>', () => {
    const s = lab({ userPrincipalName: 'john doe@contoso.com', mailNickname: 'john.d' });
    runDeltaSync(s, clock);
    expect(s.tenant.users[0]!.userPrincipalName).toBe('john.d@contoso.onmicrosoft.com');
    expect(lines(s)[0]!.message).toContain("breaks Microsoft Entra's username policy");
  });

  it('writes the alias with "_" for each character it may not hold, and a sAMAccountName problem changes nothing', () => {
    const s = lab({ mailNickname: 'jo&hn\u0085', sAMAccountName: "o'brien" });
    runDeltaSync(s, clock);
    expect(s.tenant.users[0]).toMatchObject({
      mailNickname: 'jo_hn_',
      userPrincipalName: 'john.doe@contoso.com',
    });
  });
});
