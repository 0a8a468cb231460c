// USER_IN_TWO_FORESTS on hand-made snapshots (issue 21): which accounts are one person's, which one
// the diagnosis is about, each migration stage's finding and plan, and what stays ambiguous.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/diagnose.js';
import { migrationSubject, twinLinks } from '../../src/core/forests.js';
import { guidToImmutableId } from '../../src/core/identifiers.js';
import type { ForestTwinEvidence } from '../../src/core/rules/forest-twins.js';
import type { CloudUser, CloudView, OnPremObject, Snapshot, SyncSettings } from '../../src/core/snapshot.js';

const OLD = '11111111-0000-4000-8000-000000000001';
const NEW = '22222222-0000-4000-8000-000000000002';
const SYNC: SyncSettings = {
  sourceAnchor: 'mS-DS-ConsistencyGuid',
  scope: ['OU=Staff,DC=old,DC=example', 'OU=Staff,DC=new,DC=example'],
  forests: ['old.example', 'new.example'],
};

function account(forest: 'old' | 'new', over: Partial<OnPremObject> = {}): OnPremObject {
  return {
    objectClass: 'user',
    dn: `CN=Jo Doe,OU=Staff,DC=${forest},DC=example`,
    objectGuid: forest === 'old' ? OLD : NEW,
    sAMAccountName: 'jdoe',
    userPrincipalName: 'jo@corp.example',
    mail: 'jo@corp.example',
    mailNickname: 'jdoe',
    displayName: 'Jo Doe',
    proxyAddresses: ['SMTP:jo@corp.example'],
    consistencyGuid: forest === 'old' ? OLD : null,
    forest: `${forest}.example`,
    domain: `${forest}.example`,
    ...over,
  };
}

function cloud(over: Partial<CloudUser> = {}): CloudView {
  const user: CloudUser = {
    id: 'c0000000-0000-4000-8000-000000000001',
    userPrincipalName: 'jo@corp.example',
    displayName: 'Jo Doe',
    mail: 'jo@corp.example',
    mailNickname: 'jdoe',
    proxyAddresses: ['SMTP:jo@corp.example'],
    onPremisesImmutableId: guidToImmutableId(OLD),
    onPremisesSyncEnabled: true,
    onPremisesLastSyncDateTime: '2026-11-20T08:30:00Z',
    onPremisesProvisioningErrors: [],
    ...over,
  };
  return {
    users: [user],
    groups: [],
    contacts: [],
    deletedUsers: [],
    domains: [
      { id: 'corp.example', isVerified: true, isInitial: false, authenticationType: 'Managed' },
      { id: 'corp.onmicrosoft.com', isVerified: true, isInitial: true, authenticationType: 'Managed' },
    ],
    features: {
      blockSoftMatchEnabled: false,
      blockCloudObjectTakeoverThroughHardMatchEnabled: false,
      softMatchOnUpnEnabled: true,
    },
    roles: {},
  };
}

function snap(matches: OnPremObject[], related: OnPremObject[], view: CloudView | null = cloud()): Snapshot {
  return { identity: 'jdoe', sync: SYNC, onPrem: { matches, related }, cloud: view };
}

const twin = (d: ReturnType<typeof diagnose>) => d.findings.find((f) => f.code === 'USER_IN_TWO_FORESTS');

describe('USER_IN_TWO_FORESTS', () => {
  it('one user per forest, one person: the target forest account is diagnosed, the old one is evidence', () => {
    const d = diagnose(snap([account('old'), account('new')], []));
    expect(d.onPrem?.objectGuid).toBe(NEW);
    const e = twin(d)!.evidence as unknown as ForestTwinEvidence;
    expect(e).toMatchObject({ stage: 'stamp', links: ['mail', 'userPrincipalName'], stampWith: OLD });
    expect(d.plan.map((s) => s.action)).toEqual(['SET_CONSISTENCY_GUID', 'MANUAL']);
  });

  it('two different people with one sAMAccountName in two forests stay ambiguous', () => {
    const other = account('new', {
      userPrincipalName: 'jo.dean@corp.example',
      mail: 'jo.dean@corp.example',
      proxyAddresses: [],
    });
    expect(twinLinks(account('old'), other)).toEqual([]);
    expect(migrationSubject([account('old'), other], SYNC)).toBeNull();
    expect(diagnose(snap([account('old'), other], [])).findings.map((f) => f.code)).toEqual([
      'AD_IDENTITY_AMBIGUOUS',
    ]);
  });

  it('two users of ONE forest sharing a mail are a duplicate, not a migration', () => {
    const copy = account('old', {
      objectGuid: NEW,
      consistencyGuid: null,
      dn: 'CN=Jo Copy,OU=Staff,DC=old,DC=example',
    });
    expect(twinLinks(account('old'), copy)).toEqual([]);
    const d = diagnose(snap([account('old')], [copy]));
    expect(d.findings.map((f) => f.code)).toContain('AD_DUPLICATE_VALUE');
    expect(twin(d)).toBeUndefined();
  });

  it('release: stamped but the old account still in scope: a warning, and only the out-of-scope step', () => {
    const d = diagnose(snap([account('new', { consistencyGuid: OLD })], [account('old')]));
    const f = twin(d)!;
    expect(f.severity).toBe('warning');
    expect((f.evidence as unknown as ForestTwinEvidence).stage).toBe('release');
    expect(d.plan.map((s) => s.action)).toEqual(['MANUAL']);
    // Both export one anchor across forests: that is the migration, not AD_DUPLICATE_ANCHOR.
    expect(d.findings.map((x) => x.code)).not.toContain('AD_DUPLICATE_ANCHOR');
  });

  it('handover: the old account out of scope, the new one stamped: info, then sync and verify', () => {
    const old = account('old', { dn: 'CN=Jo Doe,OU=Migrated,DC=old,DC=example' });
    const d = diagnose(snap([account('new', { consistencyGuid: OLD })], [old]));
    expect(twin(d)?.severity).toBe('info');
    expect(d.findings.map((x) => x.code)).toContain('ALREADY_MATCHED');
    expect(d.plan.map((s) => s.action)).toEqual(['TRIGGER_DELTA_SYNC', 'VERIFY_MATCH']);
    expect(d.expectedImmutableId).toBe(guidToImmutableId(OLD));
  });

  it('unsynced: no cloud user holds the old anchor: take the old account out of scope first', () => {
    const view = cloud({ onPremisesImmutableId: null, onPremisesSyncEnabled: null });
    const d = diagnose(snap([account('new')], [account('old')], view));
    expect((twin(d)!.evidence as unknown as ForestTwinEvidence).stage).toBe('unsynced');
    expect(d.plan.map((s) => s.action)).toEqual(['MANUAL']);
  });

  it("a consistency GUID equal to the other's objectGUID links them even with different names", () => {
    const renamed = account('new', {
      userPrincipalName: 'jo.d@new.example',
      mail: null,
      proxyAddresses: [],
      consistencyGuid: OLD,
    });
    expect(twinLinks(renamed, account('old'))).toEqual(['consistencyGuid']);
  });

  it('forest order decides the target: listed last, whatever order the reads came back in', () => {
    const reversed: SyncSettings = { ...SYNC, forests: ['new.example', 'old.example'] };
    expect(migrationSubject([account('new'), account('old')], SYNC)?.objectGuid).toBe(NEW);
    expect(migrationSubject([account('new'), account('old')], reversed)?.objectGuid).toBe(OLD);
    // Without a configured order, nothing is guessed.
    expect(migrationSubject([account('new'), account('old')], { ...SYNC, forests: undefined })).toBeNull();
  });
});
