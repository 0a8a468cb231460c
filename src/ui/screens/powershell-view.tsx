// The PowerShell behind a step (issue 17), shown on the confirm and manual screens when p (or Tab)
// toggles it on: each command under a muted line saying what it does and where it runs.
import { Box, Text } from 'ink';
import type { PlanStep } from '../../core/plan-types.js';
import { MODULE_WHERE } from '../../core/powershell/types.js';
import { Tone } from '../theme.js';

export function PowerShellView(props: { step: PlanStep }) {
  const eq = props.step.powershell;
  if (!eq) return <Tone tone="muted">No PowerShell equivalent was worked out for this step.</Tone>;
  if (!eq.available) return <Tone tone="muted">{`PowerShell: ${eq.reason}`}</Tone>;
  return (
    <Box flexDirection="column">
      <Text bold>PowerShell</Text>
      {eq.commands.map((c, i) => (
        <Box key={i} flexDirection="column">
          <Tone tone="muted">{`# ${c.purpose} (${MODULE_WHERE[c.module]})`}</Tone>
          <Text>{c.script}</Text>
        </Box>
      ))}
      {eq.note ? <Tone tone="muted">{`# ${eq.note}`}</Tone> : null}
    </Box>
  );
}
