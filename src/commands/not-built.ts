// Placeholder for a command whose issue has not landed yet: says so clearly and exits 1.
import { UserFacingError } from '../core/errors.js';

export function notBuilt(command: string, issue: string): never {
  throw new UserFacingError(
    `'${command}' is not built yet (${issue}).`,
    'NOT_BUILT',
    "'syncmatch convert' works today.",
  );
}
