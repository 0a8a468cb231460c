// The raw attribute table: AD beside the cloud target, differences marked ≠ (and coloured). Laid
// out by the app for the terminal's width: a row whose values fit their columns (each value wrapped
// at spaces in its column) stays a table row; a row with a value too wide for its column is shown
// stacked, each side on its own lines under the attribute, so no value is ever broken mid-token.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Diagnosis } from '../../core/diagnosis-types.js';
import { rawValueRows, type RawRow } from '../../core/wizard/raw-values.js';
import { Lines, useWidth } from '../field.js';
import { MARK, Tone } from '../theme.js';
import { stringWidth, wrapHanging, wrapText } from '../wrap.js';

export function RawValues(props: { diagnosis: Diagnosis; width?: number }) {
  return (
    <ValueTable
      rows={rawValueRows(props.diagnosis)}
      left="AD (on-premises)"
      right="cloud target"
      leftShort="AD"
      rightShort="cloud"
      width={props.width}
    />
  );
}

const pad = (s: string, w: number) => s + ' '.repeat(Math.max(w - stringWidth(s), 0));
const fitsColumn = (value: string, w: number) => value.split(' ').every((t) => stringWidth(t) <= w);

/** Two columns of values with a mark per row: = same, ≠ different, blank not comparable. */
export function ValueTable(props: {
  rows: RawRow[];
  left: string;
  right: string;
  /** The sides' names on a stacked row (default: left and right). */
  leftShort?: string;
  rightShort?: string;
  width?: number;
}) {
  const width = useWidth(props.width);
  const attr = Math.min(22, Math.max(...props.rows.map((r) => stringWidth(r.attribute) + 1), 10));
  const column = Math.max(Math.floor((width - 2 - attr - 1) / 2), 8);
  const lines: ReactNode[] = [];
  const value = (v: string, differs: boolean, bold?: boolean) =>
    differs ? <Tone tone="warn">{v}</Tone> : <Text bold={bold}>{v}</Text>;
  const header = wrapText(props.left, column);
  lines.push(
    <Text
      bold
    >{`  ${pad('attribute', attr)}${pad(header[0] ?? '', column + 1)}${wrapText(props.right, column)[0] ?? ''}`}</Text>,
  );
  for (const row of props.rows) {
    const differs = row.same === false;
    const mark = row.same === null ? ' ' : row.same ? MARK.same : MARK.differs;
    const markNode = differs ? <Tone tone="warn">{mark}</Tone> : mark;
    if (fitsColumn(row.ad, column) && fitsColumn(row.cloud, column) && stringWidth(row.attribute) < attr) {
      const ad = wrapText(row.ad, column);
      const cloud = wrapText(row.cloud, column);
      for (let i = 0; i < Math.max(ad.length, cloud.length); i++) {
        lines.push(
          <>
            {i === 0 ? markNode : ' '}
            {` ${pad(i === 0 ? row.attribute : '', attr)}`}
            {value(pad(ad[i] ?? '', column), differs)} {value(cloud[i] ?? '', differs)}
          </>,
        );
      }
      continue;
    }
    // Stacked: the attribute on its own line, each side under it.
    for (const [head, rest] of wrapHanging(`${mark} `, row.attribute, width))
      lines.push(
        head === `${mark} ` ? (
          <>
            {markNode} {rest}
          </>
        ) : (
          `${head}${rest}`
        ),
      );
    const l = props.leftShort ?? props.left;
    const r = props.rightShort ?? props.right;
    const label = Math.max(stringWidth(l), stringWidth(r)) + 2;
    for (const [name, v] of [
      [l, row.ad],
      [r, row.cloud],
    ] as const) {
      for (const [head, rest] of wrapHanging(`    ${pad(`${name}:`, label)}`, v, width))
        lines.push(
          <>
            {head}
            {value(rest, differs)}
          </>,
        );
    }
  }
  return (
    <Box flexDirection="column">
      <Lines lines={lines} />
    </Box>
  );
}
