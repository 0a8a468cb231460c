// The filterable list of users: what was typed, a window of matching users around the cursor, and
// the highlighted user's forecast in full. Directory values are shown with controls made visible.
import { Box, Text } from 'ink';
import { visibleText } from '../../core/display-text.js';
import { shortOutcome } from '../../core/scan/labels.js';
import { PROBLEM_OUTCOMES } from '../../core/scan/summary.js';
import type { UserForecast } from '../../core/scan/types.js';
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

function mainFinding(u: UserForecast): string {
  return (u.findings.find((f) => f.severity === 'error') ?? u.findings[0])?.code ?? '';
}

export function ListView(props: {
  users: readonly UserForecast[];
  matches: readonly number[];
  filter: string;
  cursor: number;
  rows: number;
  /** Users marked for a batch fix (positions in the full list). */
  marked?: ReadonlySet<number>;
}) {
  const { users, matches, filter, rows } = props;
  const cursor = Math.min(props.cursor, Math.max(matches.length - 1, 0));
  const start = windowStart(cursor, matches.length, rows);
  const shown = matches.slice(start, start + rows);
  const current = matches.length > 0 ? users[matches[cursor]!] : undefined;
  return (
    <Box flexDirection="column">
      <Text>
        {'Filter: '}
        <Tone tone="accent" bold>
          {visibleText(filter)}
        </Tone>
        {'▏'}
        <Tone tone="muted">{`  ${matches.length} of ${users.length} users`}</Tone>
      </Text>
      <Box flexDirection="column" height={rows}>
        {shown.map((index, i) => {
          const u = users[index]!;
          const here = start + i === cursor;
          const bad = PROBLEM_OUTCOMES.has(u.forecast.outcome);
          const text = `${cell(u.sAMAccountName ?? u.dn, 16)} ${cell(shortOutcome(u), 30)} ${cell(mainFinding(u), 26)}`;
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
      </Box>
      <Box flexDirection="column" marginTop={1} height={3}>
        {current ? (
          <>
            <Text wrap="truncate-end">{visibleText(current.dn)}</Text>
            <Text wrap="truncate-end">
              {`${visibleText(current.userPrincipalName ?? '(no UPN)')} ${MARK.arrow} ${current.target ? visibleText(current.target.userPrincipalName) : 'no cloud user'}`}
            </Text>
            <Text wrap="truncate-end">{visibleText(current.forecast.reason)}</Text>
          </>
        ) : null}
      </Box>
    </Box>
  );
}
