// The scan's summary: users per outcome and per finding code, one cursor over both; Enter lists the
// users of the highlighted row (exactly those: the outcome, or the code). Findings carry the mark
// of their severity as the JSON reports it (the most serious one seen for that code). Side by side
// when the terminal is wide enough, else one under the other; rows that do not fit scroll around
// the cursor with "more" marks.
import { Box, Text } from 'ink';
import type { FindingCode, Severity } from '../../core/findings.js';
import { counted } from '../../core/plural.js';
import { OUTCOME_LABEL, scanScope, worstSeverityByCode } from '../../core/scan/labels.js';
import { PROBLEM_OUTCOMES } from '../../core/scan/summary.js';
import type { Outcome, ScanResult } from '../../core/scan/types.js';
import { scrollWindow } from '../scroll.js';
import { MARK, Tone, type ToneName } from '../theme.js';
import { wrapText } from '../wrap.js';
import { WrappedText } from '../wrapped-text.js';

/** The summary's rows: outcomes that occur, then the most frequent finding codes. */
export interface SummaryRows {
  outcomes: { outcome: Outcome; count: number }[];
  findings: { code: FindingCode; count: number; severity: Severity }[];
  /** Codes left out for want of room. */
  moreFindings: number;
  /** The exact scope each row opens the list with, in cursor order. */
  filters: string[];
}

export function summaryRows(result: ScanResult, maxFindings: number): SummaryRows {
  const s = result.summary;
  const worst = worstSeverityByCode(result.users);
  const outcomes = (Object.keys(s.byOutcome) as Outcome[])
    .filter((o) => s.byOutcome[o] > 0)
    .map((outcome) => ({ outcome, count: s.byOutcome[outcome] }));
  const all = (Object.entries(s.byFinding) as [FindingCode, number][])
    .map(([code, count]) => ({ code, count, severity: worst.get(code) ?? ('info' as Severity) }))
    .sort((a, b) => b.count - a.count);
  const findings = all.slice(0, maxFindings);
  return {
    outcomes,
    findings,
    moreFindings: all.length - findings.length,
    filters: [
      ...outcomes.map((o) => scanScope('outcome', o.outcome)),
      ...findings.map((f) => scanScope('finding', f.code)),
    ],
  };
}

const SEVERITY_MARK: Record<Severity, [string, ToneName]> = {
  error: [MARK.fail, 'error'],
  warning: [MARK.warn, 'warn'],
  info: [MARK.info, 'info'],
};

interface Line {
  /** Cursor position of a selectable row; null for headings and notes. */
  at: number | null;
  mark?: [string, ToneName];
  label: string;
  count?: number;
  bold?: boolean;
  muted?: boolean;
}

function outcomeMark(o: Outcome): [string, ToneName] {
  if (PROBLEM_OUTCOMES.has(o)) return [MARK.fail, 'error'];
  return o === 'not-synced' ? [MARK.skipped, 'muted'] : [MARK.ok, 'ok'];
}

