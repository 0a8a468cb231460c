// Who signed in last time (an AuthenticationRecord: account name, home account id, tenant, client
// id, authority; no token, no secret), kept per profile beside the config file so the next sign-in
// pre-selects the account and `setup --check` can say who it was.
import {
  deserializeAuthenticationRecord,
  serializeAuthenticationRecord,
  type AuthenticationRecord,
} from '@azure/identity';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export function authRecordPath(configDir: string, profile: string | null): string {
  return join(configDir, `sign-in-${profile ?? 'default'}.json`);
}

export async function loadAuthRecord(path: string): Promise<AuthenticationRecord | undefined> {
  try {
    return deserializeAuthenticationRecord(await readFile(path, 'utf8'));
  } catch {
    // Missing or unreadable: sign in afresh; the record is a convenience only.
    return undefined;
  }
}

export async function saveAuthRecord(path: string, record: AuthenticationRecord): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, serializeAuthenticationRecord(record), { mode: 0o600 });
}
