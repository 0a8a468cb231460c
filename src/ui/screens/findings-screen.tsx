// The findings, most serious first: a one-line list, and below it the chosen one's explanation and
// evidence. `r` swaps in the raw values table.
import { Box, Text } from 'ink';
import type { Diagnosis } from '../../core/diagnosis-types.js';
import type { Screen } from '../../core/wizard/state.js';
import { orderedFindings } from '../../core/wizard/walk.js';
import { HangingText, Lines } from '../field.js';
import { ScreenLayout } from '../layout.js';
import { scrollWindow } from '../scroll.js';
import { AboveMark, BelowMark } from '../scroll-marks.js';
import { wrapHanging, wrapText } from '../wrap.js';
import { WrappedText } from '../wrapped-text.js';
import { MARK, Tone } from '../theme.js';
import { SeverityMark } from './marks.js';
import { RawValues } from './raw-values.js';

export function FindingsScreen(props: {
  screen: Extract<Screen, { kind: 'findings' }>;
  diagnosis: Diagnosis | null;
  /** The terminal's width (for the app's own word wrapping). */
  columns?: number;
  /** The terminal's height (the list and the box share what the frame leaves). */
  rows?: number;
  /** Set when a write of this plan came after the reading: its step number (no stale screens). */
  readBefore?: number | null;
}) {
  const { diagnosis, screen } = props;
  if (!diagnosis) return <Text>No reading yet.</Text>;
  const asRead = props.readBefore ? (
    <HangingText
      prefix={`${MARK.warn} `}
      text={`As read before step ${props.readBefore}: the writes since are not shown (the plan offers "Read the user again").`}
      width={props.columns}
      tone="warn"
    />
  ) : null;
  if (screen.raw) {
    return (
      <ScreenLayout>
        {asRead}
        <RawValues diagnosis={diagnosis} width={props.columns} />
      </ScreenLayout>
    );
  }
  const findings = orderedFindings(diagnosis);
  const chosen = findings[screen.cursor];
  const columns = props.columns ?? 80;
  // The body's rows: the terminal less the frame (header 3, keys 2, the line left free 1).
  const body = Math.max((props.rows ?? 24) - 6, 6);
  const asReadLines = props.readBefore ? 2 : 0;
  const targetLines = wrapText(targetText(diagnosis), columns).length;
  const free = body - asReadLines - targetLines;
  // The list gets what it needs up to a third of the room (at least 3 lines); the box the rest.
  const listRows = Math.min(findings.length, Math.max(3, Math.floor(free / 3)));
  const list = scrollWindow(findings.length, screen.cursor, listRows);
  const boxRows = Math.max(free - listRows - 3, 3);
  return (
    <ScreenLayout>
      {asRead}
      <TargetLine diagnosis={diagnosis} columns={columns} />
      {findings.length === 0 ? <Text>{`${MARK.ok} Nothing wrong was found.`}</Text> : null}
      {list.above > 0 ? <Tone tone="muted">{`  ↑ ${list.above} more`}</Tone> : null}
      {findings.slice(list.start, list.end).map((f, j) => {
        const i = list.start + j;
        return (
          <Box key={`${f.code}-${i}`}>
            <Text>{i === screen.cursor ? `${MARK.pointer} ` : '  '}</Text>
            <SeverityMark severity={f.severity} />
            <Text bold={i === screen.cursor}>{` ${f.code}`}</Text>
          </Box>
        );
      })}
      {list.below > 0 ? <Tone tone="muted">{`  ↓ ${list.below} more`}</Tone> : null}
      {chosen ? (
        <Box flexDirection="column" marginTop={1} borderStyle="single" paddingX={1}>
          {/* Wrapped by the app at words and token boundaries (the box's border and padding take 4). */}
          <DetailBox
            entries={[chosen.message, ...evidenceLines(chosen.evidence)]}
            from={screen.detail ?? 0}
            width={columns - 4}
            rows={boxRows}
          />
        </Box>
      ) : null}
    </ScreenLayout>
  );
}

/**
 * The explanation as a scrolling region: entries (the message, then each evidence line) from
 * `from` on, wrapped, at most `rows` lines; marks say what is above (PgUp) and below (PgDn).
 */
export function DetailBox(props: { entries: readonly string[]; from: number; width: number; rows: number }) {
  const from = Math.min(Math.max(props.from, 0), Math.max(props.entries.length - 1, 0));
  const wrapped = props.entries.slice(from).flatMap((entry) => {
    const colon = entry.indexOf(': ');
    // Evidence "name: value" hangs under its value; the message wraps as a paragraph.
    const pairs =
      colon > 0 && colon < 40 && !entry.slice(0, colon).includes(' ')
        ? wrapHanging(entry.slice(0, colon + 2), entry.slice(colon + 2), props.width)
        : wrapHanging('', entry, props.width);
    return pairs.map(([head, text]) => `${head}${text}`);
  });
  // The marks take a line each: "↑ N above" counts entries, "↓ N more lines" wrapped lines.
  const room = Math.max(props.rows - (from > 0 ? 1 : 0), 1);
  const cut = wrapped.length > room;
  const shown = cut ? wrapped.slice(0, room - 1) : wrapped;
  return (
    <Box flexDirection="column">
      <AboveMark count={from} />
      <Lines lines={shown} />
      <BelowMark count={wrapped.length - shown.length} />
    </Box>
  );
}

function targetText(diagnosis: Diagnosis): string {
  const { onPrem, target } = diagnosis;
  const ad = onPrem ? (onPrem.userPrincipalName ?? onPrem.sAMAccountName ?? onPrem.dn) : 'no AD user';
  const cloud = target ? `${target.userPrincipalName} (${target.management})` : 'no cloud target';
  return `${ad} ${MARK.arrow} ${cloud}`;
}

function TargetLine(props: { diagnosis: Diagnosis; columns: number }) {
  return <WrappedText text={targetText(props.diagnosis)} width={props.columns} />;
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

/** A value as text with spaces between its parts (so it wraps between them, never inside one). */
function scalar(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v))
    return v.map((x) => (x !== null && typeof x === 'object' ? scalar(x) : String(x))).join(', ');
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${typeof x === 'string' ? x : scalar(x)}`)
      .join(', ')}}`;
  return JSON.stringify(v) ?? String(v);
}
