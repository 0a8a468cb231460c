// Loading scenarios: the shipped ones by name, any file by path, and refusing a bad file with the
// JSON path of each problem.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/core/errors.js';
import { shippedScenariosDir } from '../../src/lab/scenario-files.js';
import { listShippedScenarios, loadScenario, parseScenario } from '../../src/lab/scenario-loader.js';

const REQUIRED = [
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
  'anchor-collision',
  'upn-rename',
];

const healthyText = () => readFileSync(join(shippedScenariosDir(), 'healthy.json'), 'utf8');

async function rejection(run: () => unknown): Promise<UserFacingError> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(UserFacingError);
    return e as UserFacingError;
  }
  throw new Error('expected a rejection');
}

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'syncmatch-scenario-')), name);
  writeFileSync(file, text);
  return file;
}

describe('shipped scenarios', () => {
  it('finds the scenarios folder from the package root', () => {
    expect(shippedScenariosDir().replace(/\\/g, '/')).toMatch(/\/assets\/scenarios$/);
    expect(existsSync(shippedScenariosDir())).toBe(true);
  });

  it('lists every required scenario with a description, sorted by name', async () => {
    const list = await listShippedScenarios();
    const names = list.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(REQUIRED));
    expect(names).toEqual([...names].sort());
    for (const s of list) {
      expect(s.description.length, s.name).toBeGreaterThan(80);
      expect(s.lesson?.length ?? 0, s.name).toBeGreaterThan(40);
    }
  });

  it.each(REQUIRED)('%s loads, is named after its file, and its identity is one AD user', async (name) => {
    const s = await loadScenario(name);
    expect(s.name).toBe(name);
    const matches = s.ad.objects.filter(
      (o) => o.objectClass === 'user' && o.attributes.sAMAccountName === s.identity,
    );
    expect(matches).toHaveLength(1);
    // Lists are not trivially small: background users, groups and contacts.
    expect(s.ad.objects.length).toBeGreaterThanOrEqual(8);
    expect(s.tenant.users.length).toBeGreaterThanOrEqual(6);
    expect(s.tenant.groups.length).toBeGreaterThanOrEqual(2);
    expect(s.tenant.contacts.length).toBeGreaterThanOrEqual(2);
  });

  it('loads the same scenario from a file path', async () => {
    const file = tempFile('copy.json', healthyText());
    expect(await loadScenario(file)).toEqual(await loadScenario('healthy'));
  });
});

describe('refusing a bad scenario', () => {
  it('names the JSON path of a missing property', async () => {
    const s = JSON.parse(healthyText());
    delete s.tenant.users[0].userPrincipalName;
    const e = await rejection(() => loadScenario(tempFile('bad.json', JSON.stringify(s))));
    expect(e.code).toBe('SCENARIO_INVALID');
    expect(e.message).toContain('$.tenant.users[0].userPrincipalName: Required');
  });

  it('names every problem, each with its path', () => {
    const s = JSON.parse(healthyText());
    s.ad.objects[1].objectGUID = 'not-a-guid';
    s.tenant.domains[0].authenticationType = 'Kerberos';
    s.sync.scope = 'OU=Staff';
    const e = (() => {
      try {
        parseScenario(JSON.stringify(s), 'test');
      } catch (err) {
        return err as UserFacingError;
      }
      throw new Error('expected a rejection');
    })();
    expect(e.message).toContain('$.ad.objects[1].objectGUID: must be a GUID string');
    expect(e.message).toContain('$.tenant.domains[0].authenticationType');
    expect(e.message).toContain('$.sync.scope');
    expect(e.hint).toBeTruthy();
  });

  it('refuses an unknown property instead of ignoring a typo', async () => {
    const s = JSON.parse(healthyText());
    s.tenant.users[0].immutableId = s.tenant.users[0].onPremisesImmutableId;
    const e = await rejection(() => parseScenario(JSON.stringify(s), 'typo'));
    expect(e.message).toContain('$.tenant.users[0]');
    expect(e.message).toContain('immutableId');
  });

  it('refuses two AD objects with one objectGUID and two cloud objects with one id', async () => {
    const s = JSON.parse(healthyText());
    s.ad.objects[3].objectGUID = s.ad.objects[0].objectGUID.toUpperCase();
    s.tenant.groups[0].id = s.tenant.users[1].id;
    const e = await rejection(() => parseScenario(JSON.stringify(s), 'dupes'));
    expect(e.message).toContain(
      '$.ad.objects[3].objectGUID: the same objectGUID as $.ad.objects[0].objectGUID',
    );
    expect(e.message).toContain('$.tenant.groups[0].id: the same id as $.tenant.users[1].id');
  });

  it('says in a sentence that the JSON itself is broken', async () => {
    const file = tempFile('broken.json', '{ "name": "x", }');
    const e = await rejection(() => loadScenario(file));
    expect(e.code).toBe('SCENARIO_BAD_JSON');
    expect(e.message).toMatch(/^The scenario .*broken\.json is not valid JSON: /);
  });

  it('lists the shipped scenarios when a name is unknown', async () => {
    const e = await rejection(() => loadScenario('no-such-scenario'));
    expect(e.code).toBe('SCENARIO_NOT_FOUND');
    expect(e.message).toBe('There is no shipped scenario called "no-such-scenario".');
    expect(e.hint).toContain('healthy');
    expect(e.exitCode).toBe(2);
  });

  it('says when a scenario file does not exist', async () => {
    const e = await rejection(() => loadScenario('./missing/scenario.json'));
    expect(e.code).toBe('SCENARIO_NOT_FOUND');
    expect(e.message).toContain('does not exist');
  });
});
