// Expected failures are values a technician can act on: a sentence, what to try, an exit code.

export const EXIT = { ok: 0, failure: 1, usage: 2, problems: 3, cancelled: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the user can fix: the message says what happened, `hint` what to try next. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly hint?: string,
    readonly exitCode: ExitCode = EXIT.failure,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/** Bad input on the command line or in a prompt: exit 2. */
export class UsageError extends UserFacingError {
  constructor(message: string, hint?: string) {
    super(message, 'USAGE', hint, EXIT.usage);
    this.name = 'UsageError';
  }
}
