// The lab's AD passes the same contract as the real DC, plus what only the lab can show (latency,
// reading the live state the sync engine writes to).
import { describe, expect, it } from 'vitest';
import { parseIdentity } from '../../src/core/identity-input.js';
import { InMemoryDirectory } from '../../src/lab/in-memory-ad.js';
import { createLabState, type LabState } from '../../src/lab/lab-state.js';
import { scenarioSchema } from '../../src/lab/scenario-schema.js';
import { runOnPremDirectoryContract, SEED, SEED_OBJECTS } from '../contract/on-prem-directory.contract.js';

function seededState(sourceAnchor = 'mS-DS-ConsistencyGuid'): LabState {
  const scenario = scenarioSchema.parse({
    name: 'directory-contract',
    description: 'The objects of the test Samba DC.',
    identity: 'jdoe',
    ad: { domain: 'lab.example', objects: SEED_OBJECTS },
    sync: { sourceAnchor, scope: ['OU=Lab,DC=lab,DC=example'] },
    tenant: { initialDomain: 'lab.onmicrosoft.com' },
  });
  return createLabState(scenario);
}

runOnPremDirectoryContract('in-memory AD', async (options) => {
  return new InMemoryDirectory(seededState(options?.anchorAttribute));
});

describe('InMemoryDirectory (lab only)', () => {
  it('reads the live state: a consistency GUID written back shows on the next read', async () => {
    const state = seededState();
    const dir = new InMemoryDirectory(state);
    const [before] = await dir.findUser(parseIdentity('obrien'));
    expect(before?.consistencyGuid).toBeNull();
    const pat = state.ad.objects.find((o) => o.objectGUID === SEED.obrien.guid)!;
    pat.attributes['mS-DS-ConsistencyGuid'] = SEED.obrien.guid.toUpperCase();
    const [after] = await dir.findUser(parseIdentity('obrien'));
    expect(after?.consistencyGuid).toBe(SEED.obrien.guid);
  });

  it('hands out copies: changing a result does not change the lab', async () => {
    const state = seededState();
    const dir = new InMemoryDirectory(state);
    const [john] = await dir.findUser(parseIdentity('jdoe'));
    john!.proxyAddresses.push('smtp:evil@lab.example');
    const [again] = await dir.findUser(parseIdentity('jdoe'));
    expect(again?.proxyAddresses).toHaveLength(2);
  });

  it('spends the configured latency once per call, like one LDAP round trip', async () => {
    const dir = new InMemoryDirectory(seededState(), { latencyMs: 60 });
    const t0 = performance.now();
    const [john] = await dir.findUser(parseIdentity('jdoe'));
    await dir.findRelated(john!);
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(115);
    expect(elapsed).toBeLessThan(400);
  });
});
