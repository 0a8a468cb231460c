// The raw attribute table: AD beside the cloud target, differences marked ≠ (and coloured).
import { Box, Text } from 'ink';
import type { Diagnosis } from '../../core/diagnosis-types.js';
import { rawValueRows, type RawRow } from '../../core/wizard/raw-values.js';
import { MARK, Tone } from '../theme.js';

export function RawValues(props: { diagnosis: Diagnosis }) {
  return <ValueTable rows={rawValueRows(props.diagnosis)} left="AD (on-premises)" right="cloud target" />;
}

/** Two columns of values with a mark per row: = same, ≠ different, blank not comparable. */
export function ValueTable(props: { rows: RawRow[]; left: string; right: string }) {
  return (
    <Box flexDirection="column">
      <Row mark=" " attribute="" ad={props.left} cloud={props.right} bold />
      {props.rows.map((row) => (
        <Row
          key={row.attribute}
          mark={row.same === null ? ' ' : row.same ? MARK.same : MARK.differs}
          differs={row.same === false}
          attribute={row.attribute}
          ad={row.ad}
          cloud={row.cloud}
        />
      ))}
    </Box>
  );
}

function Row(props: {
  mark: string;
  attribute: string;
  ad: string;
  cloud: string;
  differs?: boolean;
  bold?: boolean;
}) {
  const value = (v: string) =>
    props.differs ? <Tone tone="warn">{v}</Tone> : <Text bold={props.bold}>{v}</Text>;
  return (
    <Box>
      <Box width={2} flexShrink={0}>
        {props.differs ? <Tone tone="warn">{props.mark}</Tone> : <Text>{props.mark}</Text>}
      </Box>
      <Box width={22} flexShrink={0}>
        <Text bold={props.bold} wrap="truncate-end">
          {props.attribute}
        </Text>
      </Box>
      <Box width="50%" paddingRight={1}>
        {value(props.ad)}
      </Box>
      <Box width="50%">{value(props.cloud)}</Box>
    </Box>
  );
}
