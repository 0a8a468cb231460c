// One line of `setup --check` (each adapter's own check returns these): what was tested, whether it
// worked, and what to try when not.

export type CheckStatus = 'ok' | 'failed' | 'warning' | 'skipped';

export interface CheckRow {
  area: 'AD' | 'Graph' | 'Sync server';
  check: string;
  status: CheckStatus;
  /** What was found, or what went wrong (one sentence, no secrets). */
  detail: string;
  /** What to try next (failures and warnings). */
  hint?: string;
}

export function row(
  area: CheckRow['area'],
  check: string,
  status: CheckStatus,
  detail: string,
  hint?: string,
): CheckRow {
  return { area, check, status, detail, ...(hint ? { hint } : {}) };
}

/** A failure row from an error: its sentence and hint when it is a UserFacingError. */
export function failedRow(area: CheckRow['area'], check: string, error: unknown): CheckRow {
  const e = error as { message?: string; hint?: string };
  return row(area, check, 'failed', e?.message ?? String(error), e?.hint);
}
