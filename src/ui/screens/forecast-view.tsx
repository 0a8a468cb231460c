// What the next sync will change on the cloud user it joins (the forecast), before any write: a
// change of the sign-in name in red, the rest as plain before → after lines.
import { Box, Text } from 'ink';
import type { SyncForecast } from '../../core/sync-forecast.js';
import { MARK, Tone } from '../theme.js';

const show = (v: string | string[] | null) =>
  v === null ? '(none)' : Array.isArray(v) ? v.join(', ') || '(none)' : v;

export function ForecastView(props: { forecast: SyncForecast | null | undefined }) {
  const f = props.forecast;
  if (!f) return null;
  if (!f.cloudUserId) {
    return (
      <Text>{`The sync will create a new cloud user ${show(f.writes.userPrincipalName ?? null)}.`}</Text>
    );
  }
  if (f.changes.length === 0) {
    return <Text>{`${MARK.ok} The sync will change nothing else on ${f.cloudUserUpn}.`}</Text>;
  }
  return (
    <Box flexDirection="column">
      <Text bold>{`The sync will change on ${f.cloudUserUpn}:`}</Text>
      {f.changes.map((c) => {
        const line = `  ${c.property}: ${show(c.before)} → ${show(c.after)}`;
        return c.property === 'userPrincipalName' && f.signInNameChanges ? (
          <Tone key={c.property} tone="error">{`${line}  ${MARK.fail} new sign-in name`}</Tone>
        ) : (
          <Text key={c.property}>{line}</Text>
        );
      })}
    </Box>
  );
}
