// Who ran the tool, for the journal's "operator". os.userInfo() throws when the user has no
// passwd entry (some containers), so fall back to the environment, then to "unknown".
import { userInfo } from 'node:os';

export function operatorName(env: Record<string, string | undefined> = process.env): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // fall through
  }
  return env.USER || env.USERNAME || env.LOGNAME || 'unknown';
}
