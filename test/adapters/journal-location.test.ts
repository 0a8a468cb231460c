import { describe, expect, it } from 'vitest';
import { dataDirectory, defaultJournalPath, labJournalPath } from '../../src/adapters/journal/location.js';

const linux = (env: Record<string, string>) => ({ env, platform: 'linux' as const, home: '/home/ann' });
const windows = (env: Record<string, string>) => ({
  env,
  platform: 'win32' as const,
  home: 'C:\\Users\\ann',
});

describe('journal location', () => {
  it('uses SYNCMATCH_DATA_DIR before anything else', () => {
    const where = linux({ SYNCMATCH_DATA_DIR: '/srv/sm', XDG_DATA_HOME: '/x' });
    expect(dataDirectory(where)).toBe('/srv/sm');
    expect(defaultJournalPath(where)).toBe('/srv/sm/journal.jsonl');
  });

  it('uses an absolute XDG_DATA_HOME and ignores a relative one, as the XDG spec says', () => {
    expect(dataDirectory(linux({ XDG_DATA_HOME: '/data' }))).toBe('/data/syncmatch');
    expect(dataDirectory(linux({ XDG_DATA_HOME: 'relative/dir' }))).toBe('/home/ann/.local/share/syncmatch');
  });

  it('falls back to ~/.local/share/syncmatch on Linux and macOS', () => {
    expect(defaultJournalPath(linux({}))).toBe('/home/ann/.local/share/syncmatch/journal.jsonl');
    expect(dataDirectory({ env: {}, platform: 'darwin', home: '/Users/ann' })).toBe(
      '/Users/ann/.local/share/syncmatch',
    );
  });

  it('uses %LOCALAPPDATA%\\syncmatch on Windows', () => {
    expect(defaultJournalPath(windows({ LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }))).toBe(
      'C:\\Users\\ann\\AppData\\Local\\syncmatch\\journal.jsonl',
    );
    expect(dataDirectory(windows({}))).toBe('C:\\Users\\ann\\AppData\\Local\\syncmatch');
  });

  it('keeps the lab journal apart from the real one', () => {
    expect(labJournalPath(linux({ SYNCMATCH_DATA_DIR: '/d' }))).toBe('/d/lab-journal.jsonl');
    expect(labJournalPath(linux({ SYNCMATCH_LAB_JOURNAL: '/tmp/run-1.jsonl' }))).toBe('/tmp/run-1.jsonl');
  });
});
