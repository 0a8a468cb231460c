// The Connect server's code page as a setting: the profile's sync.codePage, SYNCMATCH_SYNC_CODE_PAGE
// over it, 437 when neither says, and a sentence naming the setting for a page nobody knows.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigStore, loadSettings, type ProfileFile } from '../../src/adapters/config/index.js';

let dir: string;
let env: Record<string, string | undefined>;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sm-15-codepage-'));
  env = { SYNCMATCH_CONFIG_DIR: dir };
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const profile = (codePage?: string): ProfileFile => ({
  sync: { transport: 'local', ...(codePage ? { codePage } : {}) },
});
const sync = (extraEnv: Record<string, string> = {}) => loadSettings({ env: { ...env, ...extraEnv } }).sync;

describe('sync.codePage', () => {
  it('is 437 when nothing says otherwise', () => {
    ConfigStore.open({ env }).saveProfile('p', profile());
    expect(sync()).toMatchObject({ status: 'ready', value: { remoting: { codePage: '437' } } });
  });

  it('comes from the profile, and SYNCMATCH_SYNC_CODE_PAGE beats it', () => {
    ConfigStore.open({ env }).saveProfile('p', profile('850'));
    expect(sync()).toMatchObject({ value: { remoting: { codePage: '850' } } });
    expect(sync({ SYNCMATCH_SYNC_CODE_PAGE: 'utf-8' })).toMatchObject({
      value: { remoting: { codePage: 'utf-8' } },
    });
  });

  it('a code page nobody knows is a sentence naming the setting', () => {
    ConfigStore.open({ env }).saveProfile('p', profile('klingon'));
    const s = sync();
    expect(s.status).toBe('invalid');
    expect(JSON.stringify(s)).toMatch(/codePage.*is not a code page iconv-lite knows/);
  });
});
