// The plan: the ordered steps with what happened to each, then what to do next.
import { Box, Text } from 'ink';
import { planChoices } from '../../core/wizard/choices.js';
import type { PlanStep } from '../../core/plan-types.js';
import type { Screen, WizardState } from '../../core/wizard/state.js';
import { hiddenStepCount, visibleSteps } from '../../core/wizard/walk.js';
import { HangingText, Lines } from '../field.js';
import { ScreenLayout } from '../layout.js';
import { stringWidth, wrapHanging } from '../wrap.js';
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
        const kind = `(${stepKind(step)})`;
        const kindTone = step.writes && !step.reversible ? 'error' : 'muted';
        // Number (4) and mark (2), the description wrapped under itself; the kind after it, on
        // the last line when it fits there.
        const rows = wrapHanging('      ', step.description, columns);
        const last = rows[rows.length - 1]!;
        const kindOnLast = stringWidth(`${last[0]}${last[1]} ${kind}`) <= columns;
        return (
          <Lines
            key={`${i}-${step.action}`}
            lines={[
              ...rows.map(([head, text], j) => (
                <>
                  {j === 0 ? (
                    <>
                      {`${i + 1}.`.padEnd(4)}
                      {next ? MARK.pointer : <OutcomeMark status={result?.status} />}{' '}
                    </>
                  ) : (
                    head
                  )}
                  {text}
                  {j === rows.length - 1 && kindOnLast ? (
                    <>
                      {' '}
                      <Tone tone={kindTone}>{kind}</Tone>
                    </>
                  ) : null}
                </>
              )),
              ...(kindOnLast
                ? []
                : [
                    <>
                      {'      '}
                      <Tone tone={kindTone}>{kind}</Tone>
                    </>,
                  ]),
            ]}
          />
        );
      })}
      {steps.some((s) => s.action === 'TRIGGER_DELTA_SYNC' || s.action === 'MANUAL') ? (
        <Box marginTop={1}>
          <ForecastView forecast={state.diagnosis?.forecast} width={columns} />
        </Box>
      ) : null}
      {hidden > 0 ? (
        <HangingText
          prefix={`${MARK.warn} `}
          text={`${hidden} write step(s) hidden: read-only mode writes nothing.`}
          width={columns}
          tone="warn"
        />
      ) : null}
      {state.walk.halted ? (
        <HangingText
          prefix={`${MARK.fail} `}
          text="This plan stopped: nothing more in it will be written."
          width={columns}
          tone="error"
        />
      ) : null}
    </ScreenLayout>
  );
}