function LineView(props: { line: Line; cursor: number; width: number }) {
  const { line, width } = props;
  const here = line.at !== null && line.at === props.cursor;
  if (line.count === undefined) {
    return (
      <Text wrap="truncate-end" bold={line.bold}>
        {line.muted ? <Tone tone="muted">{line.label || ' '}</Tone> : line.label || ' '}
      </Text>
    );
  }
  const text = `${line.label.padEnd(width)}${String(line.count).padStart(6)}`;
  return (
    <Box>
      <Text>{here ? `${MARK.pointer} ` : '  '}</Text>
      <Tone tone={line.mark![1]}>{`${line.mark![0]} `}</Tone>
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
}

function Column(props: { lines: Line[]; cursor: number; height: number; width: number }) {
  const selectable = props.lines.findIndex((l) => l.at === props.cursor);
  const view = scrollWindow(props.lines.length, selectable < 0 ? 0 : selectable, props.height);
  return (
    <Box flexDirection="column">
      {view.above > 0 ? <Tone tone="muted">{`  ↑ ${view.above} more`}</Tone> : null}
      {props.lines.slice(view.start, view.end).map((line, i) => (
        <LineView key={view.start + i} line={line} cursor={props.cursor} width={props.width} />
      ))}
      {view.below > 0 ? <Tone tone="muted">{`  ↓ ${view.below} more`}</Tone> : null}
    </Box>
  );
}

export function SummaryView(props: {
  result: ScanResult;
  rows: SummaryRows;
  cursor: number;
  /** Characters available. */
  columns: number;
  /** Lines available for the whole summary. */
  height: number;
}) {
  const { result, rows, cursor, columns } = props;
  const s = result.summary;
  const cloud = result.cloudOnly;
  const fates = {
    stay: cloud.filter((c) => c.fate === 'stays-cloud-only').length,
    deleted: cloud.filter((c) => c.fate === 'soft-deleted').length,
    orphans: cloud.filter((c) => c.fate === 'orphaned-synced').length,
  };
  const outcomeWidth = Math.max(...Object.values(OUTCOME_LABEL).map((l) => l.length));
  const codeWidth = Math.max(8, ...rows.findings.map((f) => f.code.length));
  const outcomeLines: Line[] = [
    { at: null, label: `    ${'Next sync'.padEnd(outcomeWidth)}${'users'.padStart(6)}`, bold: true },
    ...rows.outcomes.map((o, i) => ({
      at: i,
      mark: outcomeMark(o.outcome),
      label: OUTCOME_LABEL[o.outcome],
      count: o.count,
    })),
  ];
  const findingLines: Line[] = [
    { at: null, label: `    ${'Findings'.padEnd(codeWidth)}${'users'.padStart(6)}`, bold: true },
    ...rows.findings.map((f, i) => ({
      at: rows.outcomes.length + i,
      mark: SEVERITY_MARK[f.severity],
      label: f.code,
      count: f.count,
    })),
    ...(rows.moreFindings > 0
      ? [{ at: null, label: `    + ${rows.moreFindings} more: type a code in the list`, muted: true }]
      : []),
  ];
  const headline = `${counted(s.forecast, 'user')} forecast · ${s.problems} to act on · ${counted(result.duplicates.length, 'duplicate')}`;
  const cloudLine = `Cloud users nobody claims: ${cloud.length} · ${fates.stay} stay cloud-only · ${fates.deleted} soft-deleted · ${fates.orphans} orphaned`;
  // Each column: pointer and mark (4), the label, the count (6); one space between the columns.
  const sideBySide = columns >= outcomeWidth + codeWidth + 2 * 10 + 1;
  // Headline (wrapped, ≤ 2 lines), a margin, the table, a margin, the cloud line (≤ 2 lines): the
  // table gets what the two texts leave as they are wrapped at this width.
  const textLines = (t: string) => Math.min(wrapText(t, columns).length, 2);
  const table = Math.max(props.height - textLines(headline) - textLines(cloudLine) - 2, 3);
  return (
    <Box flexDirection="column">
      <WrappedText text={headline} width={columns} maxLines={2} />
      <Box marginTop={1} flexDirection={sideBySide ? 'row' : 'column'}>
        {sideBySide ? (
          <>
            <Box flexDirection="column" width={outcomeWidth + 11}>
              <Column lines={outcomeLines} cursor={cursor} height={table} width={outcomeWidth} />
            </Box>
            <Box flexDirection="column">
              <Column lines={findingLines} cursor={cursor} height={table} width={codeWidth} />
            </Box>
          </>
        ) : (
          <Column
            lines={[...outcomeLines, { at: null, label: '' }, ...findingLines]}
            cursor={cursor}
            height={table}
            width={Math.max(outcomeWidth, codeWidth)}
          />
        )}
      </Box>
      <Box marginTop={1}>
        <WrappedText text={cloudLine} width={columns} maxLines={2} />
      </Box>
    </Box>
  );
}
