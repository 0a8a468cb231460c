import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/diagnose.js';
import { guidToImmutableId } from '../../src/core/identifiers.js';
import type { CloudUser, CloudView, OnPremObject, Snapshot } from '../../src/core/snapshot.js';

const GUID = '8ec297b6-39dc-4da1-aa92-94686f191d0b';
const ANCHOR = guidToImmutableId(GUID);

function adUser(over: Partial<OnPremObject> = {}): OnPremObject {
  return {
    objectClass: 'user',
    dn: 'CN=John Doe,OU=Staff,DC=contoso,DC=com',
    objectGuid: GUID,
    sAMAccountName: 'jdoe',
    userPrincipalName: 'john.doe@contoso.com',
    mail: 'john.doe@contoso.com',
    mailNickname: 'jdoe',
    displayName: 'John Doe',
    proxyAddresses: ['SMTP:john.doe@contoso.com', 'smtp:jdoe@contoso.com'],
    consistencyGuid: null,
    ...over,
  };
}

function cloudUser(over: Partial<CloudUser> = {}): CloudUser {
  return {
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
    ...over,
  };
}

function view(over: Partial<CloudView> = {}): CloudView {
  return {
    users: [cloudUser()],
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
    ...over,
  };
}

function snap(cloud: CloudView | null, user = adUser(), related: OnPremObject[] = []): Snapshot {
  return {
    identity: 'jdoe',
    sync: { sourceAnchor: 'mS-DS-ConsistencyGuid', scope: ['OU=Staff,DC=contoso,DC=com'] },
    onPrem: { matches: [user], related },
    cloud,
  };
}

const codes = (s: Snapshot) => diagnose(s).findings.map((f) => f.code);
const actions = (s: Snapshot) => diagnose(s).plan.map((p) => p.action);

