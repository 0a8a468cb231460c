// Where the real test services (Samba AD DC, sshd) are: each start script writes
// .tmp/services/<name>.json. Without them the integration tests skip and say so; in CI (CI=true)
// a missing service fails the run instead.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', '..', '.tmp', 'services');

export function service<T>(name: string): T | null {
  const file = join(DIR, `${name}.json`);
  if (!existsSync(file)) {
    if (process.env.CI === 'true') {
      throw new Error(`The ${name} test service is not running (${file} missing): CI requires it.`);
    }
    console.warn(
      `[skip] ${name} is not running: run 'bash scripts/test-services/start.sh' to include its tests.`,
    );
    return null;
  }
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
