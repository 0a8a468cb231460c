// Issue 21's two shipped scenarios, end to end through the lab (in-memory forests, Graph simulator,
// sync engine) and the fix flow `fix --yes` runs: a user caught mid-migration between two forests,
// and a child-domain user whose UPN a parent-domain object holds. Both walks end verified once the
// MANUAL step is done in the lab ("do it in the lab").
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFix } from '../../src/app/fix-flow.js';
import { createWizardServices } from '../../src/app/wizard-services.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import { guidToImmutableId } from '../../src/core/identifiers.js';
import type { ForestTwinEvidence } from '../../src/core/rules/forest-twins.js';
import { ticketMarkdown } from '../../src/core/ticket/render.js';
import { startSyncCycle } from '../../src/lab/sync-engine/index.js';
import type { Clock } from '../../src/ports.js';

const instant: Clock = { now: () => new Date(), sleep: async () => {} };
const OLD_JOHN = '1a5e0001-7b1c-4d2e-9f00-0000000000a1';
const NEW_JOHN = '2b6f0001-8c2d-4e3f-a011-0000000000b1';
const JOHN_CLOUD = 'c1a50001-0000-4000-8000-00000000c0a1';

let dir: string;
const envs: LabEnvironment[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncmatch-forests-'));
});
afterAll(async () => {
  await Promise.all(envs.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function open(name: string) {
  process.env.SYNCMATCH_LAB_JOURNAL = join(dir, `${name}-${envs.length}.jsonl`);
  const env = await openLabEnvironment(name, {});
  envs.push(env);
  const services = createWizardServices({ ...env, clock: instant, operator: 'test', undoCommand: null });
  const fix = (identity = env.suggestedIdentity!) => runFix(services, identity, new AbortController().signal);
  return { env, services, fix };
}

const adObject = (env: LabEnvironment, guid: string) =>
  env.state.ad.objects.find((o) => o.objectGUID === guid)!;

describe('forest-migration: a user caught between two forests', () => {
  it('diagnoses the account in the target forest, not "ambiguous", with both accounts as evidence', async () => {
    const { services } = await open('forest-migration');
    for (const identity of ['jdoe', 'john.doe@lab.example', OLD_JOHN]) {
      const d = await services.diagnose(identity, () => {});
      expect(d.onPrem, identity).toMatchObject({
        objectGuid: NEW_JOHN,
        forest: 'new.example',
        domain: 'new.example',
      });
      expect(d.forests).toEqual(['lab.example', 'new.example']);
      const f = d.findings.find((x) => x.code === 'USER_IN_TWO_FORESTS')!;
      expect(f.severity).toBe('error');
      const e = f.evidence as unknown as ForestTwinEvidence;
      expect(e.stage).toBe('stamp');
      expect(e.oldAccount).toMatchObject({
        forest: 'lab.example',
        domain: 'lab.example',
        objectGUID: OLD_JOHN,
        consistencyGuid: OLD_JOHN,
      });
      expect(e.newAccount).toMatchObject({
        forest: 'new.example',
        objectGUID: NEW_JOHN,
        consistencyGuid: null,
      });
      expect(e.cloudUser?.id).toBe(JOHN_CLOUD);
      expect(e.stampWith).toBe(OLD_JOHN);
      // The pair is one story, not a duplicate value, an anchor collision or a foreign link.
      expect(d.findings.map((x) => x.code)).not.toContain('AD_DUPLICATE_VALUE');
      expect(d.findings.map((x) => x.code)).not.toContain('LINKED_TO_OTHER_ANCHOR');
    }
  });

  it('the plan: stamp the new account (guarded AD write with its PowerShell), then take the old one out of scope', async () => {
    const { services } = await open('forest-migration');
    const d = await services.diagnose('jdoe', () => {});
    expect(d.plan.map((s) => s.action)).toEqual(['SET_CONSISTENCY_GUID', 'MANUAL']);
    const [stamp, manual] = d.plan;
    expect(stamp).toMatchObject({
      writes: true,
      reversible: true,
      objectId: NEW_JOHN,
      precondition: { kind: 'adObject', objectId: NEW_JOHN, expect: { consistencyGuid: null } },
      change: { property: 'mS-DS-ConsistencyGuid', before: null, after: OLD_JOHN },
    });
    expect(stamp!.powershell).toMatchObject({
      available: true,
      commands: [
        {
          module: 'ActiveDirectory',
          script: `Set-ADUser -Identity '${NEW_JOHN}' -Server 'new.example' -Replace @{'mS-DS-ConsistencyGuid'=[guid]'${OLD_JOHN}'}`,
        },
      ],
    });
    expect(manual!.manual?.lab).toEqual([
      { kind: 'moveAdObject', objectGuid: OLD_JOHN, newParentDn: 'OU=Migrated,DC=lab,DC=example' },
    ]);
    expect(manual!.powershell).toMatchObject({
      available: true,
      commands: [
        {
          script: `Move-ADObject -Identity '${OLD_JOHN}' -Server 'lab.example' -TargetPath 'OU=Migrated,DC=lab,DC=example'`,
        },
      ],
    });
  });

  it('fix --yes stamps and stops at the MANUAL step; done in the lab, fix --yes syncs and verifies the same cloud user', async () => {
    const { env, fix } = await open('forest-migration');
    const users = env.state.tenant.users.length;
    const first = await fix();
    expect(first.applied.map((a) => [a.action, a.status])).toEqual([
      ['SET_CONSISTENCY_GUID', 'done'],
      ['MANUAL', 'skipped'],
    ]);
    expect(first.matched).toBe(false);
    expect(first.stoppedBecause).toMatch(/^MANUAL: A person must do this first: Take the old account/);
    expect(adObject(env, NEW_JOHN).attributes['mS-DS-ConsistencyGuid']).toBe(OLD_JOHN);
    // Journalled before and after, with the AD object's GUID as the target.
    const journal = readFileSync(process.env.SYNCMATCH_LAB_JOURNAL!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(journal.map((j) => [j.phase, j.step, j.target.id, j.before, j.after])).toEqual([
      ['intent', 'SET_CONSISTENCY_GUID', NEW_JOHN, null, OLD_JOHN],
      ['result', 'SET_CONSISTENCY_GUID', NEW_JOHN, null, OLD_JOHN],
    ]);
    // Nothing synced yet: the MANUAL step halts the plan.
    expect(env.state.syncRuns).toBe(0);
    // The ticket names the account's domain (several forests are configured).
    expect(first.ticket?.adObject?.domain).toBe('new.example');
    expect(ticketMarkdown(first.ticket!)).toContain('| domain | `new.example` | |');
    const manual = (first.after ?? first.before)!.plan.find((s) => s.action === 'MANUAL')!;
    await env.labActions(manual.manual!.lab!);

    const second = await fix();
    expect(second.before!.plan.map((s) => s.action)).toEqual(['TRIGGER_DELTA_SYNC', 'VERIFY_MATCH']);
    expect(second.matched).toBe(true);
    expect(second.exitCode).toBe(0);
    expect(second.forecastHeld).toBe(true);
    // One cloud user, the same one, now joined to the new account with the old anchor.
    expect(env.state.tenant.users.length).toBe(users);
    expect(env.state.tenant.deletedUsers).toEqual([]);
    const john = env.state.tenant.users.find((u) => u.id === JOHN_CLOUD)!;
    expect(john.onPremisesImmutableId).toBe(guidToImmutableId(OLD_JOHN));
    expect(env.state.joins[NEW_JOHN]).toBe(JOHN_CLOUD);
    expect(env.state.joins[OLD_JOHN]).toBeUndefined();
  });

  it('the AD write is guarded (a changed account is not written) and undone through the journal', async () => {
    const { env, services } = await open('forest-migration');
    const d = await services.diagnose('jdoe', () => {});
    const stamp = d.plan[0]!;
    // Someone else stamps another value between the diagnosis and the write: nothing is written.
    const other = '0f0f0f0f-0000-4000-8000-000000000000';
    adObject(env, NEW_JOHN).attributes['mS-DS-ConsistencyGuid'] = other;
    const stale = await services.applyStep(stamp, d);
    expect(stale).toMatchObject({ status: 'failed', stale: true });
    expect(adObject(env, NEW_JOHN).attributes['mS-DS-ConsistencyGuid']).toBe(other);
    delete adObject(env, NEW_JOHN).attributes['mS-DS-ConsistencyGuid'];
    const done = await services.applyStep(stamp, d);
    expect(done.status).toBe('done');
    expect(adObject(env, NEW_JOHN).attributes['mS-DS-ConsistencyGuid']).toBe(OLD_JOHN);
    const undone = await services.undo!(done.journalId!);
    expect(undone.status, undone.detail).toBe('done');
    expect(adObject(env, NEW_JOHN).attributes['mS-DS-ConsistencyGuid']).toBeUndefined();
  });

  it('without the stamp, a sync leaves the new account unjoined (soft match refused) and the cloud user with the old one', async () => {
    const { env } = await open('forest-migration');
    startSyncCycle(env.state, instant);
    const lines = env.state.syncLog.filter(
      (l) => l.dn.includes('DC=new,DC=example') && l.dn.startsWith('CN=John'),
    );
    expect(lines.map((l) => l.outcome)).toEqual(['InvalidSoftMatch']);
    expect(env.state.joins[OLD_JOHN]).toBe(JOHN_CLOUD);
    expect(env.state.joins[NEW_JOHN]).toBeUndefined();
    // Connect wrote the new account's own objectGUID back: the stamp must now replace it.
    expect(adObject(env, NEW_JOHN).attributes['mS-DS-ConsistencyGuid']).toBe(NEW_JOHN);
  });

  it('stamped and synced with both in scope: both accounts join one metaverse object; taking the old out of scope keeps the cloud user', async () => {
    const { env } = await open('forest-migration');
    adObject(env, NEW_JOHN).attributes['mS-DS-ConsistencyGuid'] = OLD_JOHN;
    startSyncCycle(env.state, instant);
    const joined = env.state.syncLog.find((l) => l.outcome === 'Joined' && l.dn.includes('DC=new'));
    expect(joined?.message).toMatch(
      /Joined on sourceAnchor .* to the metaverse object of CN=John Doe,OU=Staff,DC=lab,DC=example/,
    );
    expect(env.state.joins[NEW_JOHN]).toBe(JOHN_CLOUD);
    expect(env.state.joins[OLD_JOHN]).toBe(JOHN_CLOUD);
    adObject(env, OLD_JOHN).dn = 'CN=John Doe,OU=Migrated,DC=lab,DC=example';
    startSyncCycle(env.state, instant);
    expect(env.state.tenant.deletedUsers).toEqual([]);
    expect(env.state.joins[OLD_JOHN]).toBeUndefined();
    expect(env.state.joins[NEW_JOHN]).toBe(JOHN_CLOUD);
    // Adele (already stamped) went the same way: one cloud user, both accounts joined.
    expect(env.state.tenant.users.filter((u) => u.userPrincipalName.startsWith('adele'))).toHaveLength(1);
  });

  it('a duplicate anchor inside one forest is still an export error, not a join', async () => {
    const { env } = await open('forest-migration');
    // A second lab.example user carrying Megan's objectGUID as its consistency GUID.
    const megan = adObject(env, '1a5e0003-7b1c-4d2e-9f00-0000000000a3');
    env.state.ad.objects.push({
      objectClass: 'user',
      dn: 'CN=Megan Copy,OU=Staff,DC=lab,DC=example',
      objectGUID: '1a5e0009-7b1c-4d2e-9f00-0000000000a9',
      attributes: {
        sAMAccountName: 'mcopy',
        userPrincipalName: 'megan.copy@lab.example',
        'mS-DS-ConsistencyGuid': megan.objectGUID,
      },
    });
    startSyncCycle(env.state, instant);
    const line = env.state.syncLog.find((l) => l.dn.startsWith('CN=Megan Copy'));
    expect(line?.outcome).toBe('ExportError');
  });
});

describe('child-domain-upn: a child-domain user whose UPN a parent-domain object holds', () => {
  it('finds the parent-domain holder forest-wide and names its domain', async () => {
    const { services } = await open('child-domain-upn');
    const d = await services.diagnose('cgreen', () => {});
    expect(d.onPrem).toMatchObject({ forest: 'lab.example', domain: 'child.lab.example' });
    const dup = d.findings.find((f) => f.code === 'AD_DUPLICATE_VALUE')!;
    expect(dup.evidence).toMatchObject({
      otherDn: 'CN=Chris Green (old),OU=Leavers,DC=lab,DC=example',
      otherForest: 'lab.example',
      otherDomain: 'lab.example',
    });
    expect(dup.message).toContain('Another AD user in lab.example holds');
  });

  it('fix --yes stops at the MANUAL step; done in the lab, it soft-matches and verifies', async () => {
    const { env, fix } = await open('child-domain-upn');
    const first = await fix();
    expect(first.applied.map((a) => [a.action, a.status])).toEqual([['MANUAL', 'skipped']]);
    expect(first.matched).toBe(false);
    const manual = first.before!.plan.find((s) => s.action === 'MANUAL')!;
    expect(manual.manual?.lab).toEqual([
      {
        kind: 'removeAdValues',
        objectGuid: '3c7a0002-9d3e-4f40-b122-0000000000c2',
        values: ['chris.green@lab.example'],
      },
    ]);
    await env.labActions(manual.manual!.lab!);
    const second = await fix();
    expect(second.matched).toBe(true);
    expect(second.exitCode).toBe(0);
    expect(second.ticket?.adObject?.domain).toBe('child.lab.example (forest lab.example)');
    const chris = env.state.tenant.users.find((u) => u.id === 'c3c70001-0000-4000-8000-00000000c0c1')!;
    expect(chris.onPremisesSyncEnabled).toBe(true);
    expect(chris.onPremisesImmutableId).toBe(guidToImmutableId('3c7a0001-9d3e-4f40-b122-0000000000c1'));
  });
});

describe('scan across forests', () => {
  it('reads every forest and domain, and finds the two-forest user and the cross-domain duplicate', async () => {
    const { runScan } = await import('../../src/core/scan/scanner.js');
    const { scanCsv } = await import('../../src/core/scan/csv.js');
    const scanOf = async (name: string) => {
      const { env } = await open(name);
      const [objects, tenant] = await Promise.all([env.bulk.directory.readAll(), env.bulk.tenant.readAll()]);
      return runScan({ objects, tenant, sync: env.sync, scope: [] });
    };
    const migration = await scanOf('forest-migration');
    const byDn = new Map(migration.users.map((u) => [u.dn, u]));
    const newJohn = byDn.get('CN=John Doe,OU=Staff,DC=new,DC=example')!;
    expect(newJohn).toMatchObject({ forest: 'new.example', domain: 'new.example' });
    expect(newJohn.findings).toContainEqual({ code: 'USER_IN_TWO_FORESTS', severity: 'error' });
    expect(newJohn.forecast).toMatchObject({ outcome: 'export-error', error: 'InvalidSoftMatch' });
    expect(byDn.get('CN=John Doe,OU=Staff,DC=lab,DC=example')).toMatchObject({ forest: 'lab.example' });
    // Nina is only in the new forest: nothing to say about forests.
    expect(byDn.get('CN=Nina New,OU=Staff,DC=new,DC=example')!.findings.map((f) => f.code)).toEqual([
      'ALREADY_MATCHED',
    ]);
    expect(scanCsv(migration.users).split('\r\n')[0]).toMatch(/,domain,forest$/);

    // A GAL-sync contact the new forest made for Megan (lab.example) holds her address: a duplicate
    // across forests, not one person's two accounts.
    const megan = byDn.get('CN=Megan Bowen,OU=Staff,DC=lab,DC=example')!;
    expect(megan.findings).toContainEqual({ code: 'AD_DUPLICATE_VALUE', severity: 'error' });
    expect(megan.findings.map((f) => f.code)).not.toContain('USER_IN_TWO_FORESTS');

    const child = await scanOf('child-domain-upn');
    const chris = child.users.find((u) => u.sAMAccountName === 'cgreen')!;
    expect(chris).toMatchObject({ forest: 'lab.example', domain: 'child.lab.example' });
    expect(chris.findings).toContainEqual({ code: 'AD_DUPLICATE_VALUE', severity: 'error' });
  });
});
