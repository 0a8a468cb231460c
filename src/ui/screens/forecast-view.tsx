// What the next sync will change on the cloud user it joins (the forecast), before any write: a
// change of the sign-in name in red, the rest as plain before → after lines (wrapped by the app,
// each continuation under its value).
import { Box } from 'ink';
import type { SyncForecast } from '../../core/sync-forecast.js';
import { HangingText, useWidth } from '../field.js';
import { MARK } from '../theme.js';

const show = (v: string | string[] | null) =>
  v === null ? '(none)' : Array.isArray(v) ? v.join(', ') || '(none)' : v;

export function ForecastView(props: { forecast: SyncForecast | null | undefined; width?: number }) {
  const width = useWidth(props.width);
  const f = props.forecast;
  if (!f) return null;
  if (!f.cloudUserId) {
    return (
      <HangingText
        prefix=""
        text={`The sync will create a new cloud user ${show(f.writes.userPrincipalName ?? null)}.`}
        width={width}
      />
    );
  }
  if (f.changes.length === 0) {
    return (
      <HangingText
        prefix={`${MARK.ok} `}
        text={`The sync will change nothing else on ${f.cloudUserUpn}.`}
        width={width}
      />
    );
  }
  return (
    <Box flexDirection="column">
      <HangingText prefix="" text={`The sync will change on ${f.cloudUserUpn}:`} width={width} bold />
      {f.changes.map((c) => {
        const line = `${c.property}: ${show(c.before)} → ${show(c.after)}`;
        return c.property === 'userPrincipalName' && f.signInNameChanges ? (
          <HangingText
            key={c.property}
            prefix="  "
            text={`${line}  ${MARK.fail} new sign-in name`}
            width={width}
            tone="error"
          />
        ) : (
          <HangingText key={c.property} prefix="  " text={line} width={width} />
        );
      })}
    </Box>
  );
}
