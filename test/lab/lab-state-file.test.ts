// The lab a batch leaves (issue 18): saved after writes and a sync, then opened in a new lab
// environment, it holds the same AD, tenant, joins and run count; a file that is not a saved lab
// is refused with one sentence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/core/errors.js';
import { parseSavedLab } from '../../src/lab/lab-state-file.js';
import { labServices, labTestFile } from './lab-test-file.js';

const lab = labTestFile('syncmatch-saved-lab-');

describe('a saved lab', () => {
  it('opens as it was left: the write, the join and the sync runs', async () => {
    const env = await lab.open('stale-immutable-id', {});
    const services = labServices(env);
    const d = await services.diagnose('jdoe', () => {});
    for (const step of d.plan.filter((s) => s.writes))
      expect((await services.applyStep(step, d)).status).toBe('done');
    expect((await services.syncAndVerify(d, () => {})).verdict).toBe('matched');
    const file = join(lab.dir(), 'b1.lab.json');
    await env.saveLab!(file, 'b1');

    const saved = parseSavedLab(readFileSync(file, 'utf8'), file);
    expect(saved.batch).toBe('b1');
    const again = await lab.open(saved.scenario, {}, {}, saved);
    expect(again.state.joins).toEqual(env.state.joins);
    expect(Object.keys(again.state.joins)).toContain(d.onPrem!.objectGuid);
    expect(again.state.syncRuns).toBe(env.state.syncRuns);
    expect(again.state.tenant.users).toEqual(env.state.tenant.users);
    expect(again.state.ad.objects).toEqual(env.state.ad.objects);
    // And the reopened lab diagnoses the user as matched, without another write or sync.
    const after = await labServices(again).diagnose('jdoe', () => {});
    expect(after.findings.map((f) => f.code)).toContain('ALREADY_MATCHED');
  });

  it('refuses a file that is not a saved lab, with a sentence', () => {
    const refused = (text: string) => {
      try {
        parseSavedLab(text, 'x.lab.json');
      } catch (e) {
        expect(e).toBeInstanceOf(UserFacingError);
        return (e as UserFacingError).message;
      }
      throw new Error('accepted');
    };
    expect(refused('{')).toBe('The saved lab x.lab.json is not valid JSON.');
    expect(refused('{"scenario":{}}')).toBe('The saved lab x.lab.json is not a saved lab.');
    expect(refused('{"scenario":{},"joins":{"a":1},"syncRuns":0,"savedAt":"t","batch":"b"}')).toBe(
      'The saved lab x.lab.json is not a saved lab.',
    );
    expect(refused('{"scenario":{"name":1},"joins":{},"syncRuns":0,"savedAt":"t","batch":"b"}')).toMatch(
      /^The scenario x\.lab\.json does not match the scenario format/,
    );
  });
});
