// The PowerShell behind every step (issue 17): every generated command parses with a real
// PowerShell grammar, and hostile directory values stay one literal string.
import { afterAll, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../../src/app/collect-snapshot.js';
import { openLabEnvironment, type LabEnvironment } from '../../../src/commands/lab-environment.js';
import { diagnose } from '../../../src/core/diagnose.js';
import { guidToImmutableId } from '../../../src/core/identifiers.js';
import type { PlanStep } from '../../../src/core/plan-types.js';
import * as ps from '../../../src/core/powershell/commands.js';
import { escapeSingleQuoted, psString } from '../../../src/core/powershell/quote.js';
import { powershellFor } from '../../../src/core/powershell/steps.js';
import { buildContext } from '../../../src/core/rules/context.js';
import type { CloudUser, OnPremObject, Snapshot } from '../../../src/core/snapshot.js';
import type { PowerShellCommand } from '../../../src/core/powershell/types.js';
import { parsePowerShell } from './ps-grammar.js';

const HOSTILE = [
  "O'Brien",
  'Zoë ‘quoted’ ‚low‛ and ’',
  '$(Remove-Item -Recurse C:\\)',
  '${env:PATH} $x @x',
  '`whoami` `n',
  'a; Stop-Computer -Force',
  'first line\nsecond line',
  '"double" and "$(Get-Date)"',
  "'; Remove-ADUser -Identity x; '",
  '#not a comment',
  "''",
  '’',
];

/** PowerShell's reading of a single-quoted literal (any quote pair is one quote of that kind). */
function decodeVerbatim(literal: string): string {
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (/['\u2018\u2019\u201a\u201b]/.test(c)) {
      const next = body[i + 1];
      if (next === undefined || !/['\u2018\u2019\u201a\u201b]/.test(next)) throw new Error('unpaired quote');
      out += next;
      i++;
    } else out += c;
  }
  return out;
}

describe('psString', () => {
  it.each(HOSTILE)('keeps %j one literal that decodes to itself', async (value) => {
    const literal = psString(value);
    expect(decodeVerbatim(literal)).toBe(value);
    const parsed = await parsePowerShell(`Write-Output ${literal}`);
    expect(parsed.ok).toBe(true);
    expect(parsed.expanding).toEqual([]);
    expect(parsed.strings).toHaveLength(1);
  });

  it('doubles each of the five single-quote characters PowerShell knows', () => {
    expect(escapeSingleQuoted("'‘’‚‛")).toBe("''‘‘’’‚‚‛‛");
    expect(psString('')).toBe("''");
  });

  it('spells ESC, CR and direction overrides as [char] so no control character is printed', async () => {
    const value = 'evil\u001b]52;c;AAAA\u0007\r\u202ename';
    const expr = psString(value);
    // eslint-disable-next-line no-control-regex
    expect(expr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(expr).toBe(
      "('evil' + [char]0x001B + ']52;c;AAAA' + [char]0x0007 + [char]0x000D + [char]0x202E + 'name')",
    );
    const parsed = await parsePowerShell(`Write-Output ${expr}`);
    expect(parsed.ok).toBe(true);
    expect(parsed.expanding).toEqual([]);
    expect(psString('\u001bx')).toBe("('' + [char]0x001B + 'x')");
  });

  it('a broken quote is caught by the grammar (the check can fail)', async () => {
    expect((await parsePowerShell("Set-ADUser -Identity 'O'Brien'")).ok).toBe(false);
    expect((await parsePowerShell('Set-ADUser -Identity \u2018O\u2019Brien\u2019')).ok).toBe(false);
    expect((await parsePowerShell('Write-Output "$(Get-Date)"')).expanding).not.toEqual([]);
  });
});

const GUID = '8ec297b6-39dc-4da1-aa92-94686f191d0b';
const ID = '0f9a3c1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

/** Every builder with one value slot, so each can be fed a hostile value. */
const BUILDERS: Record<string, (v: string) => PowerShellCommand> = {
  setImmutableId: (v) => ps.setImmutableId(v, v),
  clearImmutableId: (v) => ps.clearImmutableId(v),
  setUpn: (v) => ps.setUpn(v, v),
  exportDeleted: (v) => ps.exportDeleted(v),
  purgeDeleted: (v) => ps.purgeDeleted(v),
  restoreDeleted: (v) => ps.restoreDeleted(v),
  readUser: (v) => ps.readUser(v),
  readUsersWithImmutableId: (v) => ps.readUsersWithImmutableId(v),
  adRemoveValue: (v) => ps.adRemoveValue(v, 'proxyAddresses', v),
  adAddValue: (v) => ps.adAddValue(v, 'proxyAddresses', v),
  adReplace: (v) => ps.adReplace(v, 'mail', v),
  adSwapPrimary: (v) => ps.adSwapPrimary(v, v, v),
  adClear: (v) => ps.adClear(v, 'mail'),
  adFindByAddress: (v) => ps.adFindByAddress(v),
  adShow: (v) => ps.adShow(v, ['mail']),
  adMove: (v) => ps.adMove(v, v, 'move'),
  adMoveOutOfScope: (v) => ps.adMoveOutOfScope(v),
  adReplaceAsked: (v) => ps.adReplaceAsked(v, 'mail'),
  removeRoleAssignments: (v) => ps.removeRoleAssignments(v),
  removeRoleEligibility: (v) => ps.removeRoleEligibility(v),
  giveRoleBack: (v) => ps.giveRoleBack(v, v),
  exoRemoveAddress: (v) => ps.exoRemoveAddress('group', v, v),
  exoSetPrimary: (v) => ps.exoSetPrimary('contact', v, v),
  adSetConsistencyGuid: (v) => ps.adSetConsistencyGuid(v, v, v),
  adMoveInDomain: (v) => ps.adMoveInDomain(v, v, v, 'move'),
};

describe('every command builder', () => {
  it('is covered here', () => {
    const exported = Object.entries(ps)
      .filter(
        ([name, f]) => typeof f === 'function' && !['parentDn', 'scheduler'].includes(name) && f.length > 0,
      )
      .map(([name]) => name)
      .sort();
    expect(Object.keys(BUILDERS).sort()).toEqual(exported);
  });

  it('the commands without values parse', async () => {
    for (const c of [ps.deltaSync(), ps.scheduler(false), ps.scheduler(true), ps.allowHardMatchTakeover()]) {
      const parsed = await parsePowerShell(c.script);
      expect(parsed.ok, c.script).toBe(true);
      expect(parsed.expanding, c.script).toEqual([]);
    }
  });

  it.each(Object.keys(BUILDERS))('%s: parses, and a hostile value changes no structure', async (name) => {
    const build = BUILDERS[name]!;
    const benign = await parsePowerShell(build('benign-value').script);
    expect(benign.ok).toBe(true);
    for (const value of HOSTILE) {
      const script = build(value).script;
      const parsed = await parsePowerShell(script);
      expect(parsed.ok, script).toBe(true);
      expect(parsed.shape, script).toEqual(benign.shape);
      expect(parsed.expanding, script).toEqual(benign.expanding);
    }
  });
});

const ADVICE: Record<string, string[]> = {
  'admin-role': [
    'Roles to give back after the match is verified: Global Administrator',
    "New-MgRoleManagementDirectoryRoleAssignment -PrincipalId '",
  ],
  'duplicate-synced-user': [
    'Set-ADSyncScheduler -SyncCycleEnabled $false',
    'Set-ADSyncScheduler -SyncCycleEnabled $true',
    'Start-ADSyncSyncCycle -PolicyType Delta',
  ],
  'proxy-conflict-with-group': [
    'cannot be removed until another address is primary',
    "Set-DistributionGroup -Identity 'projects@contoso.com' -PrimarySmtpAddress",
  ],
  'on-prem-duplicates': [
    "Set-ADObject -Identity 'CN=John Doe (Fabrikam),OU=Contacts,DC=contoso,DC=com' -Remove",
  ],
  'stale-immutable-id': ["Update-MgUser -UserId '"],
  'recycle-bin-leftover': [
    "Invoke-MgGraphRequest -Method DELETE -Uri 'https://graph.microsoft.com/v1.0/directory/deletedItems/",
  ],
};

describe('the plan of every shipped scenario', () => {
  const envs: LabEnvironment[] = [];
  afterAll(async () => {
    await Promise.all(envs.map((e) => e.close()));
  });
  const names = [
    'healthy',
    'ready-for-soft-match',
    'stale-immutable-id',
    'non-routable-upn',
    'recycle-bin-leftover',
    'duplicate-synced-user',
    'federated-domain',
    'proxy-conflict-with-group',
    'admin-role',
    'on-prem-duplicates',
    'migrated-consistency-guid',
  ];
  it.each(names)('%s: each step has PowerShell that parses', async (name) => {
    const env = await openLabEnvironment(name, {});
    envs.push(env);
    const snapshot = await collectSnapshot(
      { directory: env.directory, tenant: env.tenant, sync: env.sync },
      env.suggestedIdentity!,
    );
    const d = diagnose(snapshot);
    // Issue 13 point 8: the manual advice matches reality, with the exact commands.
    const advice = d.plan.flatMap((s) => [
      ...(s.manual?.instructions ?? []),
      ...(s.powershell?.available ? s.powershell.commands.map((c) => c.script) : []),
    ]);
    for (const expected of ADVICE[name] ?? []) expect(advice.join('\n')).toContain(expected);
    for (const step of d.plan) {
      const eq = step.powershell!;
      expect(eq.available, `${step.action}: ${JSON.stringify(eq)}`).toBe(true);
      if (!eq.available) continue;
      for (const c of eq.commands) {
        const parsed = await parsePowerShell(c.script);
        expect(parsed.ok, c.script).toBe(true);
        expect(parsed.expanding, c.script).toEqual([]);
      }
    }
  });
});

function adUser(over: Partial<OnPremObject> = {}): OnPremObject {
  return {
    objectClass: 'user',
    dn: "CN=O'Brien\\, Seán ‘x’,OU=Staff,DC=contoso,DC=com",
    objectGuid: GUID,
    sAMAccountName: 'obrien',
    userPrincipalName: 'obrien@contoso.com',
    mail: 'obrien@contoso.com',
    mailNickname: 'obrien',
    displayName: "Seán O'Brien",
    proxyAddresses: ['SMTP:obrien@contoso.com'],
    consistencyGuid: null,
    ...over,
  };
}

function cloudUser(over: Partial<CloudUser> = {}): CloudUser {
  return {
    id: ID,
    userPrincipalName: 'obrien@contoso.com',
    displayName: "Seán O'Brien",
    mail: 'obrien@contoso.com',
    mailNickname: 'obrien',
    proxyAddresses: ['SMTP:obrien@contoso.com'],
    onPremisesImmutableId: null,
    onPremisesSyncEnabled: null,
    onPremisesLastSyncDateTime: null,
    onPremisesProvisioningErrors: [],
    ...over,
  };
}

function snapshotWith(over: {
  users?: CloudUser[];
  roles?: Record<string, string[]>;
  groups?: Snapshot['cloud'] extends infer C ? (C extends { groups: infer G } ? G : never) : never;
  related?: OnPremObject[];
  deleted?: CloudUser[];
}): Snapshot {
  return {
    identity: 'obrien',
    sync: { sourceAnchor: 'mS-DS-ConsistencyGuid', scope: ['OU=Staff,DC=contoso,DC=com'] },
    onPrem: { matches: [adUser()], related: over.related ?? [] },
    cloud: {
      users: over.users ?? [cloudUser()],
      groups: over.groups ?? [],
      contacts: [],
      deletedUsers: over.deleted ?? [],
      domains: [
        { id: 'contoso.com', isVerified: true, isInitial: false, authenticationType: 'Managed' },
        { id: 'contoso.onmicrosoft.com', isVerified: true, isInitial: true, authenticationType: 'Managed' },
      ],
      features: {
        blockSoftMatchEnabled: true,
        blockCloudObjectTakeoverThroughHardMatchEnabled: false,
        softMatchOnUpnEnabled: true,
      },
      roles: over.roles ?? {},
    },
  };
}

describe('plans with hostile values', () => {
  it('admin roles: removes them and lists each role to give back', async () => {
    const d = diagnose(snapshotWith({ roles: { [ID]: ['Global Administrator', "Exchange Admin's"] } }));
    const step = d.plan.find((s) => s.action === 'MANUAL')!;
    expect(step.manual!.instructions.join(' ')).toContain("Global Administrator, Exchange Admin's");
    const eq = step.powershell!;
    expect(eq.available).toBe(true);
    if (!eq.available) return;
    const scripts = eq.commands.map((c) => c.script);
    expect(scripts.filter((s) => s.startsWith('New-MgRoleManagementDirectoryRoleAssignment'))).toHaveLength(
      2,
    );
    for (const s of scripts) expect((await parsePowerShell(s)).ok, s).toBe(true);
    expect(scripts.join('\n')).toContain("displayName eq ''Exchange Admin''''s''");
  });

  it('a synced group whose primary address is ours: in AD, another address becomes primary first', async () => {
    const group: OnPremObject = {
      ...adUser(),
      objectClass: 'group',
      dn: 'CN=Sales $(boom),OU=Groups,DC=contoso,DC=com',
      objectGuid: '11111111-2222-3333-4444-555555555555',
      userPrincipalName: null,
      sAMAccountName: 'sales',
      proxyAddresses: ['SMTP:obrien@contoso.com', 'smtp:sales@contoso.com'],
      mail: 'obrien@contoso.com',
    };
    const d = diagnose(snapshotWith({ related: [group] }));
    const step = d.plan.find((s) => s.because.includes('AD_DUPLICATE_VALUE'))!;
    const eq = step.powershell!;
    if (!eq.available) throw new Error('expected commands');
    const script = eq.commands.map((c) => c.script).find((c) => c.includes('proxyAddresses'))!;
    expect(script).toBe(
      "Set-ADObject -Identity 'CN=Sales $(boom),OU=Groups,DC=contoso,DC=com' -Remove @{ 'proxyAddresses' = 'SMTP:obrien@contoso.com', 'smtp:sales@contoso.com' } -Add @{ 'proxyAddresses' = 'SMTP:sales@contoso.com' } -Replace @{ 'mail' = 'sales@contoso.com' }",
    );
    expect((await parsePowerShell(script)).expanding).toEqual([]);
  });

  it('a cloud group whose primary address is ours: Exchange makes another primary, then removes it', () => {
    const d = diagnose(
      snapshotWith({
        groups: [
          {
            kind: 'group',
            id: 'g1',
            displayName: 'Sales ‘EU’',
            mail: 'obrien@contoso.com',
            mailNickname: 'sales',
            proxyAddresses: ['SMTP:obrien@contoso.com', 'smtp:sales@contoso.com'],
            onPremisesSyncEnabled: null,
          },
        ],
      }),
    );
    const step = d.plan.find((s) => s.because.includes('CLOUD_DUPLICATE_PROXY_ADDRESS'))!;
    expect(step.manual!.instructions.join(' ')).toMatch(/cannot be removed until another address is primary/);
    const eq = step.powershell!;
    if (!eq.available) throw new Error('expected commands');
    expect(eq.commands.map((c) => c.script)).toEqual([
      "Set-DistributionGroup -Identity 'obrien@contoso.com' -PrimarySmtpAddress 'sales@contoso.com'",
      "Set-DistributionGroup -Identity 'sales@contoso.com' -EmailAddresses @{ remove = 'smtp:obrien@contoso.com' }",
    ]);
  });

  it('a synced duplicate: the scheduler is paused first and turned on last', () => {
    const holder = cloudUser({
      id: 'dup',
      userPrincipalName: 'obrien1234@contoso.onmicrosoft.com',
      onPremisesImmutableId: guidToImmutableId(GUID),
      onPremisesSyncEnabled: true,
    });
    const d = diagnose(snapshotWith({ users: [cloudUser(), holder] }));
    const step = d.plan[0]!;
    expect(step.manual!.instructions[0]).toContain('Set-ADSyncScheduler -SyncCycleEnabled $false');
    const eq = step.powershell!;
    if (!eq.available) throw new Error('expected commands');
    const scripts = eq.commands.map((c) => c.script);
    expect(scripts[0]).toBe('Set-ADSyncScheduler -SyncCycleEnabled $false');
    expect(scripts.at(-1)).toBe('Set-ADSyncScheduler -SyncCycleEnabled $true');
    expect(scripts).toContain('Start-ADSyncSyncCycle -PolicyType Delta');
  });

  it('an unknown step kind gets an explicit "no PowerShell equivalent", not a crash', () => {
    const s = snapshotWith({});
    const ctx = buildContext(s, s.onPrem.matches[0]!);
    const step = {
      action: 'FUTURE_STEP',
      because: [],
      precondition: { kind: 'none' },
    } as unknown as PlanStep;
    expect(powershellFor(step, ctx, [])).toEqual({
      available: false,
      reason: 'No PowerShell equivalent is known for the step FUTURE_STEP.',
    });
    const manual = { ...step, action: 'MANUAL', because: ['AD_DUPLICATE_ANCHOR'] } as unknown as PlanStep;
    const eq = powershellFor(manual, ctx, []);
    expect(eq.available).toBe(false);
  });
});

describe('withPowerShell', () => {
  it('works the commands out when first read, once, and they reach JSON output', () => {
    const s = snapshotWith({});
    const d = diagnose(s);
    const step = d.plan[0]!;
    const descriptor = Object.getOwnPropertyDescriptor(step, 'powershell')!;
    expect(descriptor.enumerable).toBe(true);
    expect(typeof descriptor.get).toBe('function');
    expect(step.powershell).toBe(step.powershell); // memoised: the same object each read
    const json = JSON.parse(JSON.stringify(d)) as { plan: PlanStep[] };
    expect(json.plan[0]!.powershell).toEqual(step.powershell);
  });
});
