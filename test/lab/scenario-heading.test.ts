// The wizard's first frame reads a scenario's heading: shipped scenarios without the schema, files
// given by path validated in full before anything is drawn.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/core/errors.js';
import { shippedScenariosDir } from '../../src/lab/scenario-files.js';
import { readScenarioHeading } from '../../src/lab/scenario-heading.js';

const dir = mkdtempSync(join(tmpdir(), 'syncmatch-heading-'));
const shipped = (name: string) =>
  JSON.parse(readFileSync(join(shippedScenariosDir(), `${name}.json`), 'utf8'));

describe('readScenarioHeading', () => {
  it('reads a shipped scenario’s name and identity', async () => {
    const h = await readScenarioHeading('admin-role');
    const s = shipped('admin-role');
    expect(h).toEqual({ name: s.name, identity: s.identity });
  });

  it('validates a scenario file given by path and hands it on', async () => {
    const s = shipped('stale-immutable-id');
    const file = join(dir, 'copy.json');
    writeFileSync(file, JSON.stringify({ ...s, name: 'my-copy', identity: 'someone@contoso.com' }));
    const h = await readScenarioHeading(file);
    expect(h.name).toBe('my-copy');
    expect(h.identity).toBe('someone@contoso.com');
    expect(h.scenario?.ad.objects.length).toBe(s.ad.objects.length);
  });

  it('refuses an invalid file by path before the first frame, with the JSON path', async () => {
    const s = shipped('stale-immutable-id');
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...s, ad: { ...s.ad, objects: [{ objectGUID: 'nope' }] } }));
    const err = await readScenarioHeading(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).code).toBe('SCENARIO_INVALID');
    expect((err as Error).message).toContain('$.ad.objects[0]');
  });

  it('names the shipped scenarios when the name is unknown', async () => {
    const err = await readScenarioHeading('no-such-scenario').catch((e: unknown) => e);
    expect((err as UserFacingError).code).toBe('SCENARIO_NOT_FOUND');
    expect((err as Error).message).toContain('no-such-scenario');
  });
});
