// `fix --yes --json` on both ends of the forest migration (issue 21), as the built CLI runs it:
// the start (the new account is stamped through the guarded AD write, then the run stops at the
// MANUAL step that takes the old account out of scope) and the end (a lab whose old account is
// already out of scope and whose new account carries the old anchor: sync, verify, matched).
// Needs `npm run build`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const OLD_JOHN = '1a5e0001-7b1c-4d2e-9f00-0000000000a1';
const NEW_JOHN = '2b6f0001-8c2d-4e3f-a011-0000000000b1';
const dir = mkdtempSync(join(tmpdir(), 'syncmatch-fix-forests-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fix(lab: string, journal: string) {
  const r = spawnSync(process.execPath, [CLI, 'fix', '--lab', lab, 'jdoe', '--yes', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SYNCMATCH_LAB_JOURNAL: journal },
    timeout: 60_000,
  });
  return { code: r.status, json: JSON.parse(r.stdout) as Record<string, unknown>, err: r.stderr };
}

describe('fix --yes --json, forest-migration', () => {
  it('start: stamps the new account (journalled) and stops at the MANUAL step, exit 3', () => {
    const journal = join(dir, 'start.jsonl');
    const r = fix('forest-migration', journal);
    expect(r.code).toBe(3);
    expect(r.json['applied']).toMatchObject([
      { action: 'SET_CONSISTENCY_GUID', status: 'done' },
      { action: 'MANUAL', status: 'skipped' },
    ]);
    expect(r.json['matched']).toBe(false);
    expect(String(r.json['stoppedBecause'])).toMatch(
      /Take the old account john\.doe@lab\.example \(lab\.example\)/,
    );
    const lines = readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.phase, l.step, l.target.id, l.after, l.result ?? null])).toEqual([
      ['intent', 'SET_CONSISTENCY_GUID', NEW_JOHN, OLD_JOHN, null],
      ['result', 'SET_CONSISTENCY_GUID', NEW_JOHN, OLD_JOHN, 'done'],
    ]);
    const before = r.json['before'] as { onPrem: { forest: string; domain: string } };
    expect(before.onPrem).toMatchObject({ forest: 'new.example', domain: 'new.example' });
  });

  it('end: the old account out of scope, the new one stamped: syncs, verifies the same cloud user, exit 0', () => {
    const scenario = JSON.parse(
      readFileSync(join(ROOT, 'assets', 'scenarios', 'forest-migration.json'), 'utf8'),
    );
    for (const o of scenario.ad.objects) {
      if (o.objectGUID === OLD_JOHN) o.dn = 'CN=John Doe,OU=Migrated,DC=lab,DC=example';
      if (o.objectGUID === NEW_JOHN) o.attributes['mS-DS-ConsistencyGuid'] = OLD_JOHN;
    }
    const file = join(dir, 'forest-migration-end.json');
    writeFileSync(file, JSON.stringify(scenario));
    const r = fix(file, join(dir, 'end.jsonl'));
    expect(r.code, r.err).toBe(0);
    expect(r.json['applied']).toMatchObject([
      { action: 'TRIGGER_DELTA_SYNC', status: 'done' },
      { action: 'VERIFY_MATCH', status: 'done' },
    ]);
    expect(r.json['matched']).toBe(true);
    expect(r.json['forecastHeld']).toBe(true);
    const after = r.json['after'] as { target: { id: string }; onPrem: { objectGuid: string } };
    expect(after.target.id).toBe('c1a50001-0000-4000-8000-00000000c0a1');
    expect(after.onPrem.objectGuid).toBe(NEW_JOHN);
  });
});
