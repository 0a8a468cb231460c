// The plan: the ordered steps with what happened to each, then what to do next.
import { Box, Text } from 'ink';
import { planChoices } from '../../core/wizard/choices.js';
import type { PlanStep } from '../../core/plan-types.js';
import type { Screen, WizardState } from '../../core/wizard/state.js';
import { hiddenStepCount, visibleSteps } from '../../core/wizard/walk.js';
import { ScreenLayout } from '../layout.js';
import { useTerminalSize } from '../terminal-size.js';
import { WrappedText } from '../wrapped-text.js';
import { SelectView } from '../select.js';
import { MARK, Tone } from '../theme.js';
import { ForecastView } from './forecast-view.js';
import { OutcomeMark } from './marks.js';

export function stepKind(step: PlanStep): string {
  if (step.action === 'MANUAL') return 'you do this';
  if (!step.writes) return 'no write';
  return step.reversible ? 'write, can be undone' : 'write, CANNOT be undone';
}

export function PlanScreen(props: { state: WizardState; screen: Extract<Screen, { kind: 'plan' }> }) {
  const { columns } = useTerminalSize();
  const { state, screen } = props;
  const steps = visibleSteps(state.diagnosis, state.config.readOnly);
  const hidden = hiddenStepCount(state.diagnosis, state.config.readOnly);
  return (
    <ScreenLayout actions={<SelectView items={planChoices(state)} cursor={screen.choice} />}>
      {screen.notice ? <WrappedText text={screen.notice} width={columns} /> : null}
      {steps.length === 0 ? <Text>{`${MARK.ok} Nothing to do from here.`}</Text> : null}
      {steps.map((step, i) => {
        const result = state.walk.results[i];
        const next = i === state.walk.next && !state.walk.halted;
        return (
          <Box key={`${i}-${step.action}`}>
            <Box width={4} flexShrink={0}>
              <Text>{`${i + 1}.`}</Text>
            </Box>
            <Box width={2} flexShrink={0}>
              {next ? <Text>{MARK.pointer}</Text> : <OutcomeMark status={result?.status} />}
            </Box>
            <Text>
              {step.description}{' '}
              {step.writes && !step.reversible ? (
                <Tone tone="error">{`(${stepKind(step)})`}</Tone>
              ) : (
                <Tone tone="muted">{`(${stepKind(step)})`}</Tone>
              )}
            </Text>
          </Box>
        );
      })}
      {steps.some((s) => s.action === 'TRIGGER_DELTA_SYNC' || s.action === 'MANUAL') ? (
        <Box marginTop={1}>
          <ForecastView forecast={state.diagnosis?.forecast} />
        </Box>
      ) : null}
      {hidden > 0 ? (
        <Tone tone="warn">{`${MARK.warn} ${hidden} write step(s) hidden: read-only mode writes nothing.`}</Tone>
      ) : null}
      {state.walk.halted ? (
        <Tone tone="error">{`${MARK.fail} This plan stopped: nothing more in it will be written.`}</Tone>
      ) : null}
    </ScreenLayout>
  );
}
