// AD_DUPLICATE_ANCHOR (issue 13, point 1): two AD objects resolving to the same sourceAnchor block
// the match, with both objects as evidence and a MANUAL step naming the value to clear.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/diagnose.js';
import { guidToImmutableId } from '../../src/core/identifiers.js';
import type { DuplicateAnchorEvidence } from '../../src/core/rules/ad-anchor.js';
import type { CloudView, OnPremObject, Snapshot } from '../../src/core/snapshot.js';

const JOHN = '93baf7aa-d55b-4253-8394-a57712c3e466';
const PRADEEP = '5f0c2a7e-3b1d-4e8a-9c6f-2d7b8e4a1c93';
const THIRD = '11111111-2222-3333-4444-555555555555';

function ad(name: string, guid: string, over: Partial<OnPremObject> = {}): OnPremObject {
  return {
    objectClass: 'user',
    dn: `CN=${name},OU=Staff,DC=contoso,DC=com`,
    objectGuid: guid,
    sAMAccountName: name.toLowerCase().replace(/\s/g, ''),
    userPrincipalName: `${name.toLowerCase().replace(/\s/g, '.')}@contoso.com`,
    mail: null,
    mailNickname: null,
    displayName: name,
    proxyAddresses: [],
    consistencyGuid: null,
    ...over,
  };
}

const cloud: CloudView = {
  users: [],
  groups: [],
  contacts: [],
  deletedUsers: [],
  domains: [{ id: 'contoso.com', isVerified: true, isInitial: true, authenticationType: 'Managed' }],
  features: null,
  roles: {},
};

function snap(user: OnPremObject, related: OnPremObject[], sourceAnchor = 'mS-DS-ConsistencyGuid'): Snapshot {
  return {
    identity: user.sAMAccountName!,
    sync: { sourceAnchor, scope: [] },
    onPrem: { matches: [user], related },
    cloud,
  };
}

const dup = (s: Snapshot) => diagnose(s).findings.filter((f) => f.code === 'AD_DUPLICATE_ANCHOR');

describe('AD_DUPLICATE_ANCHOR', () => {
  it("finds a consistency GUID that is another user's objectGUID, and clears the copy", () => {
    const john = ad('John Doe', JOHN, { consistencyGuid: PRADEEP });
    const pradeep = ad('Pradeep Gupta', PRADEEP);
    const d = diagnose(snap(john, [pradeep]));
    const f = d.findings.find((x) => x.code === 'AD_DUPLICATE_ANCHOR')!;
    expect(f.severity).toBe('error');
    const e = f.evidence as unknown as DuplicateAnchorEvidence;
    expect(e.anchor).toBe(guidToImmutableId(PRADEEP));
    expect(e.user.objectGuid).toBe(JOHN);
    expect(e.other.objectGuid).toBe(PRADEEP);
    expect(e.owner).toBe('other');
    expect(d.plan.map((s) => s.action)).toEqual(['MANUAL']);
    const step = d.plan[0]!;
    expect(step.because).toEqual(['AD_DUPLICATE_ANCHOR']);
    expect(step.manual!.instructions.join('\n')).toContain(
      `Set-ADObject -Identity '${JOHN}' -Clear 'mS-DS-ConsistencyGuid'`,
    );
    expect(step.manual!.lab).toEqual([
      { kind: 'setAdAttribute', objectGuid: JOHN, attribute: 'mS-DS-ConsistencyGuid', value: null },
    ]);
  });

  it('names the other object as the copy when the anchor is this user’s own objectGUID', () => {
    const john = ad('John Doe', JOHN);
    const copy = ad('Pradeep Gupta', PRADEEP, { consistencyGuid: JOHN });
    const d = diagnose(snap(john, [copy]));
    expect(d.plan[0]!.manual!.lab).toEqual([
      { kind: 'setAdAttribute', objectGuid: PRADEEP, attribute: 'mS-DS-ConsistencyGuid', value: null },
    ]);
  });

  it('asks for a decision when the anchor is neither object’s objectGUID (both copied)', () => {
    const a = ad('John Doe', JOHN, { consistencyGuid: THIRD });
    const b = ad('Pradeep Gupta', PRADEEP, { consistencyGuid: THIRD });
    const d = diagnose(snap(a, [b]));
    expect((d.findings[0]!.evidence as unknown as DuplicateAnchorEvidence).owner).toBeNull();
    expect(d.plan[0]!.description).toMatch(/^Decide which/);
    expect(d.plan[0]!.manual!.lab).toBeUndefined();
    const text = d.plan[0]!.manual!.instructions.join('\n');
    expect(text).toContain(`-Identity '${JOHN}'`);
    expect(text).toContain(`-Identity '${PRADEEP}'`);
  });

  it('compares resolved anchors: an objectGUID equal to the anchor does not count when that object has its own consistency GUID', () => {
    const john = ad('John Doe', JOHN, { consistencyGuid: PRADEEP });
    const pradeep = ad('Pradeep Gupta', PRADEEP, { consistencyGuid: THIRD });
    expect(dup(snap(john, [pradeep]))).toEqual([]);
  });

  it('never fires with objectGUID as the sourceAnchor (unique by construction)', () => {
    const john = ad('John Doe', JOHN, { consistencyGuid: PRADEEP });
    expect(dup(snap(john, [ad('Pradeep Gupta', PRADEEP)], 'objectGUID'))).toEqual([]);
  });

  it('compares a custom anchor attribute by its value', () => {
    const john = ad('John Doe', JOHN, { customAnchorValue: 'E1001' });
    const other = ad('Pradeep Gupta', PRADEEP, { customAnchorValue: 'E1001' });
    const found = dup(snap(john, [other], 'employeeID'));
    expect(found).toHaveLength(1);
    expect((found[0]!.evidence as unknown as DuplicateAnchorEvidence).attribute).toBe('employeeID');
  });

  it('ignores system objects, which Connect never exports', () => {
    const john = ad('John Doe', JOHN, { consistencyGuid: PRADEEP });
    const krbtgt = ad('krbtgt', PRADEEP, { isCriticalSystemObject: true });
    expect(dup(snap(john, [krbtgt]))).toEqual([]);
  });
});
