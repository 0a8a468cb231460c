// The scan as CSV for a spreadsheet (RFC 4180: a header row, CRLF line ends, fields quoted when
// they hold a comma, a quote or a line break, quotes doubled). Directory values are attacker-
// controlled text, so a value a spreadsheet would run as a formula (starting with = + - @, or a
// tab or carriage return: OWASP's list) gets a leading apostrophe. That includes a base64
// immutableId starting with '+': the apostrophe is the price of not executing anything.
import type { UserForecast } from './types.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, neutralised and quoted as needed. */
export function csvField(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvField).join(',');
}

export const CSV_HEADER = [
  'dn',
  'sAMAccountName',
  'userPrincipalName',
  'outcome',
  'syncError',
  'quarantined',
  'findings',
  'targetUserPrincipalName',
  'targetId',
  'targetManagement',
  'expectedImmutableId',
  'anchorSource',
  'reason',
  // Issue 21: where the AD user lives (several forests or domains).
  'domain',
  'forest',
] as const;

/** The whole file: header, then one row per AD user, each line ending in CRLF. */
export function scanCsv(users: readonly UserForecast[]): string {
  const lines = [csvRow(CSV_HEADER)];
  for (const u of users) {
    lines.push(
      csvRow([
        u.dn,
        u.sAMAccountName,
        u.userPrincipalName,
        u.forecast.outcome,
        u.forecast.error,
        u.forecast.quarantined ? 'yes' : 'no',
        u.findings.map((f) => f.code).join(' '),
        u.target?.userPrincipalName,
        u.target?.id,
        u.target?.management,
        u.expectedImmutableId,
        u.anchorSource,
        u.forecast.reason,
        u.domain,
        u.forest,
      ]),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
