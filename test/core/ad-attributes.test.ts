// AD_ATTRIBUTE_INVALID (issue 20): the severity says what the cloud does with the value, the
// message says it (with the substitute the cloud computes), and only values that hold the match up
// put a "correct it in AD" step in the plan.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/diagnose.js';
import type { Finding } from '../../src/core/findings.js';
import type { CloudView, OnPremObject, Snapshot } from '../../src/core/snapshot.js';

function adUser(over: Partial<OnPremObject> = {}): OnPremObject {
  return {
    objectClass: 'user',
    dn: 'CN=John Doe,OU=Staff,DC=contoso,DC=com',
    objectGuid: '8ec297b6-39dc-4da1-aa92-94686f191d0b',
    sAMAccountName: 'jdoe',
    userPrincipalName: 'john.doe@contoso.com',
    mail: 'john.doe@contoso.com',
    mailNickname: 'jdoe',
    displayName: 'John Doe',
    proxyAddresses: ['SMTP:john.doe@contoso.com'],
    consistencyGuid: null,
    ...over,
  };
}

const view: CloudView = {
  users: [
    {
      id: '0f9a3c1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
      userPrincipalName: 'john.doe@contoso.com',
      displayName: 'John Doe',
      mail: 'john.doe@contoso.com',
      mailNickname: 'jdoe',
      proxyAddresses: ['SMTP:john.doe@contoso.com'],
      onPremisesImmutableId: null,
      onPremisesSyncEnabled: null,
      onPremisesLastSyncDateTime: null,
      onPremisesProvisioningErrors: [],
    },
  ],
  groups: [],
  contacts: [],
  deletedUsers: [],
  domains: [
    { id: 'contoso.com', isVerified: true, isInitial: false, authenticationType: 'Managed' },
    { id: 'contoso.onmicrosoft.com', isVerified: true, isInitial: true, authenticationType: 'Managed' },
  ],
  features: {
    blockSoftMatchEnabled: false,
    blockCloudObjectTakeoverThroughHardMatchEnabled: false,
    softMatchOnUpnEnabled: true,
  },
  roles: {},
};

function run(over: Partial<OnPremObject>) {
  const s: Snapshot = {
    identity: 'jdoe',
    sync: { sourceAnchor: 'mS-DS-ConsistencyGuid', scope: ['OU=Staff,DC=contoso,DC=com'] },
    onPrem: { matches: [adUser(over)], related: [] },
    cloud: view,
  };
  const d = diagnose(s);
  const invalid = d.findings.filter((f) => f.code === 'AD_ATTRIBUTE_INVALID');
  return { invalid, actions: d.plan.map((p) => p.action) };
}

const only = (fs: Finding[]): Finding => {
  expect(fs).toHaveLength(1);
  return fs[0]!;
};

describe('AD_ATTRIBUTE_INVALID', () => {
  it('a bad sAMAccountName beside a valid UPN is a warning that does not hold the match up', () => {
    const { invalid, actions } = run({ sAMAccountName: "o'brien" });
    const f = only(invalid);
    expect(f.severity).toBe('warning');
    expect(f.evidence).toMatchObject({ attribute: 'sAMAccountName', outcome: 'fine' });
    expect(f.message).toContain('still created in the cloud because its UPN is valid');
    expect(f.message).toContain('Microsoft 365 "Prepare for directory synchronization"');
    expect(actions).toEqual(['TRIGGER_DELTA_SYNC', 'VERIFY_MATCH']);
  });

  it('a non-SMTP proxy address with a space fails the export: an error, and AD is corrected first', () => {
    const { invalid, actions } = run({
      proxyAddresses: ['SMTP:john.doe@contoso.com', 'SIP:john doe@contoso.com'],
    });
    const f = only(invalid);
    expect(f.severity).toBe('error');
    expect(f.evidence).toMatchObject({
      outcome: 'blocked',
      source: expect.stringContaining('prepare-for-directory-synchronization'),
    });
    expect(f.message).toContain('export of this user fails');
    expect(actions[0]).toBe('MANUAL');
  });

  it("a UPN the username policy refuses names the UPN the cloud calculates, in Microsoft's order", () => {
    const { invalid } = run({ userPrincipalName: 'john$doe@contoso.com', mailNickname: 'john.d' });
    const f = only(invalid);
    expect(f.severity).toBe('warning');
    expect(f.evidence).toMatchObject({
      outcome: 'placeholder',
      cloudValue: 'john.d@contoso.onmicrosoft.com',
    });
    expect(f.message).toContain('"$"');
    expect(f.message).toContain('john.d@contoso.onmicrosoft.com');
  });

  it('an alias with & or a character beyond Latin-1 says what the cloud alias becomes', () => {
    const f = run({ mailNickname: 'jo&hnł' }).invalid;
    expect(f.map((x) => x.severity)).toEqual(['warning', 'warning']);
    expect(f[0]!.evidence).toMatchObject({ cloudValue: 'jo_hn_' });
    const text = f.map((x) => x.message).join(' ');
    expect(text).toContain('Exchange does not support in an alias synced by Entra Connect');
    expect(text).toContain('"ł" (U+0142)');
  });

  it('accepts the apostrophe in a UPN, Latin-1 letters in an alias, and X500 values with spaces', () => {
    const { invalid } = run({
      userPrincipalName: "o'brien@contoso.com",
      mailNickname: 'jörg',
      proxyAddresses: [
        'SMTP:john.doe@contoso.com',
        'X500:/o=Contoso/ou=First Administrative Group/cn=Recipients/cn=jdoe',
      ],
    });
    expect(invalid).toEqual([]);
  });
});
