// The scan's summary: users per outcome (left) and per finding code (right), one cursor over both;
// Enter lists the users of the highlighted row.
import { Box, Text } from 'ink';
import type { FindingCode } from '../../core/findings.js';
import { OUTCOME_LABEL } from '../../core/scan/labels.js';
import { PROBLEM_OUTCOMES } from '../../core/scan/summary.js';
import type { Outcome, ScanResult } from '../../core/scan/types.js';
import { MARK, Tone } from '../theme.js';

/** The summary's rows: outcomes that occur, then the most frequent finding codes. */
export interface SummaryRows {
  outcomes: { outcome: Outcome; count: number }[];
  findings: { code: FindingCode; count: number }[];
  /** Codes left out for want of room. */
  moreFindings: number;
  /** The list filter each row opens, in cursor order. */
  filters: string[];
}

export function summaryRows(result: ScanResult, maxFindings: number): SummaryRows {
  const s = result.summary;
  const outcomes = (Object.keys(s.byOutcome) as Outcome[])
    .filter((o) => s.byOutcome[o] > 0)
    .map((outcome) => ({ outcome, count: s.byOutcome[outcome] }));
  const all = (Object.entries(s.byFinding) as [FindingCode, number][])
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count);
  const findings = all.slice(0, maxFindings);
  return {
    outcomes,
    findings,
    moreFindings: all.length - findings.length,
    filters: [...outcomes.map((o) => o.outcome), ...findings.map((f) => f.code)],
  };
}

function Row(props: {
  here: boolean;
  mark: string;
  tone: 'ok' | 'error' | 'muted' | 'warn';
  label: string;
  count: number;
  /** Characters for the label (the count takes 7 more). */
  width: number;
}) {
  const text = `${props.label.padEnd(props.width).slice(0, props.width)}${String(props.count).padStart(7)}`;
  return (
    <Box>
      <Text>{props.here ? `${MARK.pointer} ` : '  '}</Text>
      <Tone tone={props.tone}>{`${props.mark} `}</Tone>
      {props.here ? (
        <Tone tone="accent" bold>
          {text}
        </Tone>
      ) : (
        <Text>{text}</Text>
      )}
    </Box>
  );
}

export function SummaryView(props: { result: ScanResult; rows: SummaryRows; cursor: number }) {
  const { result, rows, cursor } = props;
  const s = result.summary;
  const cloud = result.cloudOnly;
  const fates = {
    stay: cloud.filter((c) => c.fate === 'stays-cloud-only').length,
    deleted: cloud.filter((c) => c.fate === 'soft-deleted').length,
    orphans: cloud.filter((c) => c.fate === 'orphaned-synced').length,
  };
  return (
    <Box flexDirection="column">
      <Text>
        {`${s.forecast} users forecast · ${s.problems} to act on · ${result.duplicates.length} duplicates`}
      </Text>
      <Box marginTop={1}>
        <Box flexDirection="column" width={39}>
          <Text bold>{`    ${'Next sync'.padEnd(28)}${'users'.padStart(7)}`}</Text>
          {rows.outcomes.map((o, i) => (
            <Row
              key={o.outcome}
              here={cursor === i}
              mark={
                PROBLEM_OUTCOMES.has(o.outcome)
                  ? MARK.fail
                  : o.outcome === 'not-synced'
                    ? MARK.skipped
                    : MARK.ok
              }
              tone={PROBLEM_OUTCOMES.has(o.outcome) ? 'error' : o.outcome === 'not-synced' ? 'muted' : 'ok'}
              label={OUTCOME_LABEL[o.outcome]}
              count={o.count}
              width={28}
            />
          ))}
        </Box>
        <Box flexDirection="column" width={39}>
          <Text bold>{`    ${'Findings'.padEnd(28)}${'users'.padStart(7)}`}</Text>
          {rows.findings.map((f, i) => (
            <Row
              key={f.code}
              here={cursor === rows.outcomes.length + i}
              mark={MARK.info}
              tone="warn"
              label={f.code}
              count={f.count}
              width={28}
            />
          ))}
          {rows.moreFindings > 0 ? (
            <Tone tone="muted">{`    + ${rows.moreFindings} more: type a code in the list`}</Tone>
          ) : null}
        </Box>
      </Box>
      <Box marginTop={1}>
        <Text wrap="truncate-end">
          {`Cloud users nobody claims: ${cloud.length} · ${fates.stay} stay cloud-only · ${fates.deleted} soft-deleted · ${fates.orphans} orphaned`}
        </Text>
      </Box>
    </Box>
  );
}
