// The hand-off case (issue 17): the whole-snapshot comparison and the refusals, pure.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  diffSnapshots,
  directoryOf,
  refuseCase,
  sealCase,
} from '../../src/core/handoff/case.js';
import type { Snapshot } from '../../src/core/snapshot.js';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

describe('diffSnapshots', () => {
  const users = [
    {
      id: 'a',
      userPrincipalName: 'a@x',
      onPremisesImmutableId: null,
      proxyAddresses: ['SMTP:a@x', 'smtp:b@x'],
    },
    { id: 'b', userPrincipalName: 'b@x', onPremisesImmutableId: 'Zm9v', proxyAddresses: [] },
  ];
  it('a reordering is not a change', () => {
    expect(diffSnapshots({ users }, { users: [...users].reverse() })).toEqual([]);
    const swapped = [{ ...users[0]!, proxyAddresses: ['smtp:b@x', 'SMTP:a@x'] }, users[1]];
    expect(diffSnapshots({ users }, { users: swapped })).toEqual([]);
  });
  it('names the object and the property that changed, and objects that came or went', () => {
    const after = [
      { ...users[0]!, onPremisesImmutableId: 'YmFy' },
      { id: 'c', userPrincipalName: 'c@x' },
    ];
    expect(diffSnapshots({ users }, { users: after })).toEqual([
      { path: 'users[a@x].onPremisesImmutableId', before: 'null', after: '"YmFy"' },
      { path: 'users[b@x]', before: 'present', after: '(gone)' },
      { path: 'users[c@x]', before: '(absent)', after: 'present' },
    ]);
  });
});

describe('the sealed case', () => {
  const snapshot = { identity: 'jdoe', onPrem: { matches: [], related: [] } } as unknown as Snapshot;
  const body = {
    kind: 'syncmatch-case' as const,
    version: 1 as const,
    createdAt: '2026-01-14T09:00:00.000Z',
    createdBy: 'l1',
    environment: 'profile: contoso',
    tenant: 'contoso.onmicrosoft.com',
    directory: 'DC=contoso,DC=com',
    readOnly: true,
    identity: 'jdoe',
    snapshot,
    findings: [],
    plan: [],
  };
  const check = {
    now: new Date('2026-01-14T12:00:00Z'),
    maxAgeMs: 24 * 3_600_000,
    tenant: 'Contoso.onmicrosoft.com',
  };
  it('is accepted as written (tenant compared without case)', () => {
    expect(refuseCase(sealCase(body, sha), check, sha)).toBeNull();
  });
  it('any edit breaks the digest, even one that re-sorts nothing', () => {
    const c = sealCase(body, sha);
    expect(refuseCase({ ...c, createdBy: 'someone' }, check, sha)).toMatch(/digest does not match/);
    expect(refuseCase({ ...c, createdAt: '2026-01-14T11:59:00.000Z' }, check, sha)).toMatch(
      /digest does not match/,
    );
  });
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
  it('the AD domain of a DN, escaped commas respected', () => {
    expect(directoryOf('CN=Doe\\, John,OU=Staff,DC=contoso,DC=com')).toBe('DC=contoso,DC=com');
    expect(directoryOf(null)).toBeNull();
  });
});
