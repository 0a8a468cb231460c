// The PowerShell behind a step (issue 17), shown on the confirm and manual screens when p (or Tab)
// toggles it on: each command under a muted line saying what it does and where it runs. Commands
// are wrapped with PowerShell's line continuation, so a copied block still runs (wrap-powershell.ts).
import { Box, Text } from 'ink';
import type { PlanStep } from '../../core/plan-types.js';
import { MODULE_WHERE } from '../../core/powershell/types.js';
import { HangingText, Lines, useWidth } from '../field.js';
import { wrapPowerShell } from '../wrap-powershell.js';

export function PowerShellView(props: { step: PlanStep; width?: number }) {
  const width = useWidth(props.width);
  const eq = props.step.powershell;
  if (!eq)
    return (
      <HangingText
        prefix=""
        text="No PowerShell equivalent was worked out for this step."
        width={width}
        tone="muted"
      />
    );
  if (!eq.available)
    return <HangingText prefix="" text={`PowerShell: ${eq.reason}`} width={width} tone="muted" />;
  const blocks = eq.commands.map((c) => ({ c, wrapped: wrapPowerShell(c.script, width) }));
  return (
    <Box flexDirection="column">
      <Lines lines={[<Text bold>PowerShell</Text>]} />
      {blocks.map(({ c, wrapped }, i) => (
        <Box key={i} flexDirection="column">
          <HangingText
            prefix="# "
            text={`${c.purpose} (${MODULE_WHERE[c.module]})`}
            width={width}
            tone="muted"
          />
          <Lines lines={wrapped.lines} />
        </Box>
      ))}
      {eq.note ? <HangingText prefix="# " text={eq.note} width={width} tone="muted" /> : null}
      {blocks.some((b) => b.wrapped.wide) ? (
        <HangingText
          prefix="# "
          text="A value wider than this window is broken after a separator: copy it from a wider window or the ticket (t on the summary, --report)."
          width={width}
          tone="muted"
        />
      ) : null}
    </Box>
  );
}
