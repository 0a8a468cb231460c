// The filterable list of users: the summary row it was opened from (matched exactly), what was
// typed (searched within it), a window of matching users around the cursor with "more" marks, and
// the highlighted user's forecast in full. Directory values are shown with controls made visible.
// Finding codes are never cut: the other columns give way to them on a narrow terminal. When the
// users come from several domains (issue 21: a migration's two forests both hold a "jdoe"), each
// name is shown as AD's implicit UPN, sAMAccountName@domain, and the name column is wider.
import { Box, Text } from 'ink';
import { visibleText } from '../../core/display-text.js';
import { FINDING_CODES } from '../../core/findings.js';
import { counted } from '../../core/plural.js';
import { describeScope, shortOutcome } from '../../core/scan/labels.js';
import { PROBLEM_OUTCOMES } from '../../core/scan/summary.js';
import type { UserForecast } from '../../core/scan/types.js';
import { WrappedText } from '../wrapped-text.js';
import { MARK, Tone } from '../theme.js';

/** The first row to show so the cursor stays visible. */
export function windowStart(cursor: number, count: number, rows: number): number {
  if (count <= rows) return 0;
  return Math.min(Math.max(cursor - Math.floor(rows / 2), 0), count - rows);
}

function cell(text: string, width: number): string {
  const t = visibleText(text);
  return t.length > width ? `${t.slice(0, width - 1)}…` : t.padEnd(width);
}

/** The name a row shows: the sAMAccountName (else the DN), with its domain when `withDomain`. */
export function rowName(u: UserForecast, withDomain: boolean): string {
  const name = u.sAMAccountName ?? u.dn;
  return withDomain && u.sAMAccountName && u.domain ? `${name}@${u.domain}` : name;
}

/** True when the users come from more than one domain. */
export function severalDomains(users: readonly UserForecast[]): boolean {
  const first = users.find((u) => u.domain)?.domain;
  return first !== undefined && users.some((u) => u.domain !== undefined && u.domain !== first);
}

function mainFinding(u: UserForecast): string {
  return (u.findings.find((f) => f.severity === 'error') ?? u.findings[0])?.code ?? '';
}

const CODE_WIDTH = Math.max(...FINDING_CODES.map((c) => c.length));

/** Column widths for a list `width` characters wide (after the pointer and the mark); `wideName`:
 *  names carry their domain, so the name column may take up to 30 characters. */
export function listColumns(
  width: number,
  wideName = false,
): { name: number; outcome: number; code: number } {
  const code = CODE_WIDTH;
  const room = width - code - 2;
  const name = Math.min(wideName ? 30 : 16, Math.max(Math.floor(room / 2), 8));
  const outcome = room - name;
  return outcome >= 10
    ? { name, outcome: Math.min(outcome, 30), code }
    : { name: Math.max(room + 1, 6), outcome: 0, code };
}

export function ListView(props: {
  users: readonly UserForecast[];
  matches: readonly number[];
  scope: string | null;
  filter: string;
  cursor: number;
  rows: number;
  /** Users marked for a batch fix (positions in the full list). */
  marked?: ReadonlySet<number>;
  /** Characters available for a row. */
  columns: number;
  /** Lines for the highlighted user's details: 3 (one each) or 5 (the DN and reason get two). */
  detailLines: 3 | 5;
}) {
  const { users, matches, filter, scope } = props;
  const rows = Math.max(props.rows - 2, 1); // a line each for the "more" marks above and below
  const cursor = Math.min(props.cursor, Math.max(matches.length - 1, 0));
  const start = windowStart(cursor, matches.length, rows);
  const shown = matches.slice(start, start + rows);
  const current = matches.length > 0 ? users[matches[cursor]!] : undefined;
  const withDomain = severalDomains(users);
  const widths = listColumns(props.columns - 6, withDomain); // pointer, batch mark, outcome mark: 2 each
  const above = start;
  const below = Math.max(matches.length - start - shown.length, 0);
  const long = props.detailLines === 5 ? 2 : 1;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Tone tone="muted">{'Showing: '}</Tone>
        {describeScope(scope)}
        <Tone tone="muted">{` · ${matches.length} of ${counted(users.length, 'user')}`}</Tone>
      </Text>
      <Text wrap="truncate-end">
        {'Search: '}
        <Tone tone="accent" bold>
          {visibleText(filter)}
        </Tone>
        {'▏'}
      </Text>
      <Box flexDirection="column" height={rows + 2}>
        <Tone tone="muted">{above > 0 ? `  ↑ ${above} more` : ' '}</Tone>
        {shown.map((index, i) => {
          const u = users[index]!;
          const here = start + i === cursor;
          const bad = PROBLEM_OUTCOMES.has(u.forecast.outcome);
          const outcome = widths.outcome > 0 ? `${cell(shortOutcome(u), widths.outcome)} ` : '';
          const text = `${cell(rowName(u, withDomain), widths.name)} ${outcome}${mainFinding(u)}`;
          return (
            <Box key={index}>
              <Text>{here ? `${MARK.pointer} ` : '  '}</Text>
              <Tone tone="accent">{props.marked?.has(index) ? '◆ ' : '  '}</Tone>
              <Tone tone={bad ? 'error' : u.forecast.outcome === 'not-synced' ? 'muted' : 'ok'}>
                {`${bad ? MARK.fail : u.forecast.outcome === 'not-synced' ? MARK.skipped : MARK.ok} `}
              </Tone>
              <Text wrap="truncate-end">
                {here ? (
                  <Tone tone="accent" bold>
                    {text}
                  </Tone>
                ) : (
                  text
                )}
              </Text>
            </Box>
          );
        })}
        {matches.length === 0 ? <Tone tone="muted">No user matches this filter.</Tone> : null}
        {below > 0 ? <Tone tone="muted">{`  ↓ ${below} more`}</Tone> : null}
      </Box>
      <Box flexDirection="column" marginTop={1} height={props.detailLines}>
        {current ? (
          <>
            <WrappedText text={visibleText(current.dn)} width={props.columns} maxLines={long} />
            <WrappedText
              text={`${visibleText(current.userPrincipalName ?? '(no UPN)')} ${MARK.arrow} ${current.target ? visibleText(current.target.userPrincipalName) : 'no cloud user'}`}
              width={props.columns}
              maxLines={1}
            />
            <WrappedText text={visibleText(current.forecast.reason)} width={props.columns} maxLines={long} />
          </>
        ) : null}
      </Box>
    </Box>
  );
}
