// The one read-only decision (issue 14): flag, variable, profile — any one turns it on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import envPaths from 'env-paths';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFilePath } from '../../src/adapters/config/config-path.js';
import { ConfigStore } from '../../src/adapters/config/store.js';
import { UserFacingError } from '../../src/core/errors.js';
import { readOnlyDecision } from '../../src/commands/read-only.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncmatch-ro-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const env = (extra: Record<string, string> = {}) => ({ SYNCMATCH_CONFIG_DIR: dir, ...extra });
const config = (value: unknown) => writeFileSync(join(dir, 'config.json'), JSON.stringify(value));

describe('readOnlyDecision', () => {
  it('is off when no source says so', () => {
    expect(readOnlyDecision({}, { env: env() })).toEqual({
      readOnly: false,
      because: null,
    });
  });

  it.each([
    ['the flag', { readOnly: true }, {}, null, '--read-only'],
    ['the variable', {}, { SYNCMATCH_READ_ONLY: 'yes' }, null, 'SYNCMATCH_READ_ONLY=yes'],
    ['the default profile', {}, {}, 'audit', 'profile "audit" (readOnly)'],
    ['--profile', { profile: 'audit' }, {}, 'other', 'profile "audit" (readOnly)'],
    ['SYNCMATCH_PROFILE', {}, { SYNCMATCH_PROFILE: 'audit' }, 'other', 'profile "audit" (readOnly)'],
  ] as const)('is on from %s', (_name, opts, vars, defaultProfile, because) => {
    config({
      version: 1,
      ...(defaultProfile ? { defaultProfile } : {}),
      profiles: { audit: { readOnly: true }, other: {} },
    });
    const e = env(vars);
    expect(readOnlyDecision(opts, { env: e })).toEqual({ readOnly: true, because });
  });

  it('applies in the lab too; a broken config is no answer (a real run stops on it when it loads)', () => {
    config({ version: 1, defaultProfile: 'audit', profiles: { audit: { readOnly: true } } });
    expect(readOnlyDecision({ lab: 'healthy' }, { env: env() }).readOnly).toBe(true);
    writeFileSync(join(dir, 'config.json'), '{ broken');
    expect(readOnlyDecision({ lab: 'healthy' }, { env: env() }).readOnly).toBe(false);
    expect(() => ConfigStore.open({ env: env() })).toThrow(UserFacingError);
  });

  it('reads the file conf reads, without loading conf', () => {
    expect(configFilePath(env())).toBe(ConfigStore.open({ env: env() }).path);
    // Without SYNCMATCH_CONFIG_DIR: where conf's env-paths puts it (not opened: no folder is made).
    expect(configFilePath({})).toBe(join(envPaths('syncmatch').config, 'config.json'));
  });

  it('refuses a variable it cannot read (exit 2) instead of taking it as off', () => {
    const e = env({ SYNCMATCH_READ_ONLY: 'sure' });
    expect(() => readOnlyDecision({}, { env: e })).toThrow(/SYNCMATCH_READ_ONLY must be/);
  });
});
