// The findings, most serious first: a one-line list, and below it the chosen one's explanation and
// evidence. `r` swaps in the raw values table.
import { Box, Text } from 'ink';
import type { Diagnosis } from '../../core/diagnosis-types.js';
import type { Screen } from '../../core/wizard/state.js';
import { orderedFindings } from '../../core/wizard/walk.js';
import { ScreenLayout } from '../layout.js';
import { WrappedText } from '../wrapped-text.js';
import { MARK, Tone } from '../theme.js';
import { SeverityMark } from './marks.js';
import { RawValues } from './raw-values.js';

export function FindingsScreen(props: {
  screen: Extract<Screen, { kind: 'findings' }>;
  diagnosis: Diagnosis | null;
  /** The terminal's width (for the app's own word wrapping). */
  columns?: number;
  /** Set when a write of this plan came after the reading: its step number (no stale screens). */
  readBefore?: number | null;
}) {
  const { diagnosis, screen } = props;
  if (!diagnosis) return <Text>No reading yet.</Text>;
  const asRead = props.readBefore ? (
    <Tone tone="warn">{`${MARK.warn} As read before step ${props.readBefore}: the writes since are not shown (the plan offers "Read the user again").`}</Tone>
  ) : null;
  if (screen.raw) {
    return (
      <ScreenLayout>
        {asRead}
        <RawValues diagnosis={diagnosis} />
      </ScreenLayout>
    );
  }
  const findings = orderedFindings(diagnosis);
  const chosen = findings[screen.cursor];
  const columns = props.columns ?? 80;
  return (
    <ScreenLayout>
      {asRead}
      <TargetLine diagnosis={diagnosis} columns={columns} />
      {findings.length === 0 ? <Text>{`${MARK.ok} Nothing wrong was found.`}</Text> : null}
      {findings.map((f, i) => (
        <Box key={`${f.code}-${i}`}>
          <Text>{i === screen.cursor ? `${MARK.pointer} ` : '  '}</Text>
          <SeverityMark severity={f.severity} />
          <Text bold={i === screen.cursor}>{` ${f.code}`}</Text>
        </Box>
      ))}
      {chosen ? (
        <Box flexDirection="column" marginTop={1} borderStyle="single" paddingX={1}>
          {/* Wrapped by the app at words and token boundaries (the box's border and padding take 4). */}
          <WrappedText text={chosen.message} width={columns - 4} />
          {evidenceLines(chosen.evidence).map((line, i) => (
            <WrappedText key={i} text={line} width={columns - 4} />
          ))}
        </Box>
      ) : null}
    </ScreenLayout>
  );
}

function TargetLine(props: { diagnosis: Diagnosis; columns: number }) {
  const { onPrem, target } = props.diagnosis;
  const ad = onPrem ? (onPrem.userPrincipalName ?? onPrem.sAMAccountName ?? onPrem.dn) : 'no AD user';
  const cloud = target ? `${target.userPrincipalName} (${target.management})` : 'no cloud target';
  return <WrappedText text={`${ad} ${MARK.arrow} ${cloud}`} width={props.columns} />;
}

/** Evidence as "name: value" lines; one level of nested objects becomes "name.key: value". */
export function evidenceLines(evidence: Record<string, unknown>): string[] {
  return Object.entries(evidence).flatMap(([k, v]) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      return Object.entries(v as Record<string, unknown>).map(([k2, v2]) => `${k}.${k2}: ${scalar(v2)}`);
    }
    return [`${k}: ${scalar(v)}`];
  });
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null))
    return v.map(String).join(', ');
  return JSON.stringify(v);
}