describe('diagnose', () => {
  it('says AD_USER_NOT_FOUND and plans nothing when AD has no such user', () => {
    const d = diagnose({ ...snap(null), onPrem: { matches: [], related: [] } });
    expect(d.findings.map((f) => f.code)).toEqual(['AD_USER_NOT_FOUND']);
    expect(d.plan).toEqual([]);
  });

  it('refuses to choose between two AD users', () => {
    const d = diagnose({
      ...snap(null),
      onPrem: {
        matches: [adUser(), adUser({ dn: 'CN=J2,DC=x', objectGuid: '11111111-2222-3333-4444-555555555555' })],
        related: [],
      },
    });
    expect(d.findings[0]).toMatchObject({ code: 'AD_IDENTITY_AMBIGUOUS', severity: 'error' });
    expect(d.onPrem).toBeNull();
  });

  it('uses mS-DS-ConsistencyGuid when set and says it differs from objectGUID', () => {
    const cg = '3ab39606-c642-489b-84b6-58c038d3ef39';
    const d = diagnose(snap(view(), adUser({ consistencyGuid: cg })));
    expect(d.expectedImmutableId).toBe('BpazOkLGm0iEtljAONPvOQ==');
    expect(d.anchorSource).toBe('mS-DS-ConsistencyGuid');
    expect(d.findings.map((f) => f.code)).toContain('CONSISTENCY_GUID_DIFFERS');
  });

  it('is ready for soft match and plans only sync + verify', () => {
    expect(codes(snap(view()))).toEqual(['READY_FOR_SOFT_MATCH']);
    expect(actions(snap(view()))).toEqual(['TRIGGER_DELTA_SYNC', 'VERIFY_MATCH']);
  });

  it('plans nothing when already matched', () => {
    const s = snap(
      view({ users: [cloudUser({ onPremisesImmutableId: ANCHOR, onPremisesSyncEnabled: true })] }),
    );
    expect(codes(s)).toEqual(['ALREADY_MATCHED']);
    expect(actions(s)).toEqual([]);
  });

  it('hard-matches a stale immutableId by default (docs/matching-facts.md §F0)', () => {
    const s = snap(view({ users: [cloudUser({ onPremisesImmutableId: 'AAECAwQFBgcICQoLDA0ODw==' })] }));
    expect(codes(s)).toEqual(['STALE_IMMUTABLE_ID']);
    const d = diagnose(s);
    expect(d.plan.map((p) => p.action)).toEqual(['SET_IMMUTABLE_ID', 'TRIGGER_DELTA_SYNC', 'VERIFY_MATCH']);
    expect(d.plan[0]).toMatchObject({
      change: { property: 'onPremisesImmutableId', before: 'AAECAwQFBgcICQoLDA0ODw==', after: ANCHOR },
      precondition: { kind: 'user', expect: { onPremisesImmutableId: 'AAECAwQFBgcICQoLDA0ODw==' } },
    });
  });

  it('clears the immutableId instead when takeover is blocked and soft match is allowed', () => {
    const s = snap(
      view({
        users: [cloudUser({ onPremisesImmutableId: 'AAECAwQFBgcICQoLDA0ODw==' })],
        features: {
          blockSoftMatchEnabled: false,
          blockCloudObjectTakeoverThroughHardMatchEnabled: true,
          softMatchOnUpnEnabled: true,
        },
      }),
    );
    expect(codes(s)).toEqual(['STALE_IMMUTABLE_ID', 'HARD_MATCH_TAKEOVER_BLOCKED']);
    expect(actions(s)).toEqual(['CLEAR_IMMUTABLE_ID', 'TRIGGER_DELTA_SYNC', 'VERIFY_MATCH']);
  });

  it('becomes MANUAL when both kinds of match are blocked', () => {
    const s = snap(
      view({
        users: [cloudUser({ onPremisesImmutableId: 'AAECAwQFBgcICQoLDA0ODw==' })],
        features: {
          blockSoftMatchEnabled: true,
          blockCloudObjectTakeoverThroughHardMatchEnabled: true,
          softMatchOnUpnEnabled: true,
        },
      }),
    );
    expect(actions(s)).toEqual(['MANUAL']);
  });

  it('moves a federated UPN to the initial domain before changing the immutableId, and guards on the moved UPN', () => {
    const s = snap(
      view({
        users: [cloudUser({ onPremisesImmutableId: 'AAECAwQFBgcICQoLDA0ODw==' })],
        domains: [
          { id: 'contoso.com', isVerified: true, isInitial: false, authenticationType: 'Federated' },
          { id: 'contoso.onmicrosoft.com', isVerified: true, isInitial: true, authenticationType: 'Managed' },
        ],
      }),
    );
    const d = diagnose(s);
    expect(d.findings.map((f) => f.code)).toEqual(['STALE_IMMUTABLE_ID', 'FEDERATED_UPN_DOMAIN']);
    expect(d.plan.map((p) => p.action)).toEqual([
      'MOVE_UPN_TO_INITIAL_DOMAIN',
      'SET_IMMUTABLE_ID',
      'TRIGGER_DELTA_SYNC',
      'VERIFY_MATCH',
    ]);
    expect(d.plan[0]!.change!.after).toBe('john.doe@contoso.onmicrosoft.com');
    expect(d.plan[1]!.precondition.expect!.userPrincipalName).toBe('john.doe@contoso.onmicrosoft.com');
  });

  it('purges a recycle-bin user holding the anchor before the hard match (docs/matching-facts.md §F1, §F2)', () => {
    const deleted = cloudUser({
      id: 'aaaaaaaa-0000-0000-0000-000000000001',
      userPrincipalName: 'aaaaaaaa000000000000000000000001john.doe@contoso.com',
      onPremisesImmutableId: ANCHOR,
      deletedDateTime: '2026-11-01T10:00:00Z',
    });
    const d = diagnose(snap(view({ deletedUsers: [deleted] })));
    expect(d.findings.find((f) => f.code === 'DELETED_USER_CONFLICT')).toMatchObject({ severity: 'error' });
    expect(d.plan.map((p) => p.action)).toEqual([
      'PURGE_DELETED_USER',
      'SET_IMMUTABLE_ID',
      'TRIGGER_DELTA_SYNC',
      'VERIFY_MATCH',
    ]);
    expect(d.plan[0]).toMatchObject({ reversible: false, objectUpn: 'john.doe@contoso.com' });
  });

  it('stops at MANUAL for an admin-role target, and nothing after it writes', () => {
    const s = snap(view({ roles: { '0f9a3c1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b': ['Global Administrator'] } }));
    expect(codes(s)).toContain('ADMIN_ROLE_BLOCKS_MATCH');
    expect(actions(s)).toEqual(['MANUAL']);
  });

  it('finds a proxy address held by a cloud group and makes it MANUAL', () => {
    const s = snap(
      view({
        groups: [
          {
            kind: 'group',
            id: 'g1',
            displayName: 'Sales',
            mail: 'sales@contoso.com',
            mailNickname: 'sales',
            proxyAddresses: ['SMTP:sales@contoso.com', 'smtp:JDOE@contoso.com'],
          },
        ],
      }),
    );
    const f = diagnose(s).findings.find((x) => x.code === 'CLOUD_DUPLICATE_PROXY_ADDRESS');
    expect(f?.evidence).toMatchObject({ kind: 'group', addresses: ['jdoe@contoso.com'] });
    expect(actions(s)).toEqual(['MANUAL']);
  });

  it('reports a synced duplicate with a placeholder UPN holding the anchor (docs/matching-facts.md §F4)', () => {
    const dup = cloudUser({
      id: 'dup',
      userPrincipalName: 'john.doe1234@contoso.onmicrosoft.com',
      proxyAddresses: [],
      mail: null,
      onPremisesImmutableId: ANCHOR,
      onPremisesSyncEnabled: true,
    });
    const s = snap(view({ users: [cloudUser(), dup] }));
    expect(codes(s)).toEqual(expect.arrayContaining(['CLOUD_DUPLICATE_ANCHOR', 'UPN_PLACEHOLDER']));
    expect(actions(s)).toEqual(['MANUAL']);
  });

  it('finds a value held by another AD object across attributes', () => {
    const contact: OnPremObject = {
      ...adUser(),
      objectClass: 'contact',
      dn: 'CN=Old,OU=Contacts,DC=contoso,DC=com',
      objectGuid: '11111111-2222-3333-4444-555555555555',
      userPrincipalName: null,
      sAMAccountName: null,
      mailNickname: 'old',
      mail: 'x@partner.example',
      proxyAddresses: ['SMTP:JOHN.DOE@contoso.com'],
    };
    const f = diagnose(snap(view(), adUser(), [contact])).findings.find(
      (x) => x.code === 'AD_DUPLICATE_VALUE',
    );
    expect(f?.evidence).toMatchObject({ otherDn: contact.dn });
  });

  it('warns about a UPN suffix the tenant has not verified', () => {
    const s = snap(view(), adUser({ userPrincipalName: 'jdoe@contoso.local' }));
    const f = diagnose(s).findings.find((x) => x.code === 'UPN_SUFFIX_UNVERIFIED');
    expect(f?.evidence).toMatchObject({ cloudUpnWouldBe: 'jdoe@contoso.onmicrosoft.com' });
  });

  it('says the tenant switches were skipped when they cannot be read, and hard-matches to be safe', () => {
    const s = snap(view({ features: null }));
    expect(codes(s)).toEqual(['TENANT_FEATURES_UNREADABLE']);
    expect(actions(s)).toEqual(['SET_IMMUTABLE_ID', 'TRIGGER_DELTA_SYNC', 'VERIFY_MATCH']);
  });

  it('flags an out-of-scope user', () => {
    const s = snap(view(), adUser({ dn: 'CN=John Doe,OU=Disabled,DC=contoso,DC=com' }));
    expect(codes(s)).toContain('AD_OUT_OF_SYNC_SCOPE');
    expect(actions(s)).toEqual(['MANUAL']);
  });

  it('reports two different cloud candidates', () => {
    const other = cloudUser({
      id: 'other',
      userPrincipalName: 'jd@contoso.com',
      proxyAddresses: ['SMTP:john.doe@contoso.com'],
      mail: 'john.doe@contoso.com',
    });
    const s = snap(view({ users: [cloudUser({ proxyAddresses: [], mail: null }), other] }));
    expect(codes(s)[0]).toBe('CLOUD_CANDIDATES_DIFFER');
  });
});
