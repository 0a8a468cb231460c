// What a purge loses for good (issue 13, point 5), as Graph showed it, and whether restoring the
// deleted user is offered instead (or why not).
import { Box, Text } from 'ink';
import type { PlanStep } from '../../core/plan-types.js';
import { Field } from '../field.js';
import { Tone } from '../theme.js';

export function PurgeLossView(props: { step: PlanStep }) {
  const { step } = props;
  const bin = step.recycleBin;
  if (!bin) {
    return (
      <Field label="Lost:">
        <Tone tone="error">{`Object ${step.objectId ?? ''} and what it still holds (licences, mailbox).`}</Tone>
      </Field>
    );
  }
  return (
    <Field label="Lost:">
      <Box flexDirection="column">
        {bin.lost.map((line, i) => (
          <Tone key={i} tone="error">
            {line}
          </Tone>
        ))}
        {bin.restore ? <Text>{bin.restore}</Text> : null}
      </Box>
    </Field>
  );
}
